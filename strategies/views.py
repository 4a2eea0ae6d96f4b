"""Public views of the crisis strategies: the list, the scenario page, the strategy page, the feed."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from catalogue import related
from catalogue.detail import crumb, page_context
from catalogue.feeds import CatalogueFeed
from catalogue.listing import list_state
from catalogue.templatetags.platform import fallback_language
from instruments.models import Instrument
from projects.models import Project
from strategies.models import PlaceKind, Scenario, Step, Strategy


def entry_list(request):
    state = list_state(request, "strategies")
    return render(
        request, "strategies/list.html", {"state": state, "page_obj": state.page(request)}
    )


def _by_place_kind(strategies) -> list:
    order = {value: index for index, value in enumerate(PlaceKind.values)}
    return sorted(
        strategies, key=lambda strategy: (order.get(strategy.place_kind, 99), strategy.slug)
    )


def scenario_detail(request, slug):
    scenario = get_object_or_404(Scenario, slug=slug)
    strategies = Strategy.objects.published().filter(scenario=scenario)
    context = {
        "scenario": scenario,
        "strategies": _by_place_kind(strategies),
        "breadcrumbs": [
            crumb(_("Home"), reverse("home")),
            crumb(_("Strategies"), reverse("strategies:list")),
            crumb(scenario.title, lang=fallback_language(scenario, "title")),
        ],
        **page_context(request, scenario, english_fields=("title", "situation")),
    }
    return render(request, "strategies/scenario.html", context)


def _phases(steps) -> list[dict]:
    """The steps grouped by phase, in the order a municipality goes through them."""
    labels = dict(Step.Phase.choices)
    grouped = {phase: [] for phase in Step.PHASE_ORDER}
    for step in steps:
        grouped.setdefault(step.phase, []).append(step)
    return [
        {"phase": phase, "label": labels.get(phase, phase), "steps": phase_steps}
        for phase, phase_steps in grouped.items()
        if phase_steps
    ]


def entry_detail(request, slug):
    steps = Step.objects.order_by("position", "id").prefetch_related(
        Prefetch("instruments", queryset=Instrument.objects.published().order_by("slug")),
        Prefetch("projects", queryset=Project.objects.published().order_by("slug")),
    )
    strategy = get_object_or_404(
        Strategy.objects.visible_to(request.user)
        .select_related("scenario")
        .prefetch_related(
            "themes", "target_groups", "places", "sources", Prefetch("steps", queryset=steps)
        ),
        slug=slug,
    )
    context = {
        "entry": strategy,
        "scenario": strategy.scenario,
        "phases": _phases(strategy.steps.all()),
        "breadcrumbs": [
            crumb(_("Home"), reverse("home")),
            crumb(_("Strategies"), reverse("strategies:list")),
            crumb(
                strategy.scenario.title,
                strategy.scenario.get_absolute_url(),
                lang=fallback_language(strategy.scenario, "title"),
            ),
            crumb(strategy.title, lang=fallback_language(strategy, "title")),
        ],
        **related.strategy_related(strategy),
        **page_context(request, strategy),
    }
    return render(request, "strategies/detail.html", context)


class LatestEntriesFeed(CatalogueFeed):
    catalogue_key = "strategies"
