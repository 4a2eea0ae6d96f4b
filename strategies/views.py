"""The scenario page, and what a strategy's page adds to the generic detail view of ``catalogue``."""

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from catalogue import pdf, registry
from catalogue.detail import crumb, page_context
from catalogue.exports import LICENCE, PUBLISHER
from catalogue.languages import fallback_language
from catalogue.models import Status
from instruments.eligibility import applicability
from instruments.models import Instrument
from projects.models import Project
from strategies.models import PlaceKind, Scenario, Step, Strategy
from taxonomy.models import Place

CHECKLIST_STYLESHEETS = ("css/checklist-pdf.css",)


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


def detail_prefetch() -> tuple:
    """What a strategy's page shows with it: its vocabularies and its steps with their links."""
    steps = Step.objects.order_by("position", "id").prefetch_related(
        Prefetch("instruments", queryset=Instrument.objects.published().order_by("slug")),
        Prefetch(
            "projects",
            queryset=Project.objects.published()
            .select_related("lead_organisation")
            .order_by("slug"),
        ),
    )
    return (
        "themes",
        "target_groups",
        # The parents say which region the strategy is for (the finder link).
        Prefetch("places", queryset=Place.objects.select_related("parent__parent")),
        "sources",
        Prefetch("steps", queryset=steps),
    )


def detail_context(request, strategy) -> dict:
    """The scenario in the breadcrumb trail, the steps grouped by phase, the finder link."""
    for step in strategy.steps.all():
        for instrument in step.instruments.all():
            instrument.applicability = applicability(instrument)
    return {
        "scenario": strategy.scenario,
        "phases": _phases(strategy.steps.all()),
        "checklist_url": reverse("strategies:checklist", kwargs={"slug": strategy.slug}),
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
        "finder_url": registry.page_link("finder", strategy),
    }


def _recommended(steps, relation: str) -> list:
    """The instruments (or projects) the steps name, each once, in the order they first appear."""
    seen, entries = set(), []
    for step in steps:
        for entry in getattr(step, relation).all():
            if entry.pk not in seen:
                seen.add(entry.pk)
                entries.append(entry)
    return entries


def checklist_pdf(request, slug):
    """The strategy as a printable checklist of two to four pages."""
    strategy = get_object_or_404(
        Strategy.objects.visible_to(request.user)
        .select_related("scenario")
        .prefetch_related(*detail_prefetch()),
        slug=slug,
    )
    if pdf.unavailable_reason():
        return pdf.pdf_unavailable_response(request, html_url=strategy.get_absolute_url())
    steps = list(strategy.steps.all())
    instruments = _recommended(steps, "instruments")
    projects = _recommended(steps, "projects")
    changes = [strategy.updated_at, *(entry.updated_at for entry in instruments + projects)]
    context = {
        "entry": strategy,
        "scenario": strategy.scenario,
        "phases": _phases(steps),
        "instruments": instruments,
        "projects": projects,
        "edition_date": max(changes),
        "permalink": request.build_absolute_uri(strategy.get_absolute_url()),
        "site_url": request.build_absolute_uri("/").rstrip("/"),
        "publisher": PUBLISHER,
        "licence": LICENCE,
    }
    html = render_to_string("strategies/checklist_pdf.html", context, request=request)
    content = pdf.pdf_or_start_render(
        html, stylesheets=CHECKLIST_STYLESHEETS, base_url=request.build_absolute_uri("/")
    )
    if content is None:  # waiting behind another rendering in this process
        return pdf.pdf_pending_response(request, html_url=strategy.get_absolute_url())
    return pdf.pdf_response(content, filename=f"{strategy.slug}-checklist.pdf")


def home_context() -> dict:
    """The home page's crisis scenarios, each with its number of published strategies."""
    scenarios = Scenario.objects.annotate(
        strategy_count=Count("strategies", filter=Q(strategies__status=Status.PUBLISHED))
    ).order_by("position", "slug")
    return {"scenarios": scenarios}
