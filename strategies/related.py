"""Entries a strategy page links to, and the strategies other pages list. Published only."""

from catalogue.related import similar_entries
from strategies.models import Strategy


def _strategies():
    return Strategy.objects.published().select_related("scenario")


def strategies_citing_project(project) -> list:
    """The panel of a project's page: published strategies with a step that names it as an example."""
    return list(
        _strategies()
        .filter(steps__projects=project)
        .distinct()
        .order_by("scenario__position", "slug")
    )


def strategies_recommending_instrument(instrument) -> list:
    """The panel of an instrument's page: published strategies with a step that recommends it."""
    return list(
        _strategies()
        .filter(steps__instruments=instrument)
        .distinct()
        .order_by("scenario__position", "slug")
    )


def strategy_related(strategy) -> dict:
    return {
        "sibling_strategies": list(
            Strategy.objects.published()
            .filter(scenario_id=strategy.scenario_id)
            .exclude(pk=strategy.pk)
            .order_by("place_kind", "slug")
        ),
        "similar_entries": similar_entries(strategy),
    }
