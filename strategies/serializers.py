"""What the API returns for a crisis strategy and a crisis scenario."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from catalogue.api import EntryRefSerializer, EntrySerializer, PermalinkField
from strategies.models import Scenario, Step, Strategy


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
