from django.utils.translation import gettext_lazy as _

from catalogue.resources import (
    PublishableResource,
    RowSheetResource,
    not_negative,
    slug_of,
    translated,
)
from instruments.models import Instrument
from projects.models import FundingLine, KeyFigure, Partnership, Project
from taxonomy.models import Organisation


class FundingLineResource(RowSheetResource):
    project = slug_of("project", Project)
    instrument = slug_of("instrument", Instrument)
    required_columns = ("project",)

    class Meta:
        model = FundingLine
        fields = ("project", "instrument", "amount", "currency", "year", *translated("note"))
        export_order = fields

    def row_errors(self, instance):
        errors = super().row_errors(instance)
        errors.update(not_negative(instance, ("amount",)))
        return errors


class KeyFigureResource(RowSheetResource):
    project = slug_of("project", Project)
    required_columns = ("project", "label_cs", "value")

    class Meta:
        model = KeyFigure
        fields = (
            "project",
            "position",
            *translated("label"),
            "value",
            *translated("unit"),
            "counts_reach",
        )
        export_order = fields


class PartnershipResource(RowSheetResource):
    project = slug_of("project", Project)
    organisation = slug_of("organisation", Organisation)
    required_columns = ("project", "organisation")
    unique_together = ("organisation_id", "role")

    class Meta:
        model = Partnership
        fields = ("project", "organisation", "role", *translated("note"))
        export_order = fields


class ProjectResource(PublishableResource):
    lead_organisation = slug_of("lead_organisation", Organisation)
    row_sheets = (FundingLineResource, KeyFigureResource, PartnershipResource)

    class Meta(PublishableResource.Meta):
        model = Project
        fields = (
            "slug",
            "status",
            *translated(*Project.translated_fields),
            "lead_organisation",
            "start_year",
            "end_year",
            "ongoing",
            "evidence_level",
            "is_good_practice",
            "contact_name",
            "website",
            "themes",
            "target_groups",
            "places",
            "sources",
        )
        export_order = fields

    def row_errors(self, instance):
        errors = super().row_errors(instance)
        start, end = instance.start_year, instance.end_year
        if start is not None and end is not None and end < start:
            errors["end_year"] = _("The end year must not be before the start year.")
        return errors
