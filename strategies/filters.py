"""Facets of the strategy list: scenario, kind of place, theme, target group."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from catalogue.listing import (
    ENTRY_ORDERINGS,
    CatalogueFilterSet,
    ModelFacetFilter,
    ValueFacetFilter,
    target_group_facet,
    theme_facet,
)
from strategies.models import PlaceKind, Scenario, Strategy
from taxonomy.models import Theme


class StrategyFilter(CatalogueFilterSet):
    scenario = ModelFacetFilter(
        label=_("Scenario"),
        queryset=lambda request: Scenario.objects.all(),
        paths=("scenario",),
        show_empty=True,
        sort_by_label=False,
    )
    place_kind = ValueFacetFilter(label=_("Kind of place"), choices=PlaceKind.choices)
    theme = theme_facet()
    target_group = target_group_facet()

    orderings = ENTRY_ORDERINGS

    class Meta:
        model = Strategy
        fields = []

    def select_for_page(self, queryset):
        return queryset.select_related("scenario").prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("position", "slug")),
        )
