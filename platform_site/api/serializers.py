"""What the API returns. Texts come in the requested language (Czech where English is missing);
codes of controlled values stay the same in both languages and come with a ``*_label``."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from catalogue.models import Status
from instruments.models import Instrument
from projects.models import FundingLine, KeyFigure, Partnership, Project
from strategies.models import Scenario, Step, Strategy
from taxonomy.models import Organisation, Place, Source, TargetGroup, Theme


def is_published(entry) -> bool:
    return entry is not None and entry.status == Status.PUBLISHED


class PermalinkField(serializers.Field):
    """The absolute address of the entry's page on the site, in the requested language."""

    def __init__(self, **kwargs):
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        request = self.context.get("request")
        path = value.get_absolute_url()
        return request.build_absolute_uri(path) if request else path


extend_schema_field(OpenApiTypes.URI)(PermalinkField)


# --- vocabularies and reference data ------------------------------------------------------


class ThemeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Theme
        fields = ["slug", "name", "description", "position"]


class TargetGroupSerializer(serializers.ModelSerializer):
    class Meta:
        model = TargetGroup
        fields = ["slug", "name", "description", "position"]


class VocabularyRefSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)


class PlaceRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Place
        fields = ["slug", "name", "kind", "code"]


class PlaceSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    permalink = PermalinkField()

    class Meta:
        model = Place
        fields = ["slug", "name", "kind", "kind_label", "code", "parent", "permalink"]


class SourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ["slug", "title", "publisher", "year", "url", "accessed"]


class OrganisationRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["slug", "name", "acronym", "kind"]


class OrganisationSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    seat = PlaceRefSerializer(source="place", read_only=True, allow_null=True)
    permalink = PermalinkField()

    class Meta:
        model = Organisation
        fields = [
            "slug",
            "name",
            "acronym",
            "kind",
            "kind_label",
            "seat",
            "website",
            "description",
            "permalink",
        ]


class ScenarioSerializer(serializers.ModelSerializer):
    permalink = PermalinkField()
    strategies = serializers.SerializerMethodField()

    class Meta:
        model = Scenario
        fields = [
            "slug",
            "title",
            "situation",
            "warning_signs",
            "indicators",
            "position",
            "strategies",
            "permalink",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.SlugField()))
    def get_strategies(self, scenario) -> list[str]:
        # Prefetched with published strategies only.
        return [strategy.slug for strategy in scenario.strategies.all()]


# --- what every catalogue entry shares ----------------------------------------------------


class EntryRefSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    title = serializers.CharField(read_only=True)


class EntrySerializer(serializers.ModelSerializer):
    """Fields of the publishable base; each catalogue adds its own."""

    permalink = PermalinkField()
    themes = VocabularyRefSerializer(many=True, read_only=True)
    target_groups = VocabularyRefSerializer(many=True, read_only=True)
    places = PlaceRefSerializer(many=True, read_only=True)
    sources = SourceSerializer(many=True, read_only=True)
    has_english = serializers.BooleanField(read_only=True)

    base_fields = ["slug", "permalink", "title", "summary"]
    shared_fields = [
        "themes",
        "target_groups",
        "places",
        "sources",
        "has_english",
        "published_at",
        "updated_at",
    ]


def published_ref(entry):
    return {"slug": entry.slug, "title": entry.title} if is_published(entry) else None


# --- projects -----------------------------------------------------------------------------


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


# --- instruments --------------------------------------------------------------------------


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


# --- strategies ---------------------------------------------------------------------------


class StepSerializer(serializers.ModelSerializer):
    phase_label = serializers.CharField(source="get_phase_display", read_only=True)
    instruments = EntryRefSerializer(many=True, read_only=True)
    projects = EntryRefSerializer(many=True, read_only=True)

    class Meta:
        model = Step
        fields = [
            "phase",
            "phase_label",
            "position",
            "title",
            "description",
            "responsible",
            "time_frame",
            "instruments",
            "projects",
        ]


class ScenarioRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Scenario
        fields = ["slug", "title"]


class StrategySerializer(EntrySerializer):
    scenario = ScenarioRefSerializer(read_only=True)
    place_kind_label = serializers.CharField(source="get_place_kind_display", read_only=True)
    steps = StepSerializer(many=True, read_only=True)

    class Meta:
        model = Strategy
        fields = [
            *EntrySerializer.base_fields,
            "scenario",
            "place_kind",
            "place_kind_label",
            "goals",
            "key_actors",
            "risks",
            "steps",
            *EntrySerializer.shared_fields,
        ]
