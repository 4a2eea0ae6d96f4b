from django.utils.translation import gettext_lazy as _
from import_export import fields

from catalogue.import_values import ChoiceListWidget
from catalogue.resources import (
    PublishableResource,
    not_negative,
    slug_of,
    translated,
)
from instruments.models import ApplicantType, Instrument
from taxonomy.models import Organisation


class InstrumentResource(PublishableResource):
    administrator = slug_of("administrator", Organisation)
    parent = slug_of("parent", Instrument)
    successor = slug_of("successor", Instrument)
    eligible_applicants = fields.Field(
        attribute="eligible_applicants",
        column_name="eligible_applicants",
        widget=ChoiceListWidget(ApplicantType.choices),
    )

    class Meta(PublishableResource.Meta):
        model = Instrument
        fields = (
            "slug",
            "status",
            *translated(*Instrument.translated_fields),
            "acronym",
            "kind",
            "level",
            "administrator",
            "parent",
            "funding_source",
            "eligible_applicants",
            "allocation",
            "grant_min",
            "grant_max",
            "currency",
            "cofinancing_rate",
            "call_frequency",
            "call_status",
            "next_deadline",
            "status_verified_on",
            "verify_url",
            "application_url",
            "successor",
            "valid_from",
            "valid_to",
            "evidence_level",
            "themes",
            "target_groups",
            "places",
            "sources",
        )
        export_order = fields

    def row_errors(self, instance):
        errors = super().row_errors(instance)
        errors.update(not_negative(instance, ("allocation", "grant_min", "grant_max")))
        low, high = instance.grant_min, instance.grant_max
        if low is not None and high is not None and low > high:
            errors["grant_max"] = _("The maximum grant must not be lower than the minimum grant.")
        if instance.cofinancing_rate is not None and not 0 <= instance.cofinancing_rate <= 100:
            errors["cofinancing_rate"] = _("The co-financing rate must be between 0 and 100 %.")
        start, end = instance.valid_from, instance.valid_to
        if start is not None and end is not None and end < start:
            errors["valid_to"] = _("The last year of validity must not be before the first.")
        return errors
