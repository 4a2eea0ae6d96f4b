"""An export states exactly the filters its rows went through, and reports a dropped value
as the page and the API do."""

import json

import pytest
from django.core.cache import cache
from django.utils.html import escape

from tests.factories import body, make_project, make_theme

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_throttle():
    cache.clear()
    yield
    cache.clear()


def export_document(client, query):
    response = client.get(f"/cs/projects/export.json?{query}")
    assert response.status_code == 200
    return json.loads(body(response))


def test_an_unknown_filter_value_is_not_claimed_as_applied(client):
    make_project(slug="alpha")
    make_project(slug="beta")
    document = export_document(client, "theme=no-such-theme&bogus=x")
    assert document["count"] == 2  # the rows ignored both values …
    assert document["filters"] == {}  # … and so does the description of the file
    assert document["source"].endswith("/cs/projects/")
    assert len(document["ignored"]) == 1
    assert "no-such-theme" in document["ignored"][0]


def test_the_applied_filters_are_stated_with_the_rows_they_give(client):
    education = make_theme(slug="education")
    make_project(slug="alpha").themes.add(education)
    make_project(slug="beta")
    document = export_document(client, "theme=education&page=2&lang=cs")
    assert document["count"] == 1
    assert document["filters"] == {"theme": "education"}
    assert document["source"].endswith("/cs/projects/?theme=education")
    assert document["ignored"] == []


def test_a_dropped_value_is_reported_alike_on_the_page_in_the_export_and_in_the_api(client):
    make_project(slug="alpha")
    query = "theme=no-such-theme"
    page = client.get(f"/cs/projects/?{query}")
    [message] = page.context["state"].errors
    assert escape(message) in page.content.decode()
    assert export_document(client, query)["ignored"] == [message]
    api = client.get(f"/api/v1/projects/?{query}")
    assert api.status_code == 400
    assert api.json() == {"filters": [message]}
