"""Facet counts come from one aggregate per facet, all in one query: each entry counts once per
value it belongs to."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue import listing
from projects.models import Partnership
from taxonomy.models import Place
from tests.factories import make_organisation, make_place, make_project, make_theme

pytestmark = pytest.mark.django_db


def facet(response, name):
    return next(facet for facet in response.context["state"].facets if facet.name == name)


def counts(response, name):
    return {value.value: value.count for value in facet(response, name).values}


def test_an_organisation_that_leads_and_partners_a_project_counts_it_once(client):
    org, other = make_organisation(slug="org-a"), make_organisation(slug="org-b")
    project = make_project(lead_organisation=org)
    Partnership.objects.create(project=project, organisation=org, role="partner")
    Partnership.objects.create(project=project, organisation=org, role="funder")
    Partnership.objects.create(project=project, organisation=other)
    make_project(lead_organisation=other)
    make_project(lead_organisation=org, status="draft")

    response = client.get("/cs/projects/")

    assert counts(response, "organisation") == {"org-a": 1, "org-b": 2}


def test_a_region_counts_the_projects_of_its_municipalities_and_districts(client):
    region = make_place(slug="kraj", kind=Place.Kind.REGION)
    town = make_place(parent=region)
    district = make_place(parent=town, kind=Place.Kind.DISTRICT)
    for place in (region, town, district):
        make_project().places.add(place)
    both = make_project()
    both.places.add(town, district)

    response = client.get("/cs/projects/")

    assert counts(response, "region") == {"kraj": 4}


def test_a_long_facet_lists_the_values_with_most_entries_and_every_chosen_one(client, monkeypatch):
    monkeypatch.setattr(listing, "MAX_FACET_VALUES", 2)
    busy = [make_organisation(slug=f"busy-{n}") for n in range(2)]
    quiet = make_organisation(slug="quiet")
    for org in busy:
        for _ in range(3):
            make_project(lead_organisation=org)
    make_project(lead_organisation=quiet)

    unfiltered = client.get("/en/projects/")
    chosen = client.get("/cs/projects/", {"organisation": "quiet"})

    assert counts(unfiltered, "organisation") == {"busy-0": 3, "busy-1": 3}
    assert facet(unfiltered, "organisation").truncated
    assert "busy-0" in counts(chosen, "organisation")
    assert counts(chosen, "organisation")["quiet"] == 1
    assert "Only the 2 values with the most entries are listed." in unfiltered.content.decode()


def test_facet_counts_compare_pairs_of_keys_not_whole_entries(client):
    """The facet query reads (entry, value) pairs only: the entries' texts in every language
    would make each count compare whole rows, which at 50,000 entries takes seconds."""
    project = make_project(lead_organisation=make_organisation())
    project.places.add(make_place())
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/cs/projects/").status_code == 200
    facet_queries = [q["sql"] for q in captured.captured_queries if "facet_value" in q["sql"]]
    assert len(facet_queries) == 1
    assert facet_queries[0].count("facet_value") >= 4
    for sql in facet_queries:
        assert '"summary_cs"' not in sql and '"title_en"' not in sql, sql


def test_a_searched_and_filtered_list_counts_every_facet_in_one_query_that_searches_once(client):
    """Each facet counts the rows that pass every other filter; the search behind them all
    runs once (at 50,000 entries each run reads tens of thousands of search documents)."""
    theme, other = make_theme(slug="t-a"), make_theme(slug="t-b")
    for n in range(3):
        make_project(title_cs=f"Kurz češtiny {n}").themes.add(theme)
    make_project(title_cs="Kurz vaření").themes.add(other)
    make_project(title_cs="Poradna").themes.add(theme)

    with CaptureQueriesContext(connection) as captured:
        response = client.get("/cs/projects/", {"q": "kurz", "theme": "t-a"})

    facet_queries = [q["sql"] for q in captured.captured_queries if "facet_value" in q["sql"]]
    assert len(facet_queries) == 1
    assert facet_queries[0].count("search_vector") == 1
    themes = counts(response, "theme")
    assert (themes["t-a"], themes["t-b"]) == (3, 1)
    assert response.context["page_obj"].paginator.count == 3
