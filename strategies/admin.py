from django.contrib import admin
from django.db.models import Case, IntegerField, Value, When

from catalogue.admin import (
    SECTION_CLASSIFICATION,
    SECTION_RECORD,
    SECTION_TEXT,
    ImportExportAdmin,
    PublishableAdmin,
    TranslatedAdmin,
    TranslatedStackedInline,
)
from strategies.models import Scenario, Step, Strategy
from strategies.resources import ScenarioResource, StrategyResource


def phase_order():
    """Phases in the order a town lives through them (not alphabetical)."""
    return Case(
        *[When(phase=phase, then=Value(index)) for index, phase in enumerate(Step.PHASE_ORDER)],
        output_field=IntegerField(),
    )


class StepInline(TranslatedStackedInline):
    model = Step
    fields = (
        ("phase", "position"),
        "title",
        "description",
        "responsible",
        "time_frame",
        "instruments",
        "projects",
    )
    autocomplete_fields = ("instruments", "projects")

    def get_queryset(self, request):
        return super().get_queryset(request).order_by(phase_order(), "position", "id")


@admin.register(Scenario)
class ScenarioAdmin(ImportExportAdmin, TranslatedAdmin):
    resource_classes = [ScenarioResource]
    list_display = ("title", "slug", "position")
    list_editable = ("position",)
    search_fields = ("title_cs", "title_en", "slug")
    prepopulated_fields = {"slug": ("title",)}
    fields = ("title", "slug", "position", "situation", "warning_signs", "indicators")


@admin.register(Strategy)
class StrategyAdmin(PublishableAdmin):
    resource_classes = [StrategyResource]
    inlines = (StepInline,)
    list_display = (
        "title",
        "status",
        "scenario",
        "place_kind",
        "english_translation",
        "updated_at",
        "updated_by",
        "preview_link",
    )
    list_select_related = ("updated_by", "scenario")
    list_filter = ("status", "scenario", "place_kind", *PublishableAdmin.classification_filters)
    autocomplete_fields = ("scenario", *PublishableAdmin.classification_fields)
    fieldsets = (
        (None, {"fields": ("title", "slug", "status", ("scenario", "place_kind"), "summary")}),
        (SECTION_TEXT, {"fields": ("goals", "key_actors", "risks")}),
        (SECTION_CLASSIFICATION, {"fields": PublishableAdmin.classification_fields}),
        (SECTION_RECORD, {"fields": PublishableAdmin.record_fields, "classes": ("collapse",)}),
    )
