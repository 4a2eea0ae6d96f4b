from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from catalogue.admin import GuardedHistoryAdmin, ImportExportAdmin, TranslatedAdmin
from taxonomy.models import Organisation, Place, Source, TargetGroup, Theme, ThesaurusEntry
from taxonomy.resources import (
    OrganisationResource,
    PlaceResource,
    SourceResource,
    TargetGroupResource,
    ThemeResource,
)


class VocabularyAdmin(ImportExportAdmin, TranslatedAdmin):
    list_display = ("name", "slug", "position")
    list_editable = ("position",)
    search_fields = ("name_cs", "name_en", "slug")
    prepopulated_fields = {"slug": ("name",)}
    fields = ("name", "slug", "description", "position")


@admin.register(Theme)
class ThemeAdmin(VocabularyAdmin):
    resource_classes = [ThemeResource]


@admin.register(TargetGroup)
class TargetGroupAdmin(VocabularyAdmin):
    resource_classes = [TargetGroupResource]


@admin.register(Place)
class PlaceAdmin(ImportExportAdmin, TranslatedAdmin):
    resource_classes = [PlaceResource]
    list_display = ("name", "kind", "code", "parent")
    list_select_related = ("parent",)
    list_filter = ("kind",)
    search_fields = ("name_cs", "name_en", "code", "slug")
    autocomplete_fields = ("parent",)
    prepopulated_fields = {"slug": ("name",)}
    fields = ("name", "slug", "kind", "parent", "code")


@admin.register(Organisation)
class OrganisationAdmin(ImportExportAdmin, TranslatedAdmin):
    resource_classes = [OrganisationResource]
    list_display = ("name", "acronym", "kind", "place")
    list_select_related = ("place",)
    list_filter = ("kind",)
    search_fields = ("name_cs", "name_en", "acronym", "slug")
    autocomplete_fields = ("place",)
    prepopulated_fields = {"slug": ("name",)}
    fields = ("name", "acronym", "slug", "kind", "place", "website", "description")


@admin.register(Source)
class SourceAdmin(ImportExportAdmin, GuardedHistoryAdmin):
    resource_classes = [SourceResource]
    list_display = ("title", "publisher", "year", "accessed")
    search_fields = ("title", "publisher", "slug")
    list_filter = ("year",)
    prepopulated_fields = {"slug": ("title",)}
    fields = ("title", "slug", "publisher", "year", "url", "accessed")


@admin.register(ThesaurusEntry)
class ThesaurusEntryAdmin(GuardedHistoryAdmin):
    list_display = ("__str__", "narrower_summary", "note")
    search_fields = ("terms_cs", "terms_en", "narrower_cs", "narrower_en", "note")
    fieldsets = (
        (None, {"fields": (("terms_cs", "terms_en"),)}),
        (_("Narrower terms"), {"fields": (("narrower_cs", "narrower_en"),)}),
        (None, {"fields": ("note",)}),
    )

    @admin.display(description=_("narrower terms"))
    def narrower_summary(self, obj):
        return ", ".join(obj.narrower_terms()[:4])
