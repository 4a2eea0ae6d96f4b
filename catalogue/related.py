"""Selectors for the entries a detail page links to. Published entries only, always.

Each selector runs a fixed number of queries, whatever the number of related entries,
and reads relations the view has prefetched where it can.
"""

from django.apps import apps
from django.db.models import Count, Q

SIMILAR_LIMIT = 4


def similar_entries(entry, limit=SIMILAR_LIMIT) -> list:
    """Other published entries of the same catalogue sharing the most themes and target groups.

    Reads ``entry.themes`` and ``entry.target_groups`` (prefetch them), then one query.
    """
    theme_ids = [theme.pk for theme in entry.themes.all()]
    group_ids = [group.pk for group in entry.target_groups.all()]
    if not theme_ids and not group_ids:
        return []
    shared = Count("themes", filter=Q(themes__in=theme_ids), distinct=True) + Count(
        "target_groups", filter=Q(target_groups__in=group_ids), distinct=True
    )
    return list(
        type(entry)
        .objects.published()
        .exclude(pk=entry.pk)
        .annotate(shared=shared)
        .filter(shared__gt=0)
        .order_by("-shared", "-published_at", "slug")[:limit]
    )


def _strategies():
    return apps.get_model("strategies", "Strategy").objects.published().select_related("scenario")


def strategies_citing_project(project) -> list:
    """Published strategies with a step that names the project as an example."""
    return list(
        _strategies()
        .filter(steps__projects=project)
        .distinct()
        .order_by("scenario__position", "slug")
    )


def strategies_recommending_instrument(instrument) -> list:
    """Published strategies with a step that recommends the instrument."""
    return list(
        _strategies()
        .filter(steps__instruments=instrument)
        .distinct()
        .order_by("scenario__position", "slug")
    )


def funding_instruments(project) -> list:
    """The published instruments that funded a project (from its prefetched funding lines)."""
    seen, instruments = set(), []
    for line in project.funding_lines.all():
        instrument = line.instrument
        if instrument is not None and instrument.is_published and instrument.pk not in seen:
            seen.add(instrument.pk)
            instruments.append(instrument)
    return instruments


def projects_funded_by(instrument) -> list:
    Project = apps.get_model("projects", "Project")
    return list(
        Project.objects.published()
        .filter(funding_lines__instrument=instrument)
        .select_related("lead_organisation")
        .distinct()
        .order_by("-start_year", "slug")
    )


def project_related(project) -> dict:
    return {
        "funding_instruments": funding_instruments(project),
        "citing_strategies": strategies_citing_project(project),
        "similar_entries": similar_entries(project),
    }


def instrument_related(instrument) -> dict:
    parent = instrument.parent
    return {
        "parent_instrument": parent if parent is not None and parent.is_published else None,
        # ``children`` is prefetched with published() by the view.
        "child_instruments": list(instrument.children.all()),
        "funded_projects": projects_funded_by(instrument),
        "recommending_strategies": strategies_recommending_instrument(instrument),
        "similar_entries": similar_entries(instrument),
    }


def strategy_related(strategy) -> dict:
    Strategy = apps.get_model("strategies", "Strategy")
    return {
        "sibling_strategies": list(
            Strategy.objects.published()
            .filter(scenario_id=strategy.scenario_id)
            .exclude(pk=strategy.pk)
            .order_by("place_kind", "slug")
        ),
        "similar_entries": similar_entries(strategy),
    }


def organisation_activity(organisation) -> dict:
    """What an organisation runs, funds, takes part in and administers (published entries only)."""
    Project = apps.get_model("projects", "Project")
    Partnership = apps.get_model("projects", "Partnership")
    Instrument = apps.get_model("instruments", "Instrument")
    partnerships = list(
        Partnership.objects.filter(
            organisation=organisation, project__in=Project.objects.published()
        )
        .select_related("project")
        .order_by("role", "project__slug")
    )
    funder = Partnership.Role.FUNDER
    return {
        "lead_projects": list(
            Project.objects.published()
            .filter(lead_organisation=organisation)
            .order_by("-start_year", "slug")
        ),
        "partner_projects": [p for p in partnerships if p.role != funder],
        "funded_projects": [p for p in partnerships if p.role == funder],
        "administered_instruments": list(
            Instrument.objects.published().filter(administrator=organisation).order_by("slug")
        ),
    }


def place_activity(place) -> dict:
    """What happened in a place and in the places below it (a region holds its municipalities)."""
    Place = apps.get_model("taxonomy", "Place")
    Organisation = apps.get_model("taxonomy", "Organisation")
    place_ids = Place.objects.with_descendants([place])
    activity = {}
    for key, (app, model, ordering) in {
        "projects": ("projects", "Project", ("-start_year", "slug")),
        "instruments": ("instruments", "Instrument", ("slug",)),
        "strategies": ("strategies", "Strategy", ("slug",)),
    }.items():
        activity[key] = list(
            apps.get_model(app, model)
            .objects.published()
            .filter(places__in=place_ids)
            .distinct()
            .order_by(*ordering)
        )
    activity["organisations"] = list(
        Organisation.objects.filter(place_id__in=place_ids).order_by("name")
    )
    return activity
