from django.contrib import admin

from catalogue.admin import (
    SECTION_CLASSIFICATION,
    SECTION_FACTS,
    SECTION_RECORD,
    SECTION_TEXT,
    PublishableAdmin,
    TranslatedTabularInline,
)
from projects.models import FundingLine, KeyFigure, Partnership, Project
from projects.resources import ProjectResource


class PartnershipInline(TranslatedTabularInline):
    model = Partnership
    autocomplete_fields = ("organisation",)
    fields = ("organisation", "role", "note")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisation")


class FundingLineInline(TranslatedTabularInline):
    model = FundingLine
    autocomplete_fields = ("instrument",)
    fields = ("instrument", "note", "amount", "currency", "year")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("instrument")


class KeyFigureInline(TranslatedTabularInline):
    model = KeyFigure
    fields = ("position", "label", "value", "unit", "counts_reach")


@admin.register(Project)
class ProjectAdmin(PublishableAdmin):
    resource_classes = [ProjectResource]
    inlines = (PartnershipInline, FundingLineInline, KeyFigureInline)
    list_display = (
        "title",
        "status",
        "lead_organisation",
        "start_year",
        "evidence_level",
        "english_translation",
        "updated_at",
        "updated_by",
        "preview_link",
    )
    list_select_related = ("updated_by", "lead_organisation")
    list_filter = (
        "status",
        "evidence_level",
        "is_good_practice",
        "ongoing",
        *PublishableAdmin.classification_filters,
    )
    autocomplete_fields = ("lead_organisation", *PublishableAdmin.classification_fields)
    fieldsets = (
        (None, {"fields": ("title", "original_name", "slug", "status", "summary")}),
        (
            SECTION_TEXT,
            {
                "fields": (
                    "objectives",
                    "activities",
                    "beneficiaries",
                    "results",
                    "evaluation",
                    "lessons",
                )
            },
        ),
        (
            SECTION_FACTS,
            {
                "fields": (
                    "lead_organisation",
                    ("start_year", "end_year", "ongoing"),
                    "evidence_level",
                    "is_good_practice",
                    "website",
                    "contact_name",
                    "contact_function",
                )
            },
        ),
        (SECTION_CLASSIFICATION, {"fields": PublishableAdmin.classification_fields}),
        (SECTION_RECORD, {"fields": PublishableAdmin.record_fields, "classes": ("collapse",)}),
    )
