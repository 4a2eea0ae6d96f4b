"""Each list page uses a fixed number of SQL queries, whatever the number of entries on the page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.models import FundingLine, Partnership
from taxonomy.models import Place
from tests.factories import (
    make_instrument,
    make_organisation,
    make_place,
    make_project,
    make_strategy,
    make_target_group,
    make_theme,
)

pytestmark = pytest.mark.django_db

# The pinned budgets: filter validation, one query for the counts of every facet and the number of
# results, one for the labels of each facet over another model (plus a region's places), the rows and
# their prefetches (instruments: + the "can be used in" region facet; a project row also shows its
# reach). A change that adds a query per row or per facet breaks the equality below first.
# The projects URL searches: after any change to the catalogue the first search of a process
# reloads the search vocabulary and the thesaurus (two queries), as here where entries were added.
MAX_QUERIES = {"projects": 15, "instruments": 8, "strategies": 7, "organisations": 6}

URLS = {
    "projects": (
        "/cs/projects/",
        {"theme": "t-a", "region": "region", "year_from": "2000", "q": "nazev"},
    ),
    "instruments": (
        "/en/instruments/",
        {"theme": "t-a", "applicant": "municipality", "call_status": "open_now"},
    ),
    "strategies": ("/cs/strategies/", {"theme": "t-a", "place_kind": "city"}),
    "organisations": ("/cs/organisations/", {"kind": "ngo", "region": "region"}),
}


@pytest.fixture
def vocabulary(db):
    region = make_place(slug="region", kind=Place.Kind.REGION)
    return {
        "themes": [make_theme(slug="t-a"), make_theme(slug="t-b")],
        "groups": [make_target_group()],
        "town": make_place(parent=region),
        "instrument": make_instrument(),
    }


def add_entries(catalogue, count, vocabulary):
    for n in range(count):
        if catalogue == "projects":
            org = make_organisation()
            entry = make_project(
                title_cs=f"Název projektu {n}",
                lead_organisation=org,
                start_year=2010,
                end_year=2020,
            )
            Partnership.objects.create(project=entry, organisation=make_organisation())
            FundingLine.objects.create(
                project=entry, instrument=vocabulary["instrument"], amount=100
            )
        elif catalogue == "instruments":
            entry = make_instrument(
                eligible_applicants=["municipality"],
                call_status="open",
                administrator=make_organisation(),
            )
        elif catalogue == "strategies":
            entry = make_strategy(place_kind="city")
        else:
            make_organisation(kind="ngo", place=vocabulary["town"])
            continue
        entry.themes.set(vocabulary["themes"])
        entry.target_groups.set(vocabulary["groups"])
        entry.places.add(vocabulary["town"])


def queries_for(client, catalogue):
    url, params = URLS[catalogue]
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return response, len(captured.captured_queries)


@pytest.mark.parametrize("catalogue", list(URLS))
def test_list_page_query_count_does_not_grow_with_the_page(client, vocabulary, catalogue):
    add_entries(catalogue, 3, vocabulary)
    small, few = queries_for(client, catalogue)
    assert len(small.context["page_obj"].object_list) == 3

    add_entries(catalogue, 57, vocabulary)
    large, many = queries_for(client, catalogue)
    assert len(large.context["page_obj"].object_list) == 20
    assert large.context["page_obj"].paginator.count == 60

    assert few == many == MAX_QUERIES[catalogue]
