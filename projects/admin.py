from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from catalogue.admin import (
    SECTION_CLASSIFICATION,
    SECTION_FACTS,
    SECTION_RECORD,
    SECTION_TEXT,
    PublishableAdmin,
    TranslatedAdmin,
    TranslatedTabularInline,
)
from projects.models import (
    FundingLine,
    GoodPracticeCriterion,
    KeyFigure,
    Partnership,
    Project,
)
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


class ProjectAdminForm(forms.ModelForm):
    """The good-practice criteria as checkboxes, checked against the flag before anything is saved."""

    criteria_met = forms.ModelMultipleChoiceField(
        label=_("good-practice criteria met"),
        queryset=GoodPracticeCriterion.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Tick every criterion the project meets; the methodology page explains them."),
    )

    class Meta:
        model = Project
        fields = ("is_good_practice",)  # the admin adds the fields of its fieldsets

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["criteria_met"] = list(
                self.instance.good_practice_criteria.values_list("pk", flat=True)
            )

    def clean(self):
        data = super().clean()
        # The model's validation (run next) checks the flag against these, not the saved ones.
        self.instance._pending_good_practice_criteria = list(data.get("criteria_met") or [])
        return data

    def _save_m2m(self):
        super()._save_m2m()
        self.instance.good_practice_criteria.set(self.cleaned_data.get("criteria_met") or [])


@admin.register(GoodPracticeCriterion)
class GoodPracticeCriterionAdmin(TranslatedAdmin):
    list_display = ("name", "required", "position")
    list_editable = ("required", "position")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Project)
class ProjectAdmin(PublishableAdmin):
    form = ProjectAdminForm
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
                    "criteria_met",
                    "website",
                    "contact_name",
                    "contact_function",
                )
            },
        ),
        (SECTION_CLASSIFICATION, {"fields": PublishableAdmin.classification_fields}),
        (SECTION_RECORD, {"fields": PublishableAdmin.record_fields, "classes": ("collapse",)}),
    )
