"""API lists, feeds, exports and sitemaps run as many queries for 60 entries as for 3."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.models import FundingLine, KeyFigure, Partnership
from tests.factories import (
    make_instrument,
    make_organisation,
    make_place,
    make_project,
    make_source,
    make_strategy,
    make_target_group,
    make_theme,
)

pytestmark = pytest.mark.django_db

PATHS = [
    "/api/v1/projects/?page_size=100",
    "/api/v1/instruments/?page_size=100",
    "/api/v1/strategies/?page_size=100",
    "/api/v1/organisations/?page_size=100",
    "/cs/projects/feed/",
    "/en/instruments/feed/",
    "/cs/strategies/feed/",
    "/cs/projects/export.csv",
    "/cs/projects/export.json",
    "/cs/projects/export.xlsx",
    "/en/instruments/export.csv",
    "/cs/strategies/export.json",
    "/cs/organisations/export.csv",
    "/cs/search/export.csv?q=projekt",
    "/sitemap.xml",
    "/sitemap-projects.xml",
    "/sitemap-organisations.xml",
    "/sitemap-places.xml",
]


@pytest.fixture
def vocabulary(db):
    return {
        "themes": [make_theme(), make_theme()],
        "groups": [make_target_group()],
        "place": make_place(parent=make_place(kind="region")),
        "instrument": make_instrument(),
        "source": make_source(),
    }


def add_entries(count, vocabulary):
    for n in range(count):
        project = make_project(title_cs=f"Projekt číslo {n}", lead_organisation=make_organisation())
        Partnership.objects.create(project=project, organisation=make_organisation())
        FundingLine.objects.create(project=project, instrument=vocabulary["instrument"], amount=1)
        KeyFigure.objects.create(project=project, label_cs="účastníků", value=n)
        instrument = make_instrument(administrator=make_organisation())
        strategy = make_strategy()
        for entry in (project, instrument, strategy):
            entry.themes.set(vocabulary["themes"])
            entry.target_groups.set(vocabulary["groups"])
            entry.places.add(vocabulary["place"])
            entry.sources.add(vocabulary["source"])


def queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
        assert response.status_code == 200, path
        if response.streaming:
            b"".join(response.streaming_content)
    return len(captured.captured_queries)


def test_query_counts_do_not_grow_with_the_entries(client, vocabulary):
    add_entries(3, vocabulary)
    few = {path: queries(client, path) for path in PATHS}
    add_entries(57, vocabulary)
    many = {path: queries(client, path) for path in PATHS}
    assert many == few
