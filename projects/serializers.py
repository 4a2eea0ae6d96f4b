"""What the API returns for a project."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from catalogue.api import EntryRefSerializer, EntrySerializer, published_ref
from projects.models import FundingLine, KeyFigure, Partnership, Project
from taxonomy.serializers import OrganisationRefSerializer


class PartnershipSerializer(serializers.ModelSerializer):
    organisation = OrganisationRefSerializer(read_only=True)
    role_label = serializers.CharField(source="get_role_display", read_only=True)

    class Meta:
        model = Partnership
        fields = ["organisation", "role", "role_label", "note"]


class FundingLineSerializer(serializers.ModelSerializer):
    instrument = serializers.SerializerMethodField()

    class Meta:
        model = FundingLine
        fields = ["instrument", "note", "amount", "currency", "year"]

    @extend_schema_field(EntryRefSerializer(allow_null=True))
    def get_instrument(self, line):
        return published_ref(line.instrument)


class KeyFigureSerializer(serializers.ModelSerializer):
    class Meta:
        model = KeyFigure
        fields = ["label", "value", "unit"]


class ProjectSerializer(EntrySerializer):
    evidence_level_label = serializers.CharField(
        source="get_evidence_level_display", read_only=True
    )
    lead_organisation = OrganisationRefSerializer(read_only=True, allow_null=True)
    partners = PartnershipSerializer(source="partnerships", many=True, read_only=True)
    funding_lines = FundingLineSerializer(many=True, read_only=True)
    key_figures = KeyFigureSerializer(many=True, read_only=True)

    class Meta:
        model = Project
        fields = [
            *EntrySerializer.base_fields,
            "objectives",
            "activities",
            "beneficiaries",
            "results",
            "evaluation",
            "lessons",
            "lead_organisation",
            "partners",
            "start_year",
            "end_year",
            "ongoing",
            "evidence_level",
            "evidence_level_label",
            "is_good_practice",
            "funding_lines",
            "key_figures",
            "contact_name",
            "contact_function",
            "website",
            *EntrySerializer.shared_fields,
        ]
