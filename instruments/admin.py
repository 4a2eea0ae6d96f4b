from django import forms
from django.contrib import admin
from django.utils.text import capfirst

from catalogue.admin import (
    SECTION_ASSESSMENT,
    SECTION_CLASSIFICATION,
    SECTION_FACTS,
    SECTION_RECORD,
    SECTION_TEXT,
    PublishableAdmin,
)
from instruments.models import ApplicantType, Instrument
from instruments.resources import InstrumentResource


@admin.register(Instrument)
class InstrumentAdmin(PublishableAdmin):
    resource_classes = [InstrumentResource]
    list_display = (
        "title",
        "acronym",
        "status",
        "kind",
        "level",
        "call_status",
        "next_deadline",
        "status_verified_on",
        "english_translation",
        "updated_at",
        "updated_by",
        "preview_link",
    )
    list_select_related = ("updated_by",)
    list_filter = (
        "status",
        "kind",
        "level",
        "call_status",
        "funding_source",
        "evidence_level",
        *PublishableAdmin.classification_filters,
    )
    search_fields = (*PublishableAdmin.search_fields, "acronym")
    autocomplete_fields = (
        "administrator",
        "parent",
        "successor",
        *PublishableAdmin.classification_fields,
    )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "eligible_applicants":
            # A fixed list of applicant types: tick boxes rather than comma-separated codes.
            return forms.TypedMultipleChoiceField(
                label=capfirst(db_field.verbose_name),
                choices=ApplicantType.choices,
                widget=forms.CheckboxSelectMultiple,
                required=False,
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    fieldsets = (
        (None, {"fields": ("title", "acronym", "slug", "status", "summary")}),
        (
            SECTION_FACTS,
            {
                "fields": (
                    ("kind", "level"),
                    "administrator",
                    "parent",
                    "funding_source",
                    "eligible_applicants",
                    ("allocation", "grant_min", "grant_max", "currency"),
                    "cofinancing_rate",
                    "funding_period",
                    ("call_frequency", "call_status", "next_deadline"),
                    ("status_verified_on", "verify_url"),
                    "application_url",
                    "successor",
                    ("valid_from", "valid_to"),
                )
            },
        ),
        (
            SECTION_TEXT,
            {"fields": ("purpose", "eligible_activities", "conditions", "legal_basis")},
        ),
        (
            SECTION_ASSESSMENT,
            {"fields": ("results", "strengths", "weaknesses", "evidence_level", "when_to_use")},
        ),
        (SECTION_CLASSIFICATION, {"fields": PublishableAdmin.classification_fields}),
        (SECTION_RECORD, {"fields": PublishableAdmin.record_fields, "classes": ("collapse",)}),
    )
