"""The global search exports the entries it finds, across catalogues, and nothing unpublished."""

import csv
import io
import json

import pytest

from catalogue.models import Status
from catalogue.search import search_entries
from tests.factories import body, make_instrument, make_project, make_strategy

pytestmark = pytest.mark.django_db


@pytest.fixture
def found():
    return [
        make_project(title_cs="Poradna pro cizince", title_en="Advice centre for foreigners"),
        make_instrument(
            title_cs="Dotace na integraci cizinců", title_en="Grants for integrating foreigners"
        ),
        make_strategy(
            title_cs="Příliv cizinců do města", title_en="Influx of foreigners into a city"
        ),
    ]


def test_search_export_holds_every_match_of_every_catalogue(client, found):
    make_project(title_cs="Cizinci", status=Status.DRAFT)
    make_project(title_cs="Cizinci v archivu", status=Status.ARCHIVED)
    make_project(title_cs="Něco jiného", title_en="Something else")
    response = client.get("/cs/search/export.json", {"q": "cizincu"})
    assert response.status_code == 200
    document = json.loads(body(response))
    expected = [e.slug for qs in search_entries("cizincu").values() for e in qs]
    assert [row["slug"] for row in document["entries"]] == expected
    assert sorted(expected) == sorted(e.slug for e in found)
    assert {row["type"] for row in document["entries"]} == {"projekt", "nástroj", "strategie"}
    assert response["Content-Disposition"].startswith('attachment; filename="search-')


def test_search_export_in_csv_and_without_a_query(client, found):
    response = client.get("/en/search/export.csv", {"q": "foreigners"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:3] == ["Type", "Identifier", "Permanent link"]
    assert len(rows) == 1 + len(found)
    empty = client.get("/en/search/export.csv")
    assert (
        len(list(csv.reader(io.StringIO(b"".join(empty.streaming_content).decode("utf-8-sig")))))
        == 1
    )
