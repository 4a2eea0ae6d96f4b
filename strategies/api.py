"""The API endpoints of crisis strategies and crisis scenarios."""

from django.db.models import Prefetch

from catalogue.api import CatalogueViewSet, ReferenceViewSet, catalogue_schema, reference_schema
from instruments.models import Instrument
from projects.models import Project
from strategies import serializers
from strategies.models import Scenario, Step, Strategy


def published_instruments():
    return Instrument.objects.published().order_by("slug")


def published_projects():
    return Project.objects.published().order_by("slug")


@catalogue_schema
class StrategyViewSet(CatalogueViewSet):
    catalogue = "strategies"
    queryset = Strategy.objects.none()
    serializer_class = serializers.StrategySerializer

    def with_related(self, queryset):
        steps = Step.objects.prefetch_related(
            Prefetch("instruments", published_instruments()),
            Prefetch("projects", published_projects()),
        )
        return (
            super()
            .with_related(queryset)
            .select_related("scenario")
            .prefetch_related(Prefetch("steps", steps))
        )


@reference_schema
class ScenarioViewSet(ReferenceViewSet):
    """Crisis scenarios with the identifiers of their published strategies."""

    queryset = Scenario.objects.none()
    serializer_class = serializers.ScenarioSerializer

    def get_queryset(self):
        strategies = Strategy.objects.published().order_by("place_kind", "slug")
        return super().get_queryset().prefetch_related(Prefetch("strategies", strategies))
