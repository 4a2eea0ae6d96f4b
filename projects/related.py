"""Entries a project page links to, and the projects other pages list. Published entries only."""

from catalogue.related import similar_entries
from projects.models import GoodPracticeCriterion, Partnership, Project
from projects.what_worked import what_worked


def funding_instruments(project) -> list:
    """The published instruments that funded a project (from its prefetched funding lines)."""
    seen, instruments = set(), []
    for line in project.funding_lines.all():
        instrument = line.instrument
        if instrument is not None and instrument.is_published and instrument.pk not in seen:
            seen.add(instrument.pk)
            instruments.append(instrument)
    return instruments


def project_related(project) -> dict:
    return {
        "funding_instruments": funding_instruments(project),
        "similar_entries": similar_entries(project),
        "worked": what_worked(project),
        **good_practice(project),
    }


def good_practice(project) -> dict:
    """The criteria with whether the project meets each (from its prefetched criteria)."""
    met = {criterion.pk for criterion in project.good_practice_criteria.all()}
    criteria = list(GoodPracticeCriterion.objects.all()) if met else []
    for criterion in criteria:
        criterion.met = criterion.pk in met
    return {"criteria": criteria, "criteria_met_count": len(met)}


def projects_funded_by(instrument) -> list:
    """The panel of an instrument's page: published projects it funded."""
    return list(
        Project.objects.published()
        .filter(funding_lines__instrument=instrument)
        .select_related("lead_organisation")
        .distinct()
        .order_by("-start_year", "slug")
    )


def projects_led_by(organisation) -> list:
    return list(
        Project.objects.published()
        .filter(lead_organisation=organisation)
        .order_by("-start_year", "slug")
    )


def _partnerships(organisation) -> list:
    return list(
        Partnership.objects.filter(
            organisation=organisation, project__in=Project.objects.published()
        )
        .select_related("project")
        .order_by("role", "project__slug")
    )


def partnerships_of(organisation) -> dict:
    """The panels of an organisation's page: projects it took part in and projects it funded."""
    partnerships = _partnerships(organisation)
    funder = Partnership.Role.FUNDER
    return {
        "partner_projects": [p for p in partnerships if p.role != funder],
        "funded_projects": [p for p in partnerships if p.role == funder],
    }
