"""Each detail page runs a fixed number of SQL queries, however many related entries it shows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from projects.models import FundingLine, KeyFigure, Partnership
from strategies.models import Step
from taxonomy.models import Place
from tests.factories import (
    make_instrument,
    make_organisation,
    make_place,
    make_project,
    make_scenario,
    make_source,
    make_step,
    make_strategy,
    make_target_group,
    make_theme,
)

pytestmark = pytest.mark.django_db

# The pinned numbers: raise one only with a reason (a new section that needs its own query).
PROJECT_QUERIES = 11  # with the good-practice criteria it meets
INSTRUMENT_QUERIES = 10  # + the instruments it replaces (predecessors)
STRATEGY_QUERIES = 10
SCENARIO_QUERIES = 2
ORGANISATION_QUERIES = 4
# For a three-level hierarchy: one query per level below the place; the profile adds its
# figures (entries, evidence, funding, coverage, instruments, strategies) in 13 more.
PLACE_QUERIES = 22


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def url(name, obj, language="en"):
    with translation.override(language):
        return reverse(name, kwargs={"slug": obj.slug})


def decorate(entry, size):
    """Give an entry `size` themes, target groups, places and sources, and similar entries."""
    for _ in range(size):
        theme, group = make_theme(), make_target_group()
        entry.themes.add(theme)
        entry.target_groups.add(group)
        entry.places.add(make_place())
        entry.sources.add(make_source(url="https://example.org"))


def build_project(size):
    project = make_project(lead_organisation=make_organisation())
    decorate(project, size)
    for n in range(size):
        FundingLine.objects.create(project=project, instrument=make_instrument(), amount=1000 + n)
        KeyFigure.objects.create(project=project, label_en=f"figure {n}", value=n)
        Partnership.objects.create(project=project, organisation=make_organisation())
        make_step(make_strategy(), projects=[project])
        make_project().themes.add(project.themes.first())
    return project


def build_instrument(size):
    instrument = make_instrument(administrator=make_organisation(), parent=make_instrument())
    decorate(instrument, size)
    for n in range(size):
        make_instrument(parent=instrument)
        FundingLine.objects.create(project=make_project(), instrument=instrument, amount=n)
        make_step(make_strategy(), instruments=[instrument])
        make_instrument().themes.add(instrument.themes.first())
    return instrument


def build_strategy(size):
    scenario = make_scenario()
    strategy = make_strategy(scenario=scenario)
    decorate(strategy, size)
    for n in range(size):
        phase = Step.PHASE_ORDER[n % len(Step.PHASE_ORDER)]
        make_step(
            strategy,
            phase=phase,
            position=n,
            instruments=[make_instrument(), make_instrument()],
            projects=[make_project()],
        )
    return strategy


@pytest.mark.parametrize(
    "name,build,pinned",
    [
        ("projects:detail", build_project, PROJECT_QUERIES),
        ("instruments:detail", build_instrument, INSTRUMENT_QUERIES),
        ("strategies:detail", build_strategy, STRATEGY_QUERIES),
    ],
)
def test_entry_pages_use_a_fixed_number_of_queries(client, name, build, pinned):
    small, large = build(1), build(6)
    assert count_queries(client, url(name, small)) == pinned
    assert count_queries(client, url(name, large)) == pinned


def test_scenario_page_uses_a_fixed_number_of_queries(client):
    small, large = make_scenario(), make_scenario()
    make_strategy(scenario=small)
    for kind in ("small_municipality", "city", "city_district", "region"):
        make_strategy(scenario=large, place_kind=kind)
    assert count_queries(client, url("strategies:scenario", small)) == SCENARIO_QUERIES
    assert count_queries(client, url("strategies:scenario", large)) == SCENARIO_QUERIES


def test_organisation_page_uses_a_fixed_number_of_queries(client):
    def build(size):
        organisation = make_organisation(place=make_place())
        for _ in range(size):
            make_project(lead_organisation=organisation)
            Partnership.objects.create(project=make_project(), organisation=organisation)
            Partnership.objects.create(
                project=make_project(), organisation=organisation, role=Partnership.Role.FUNDER
            )
            make_instrument(administrator=organisation)
        return organisation

    assert count_queries(client, url("taxonomy:organisation", build(1))) == ORGANISATION_QUERIES
    assert count_queries(client, url("taxonomy:organisation", build(6))) == ORGANISATION_QUERIES


def test_place_page_uses_a_fixed_number_of_queries(client):
    def build(size):
        region = make_place(kind=Place.Kind.REGION)
        for _ in range(size):
            town = make_place(parent=region)
            district = make_place(kind=Place.Kind.DISTRICT, parent=town)
            make_project().places.add(district)
            make_instrument().places.add(town)
            make_strategy().places.add(region)
            make_organisation(place=town)
        return region

    assert count_queries(client, url("taxonomy:place", build(1))) == PLACE_QUERIES
    assert count_queries(client, url("taxonomy:place", build(6))) == PLACE_QUERIES
