"""What the API returns for an instrument."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from catalogue.api import EntryRefSerializer, EntrySerializer, published_ref
from instruments.models import Instrument
from taxonomy.serializers import OrganisationRefSerializer


class InstrumentSerializer(EntrySerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    level_label = serializers.CharField(source="get_level_display", read_only=True)
    funding_source_label = serializers.CharField(
        source="get_funding_source_display", read_only=True
    )
    call_frequency_label = serializers.CharField(
        source="get_call_frequency_display", read_only=True
    )
    call_status = serializers.CharField(source="effective_call_status", read_only=True)
    call_status_label = serializers.CharField(
        source="get_effective_call_status_display", read_only=True
    )
    evidence_level_label = serializers.CharField(
        source="get_evidence_level_display", read_only=True
    )
    eligible_applicants_labels = serializers.ListField(
        source="get_eligible_applicants_display", child=serializers.CharField(), read_only=True
    )
    administrator = OrganisationRefSerializer(read_only=True, allow_null=True)
    parent = serializers.SerializerMethodField()
    successor = serializers.SerializerMethodField()

    class Meta:
        model = Instrument
        fields = [
            *EntrySerializer.base_fields,
            "acronym",
            "kind",
            "kind_label",
            "level",
            "level_label",
            "administrator",
            "parent",
            "funding_source",
            "funding_source_label",
            "eligible_applicants",
            "eligible_applicants_labels",
            "purpose",
            "eligible_activities",
            "conditions",
            "allocation",
            "grant_min",
            "grant_max",
            "currency",
            "cofinancing_rate",
            "funding_period",
            "call_frequency",
            "call_frequency_label",
            "call_status",
            "call_status_label",
            "next_deadline",
            "status_verified_on",
            "verify_url",
            "successor",
            "legal_basis",
            "application_url",
            "valid_from",
            "valid_to",
            "results",
            "strengths",
            "weaknesses",
            "evidence_level",
            "evidence_level_label",
            "when_to_use",
            *EntrySerializer.shared_fields,
        ]

    @extend_schema_field(EntryRefSerializer(allow_null=True))
    def get_parent(self, instrument):
        return published_ref(instrument.parent)

    @extend_schema_field(EntryRefSerializer(allow_null=True))
    def get_successor(self, instrument):
        return published_ref(instrument.successor)
