"""Facet counts are counted once and reused until content changes."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from tests.factories import make_project, make_theme

pytestmark = pytest.mark.django_db


def theme_count(response, slug):
    theme = next(f for f in response.context["state"].facets if f.name == "theme")
    return next(value.count for value in theme.values if value.value == slug)


def queries_for(client, path, params):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, params)
    assert response.status_code == 200
    return len(captured.captured_queries), response


@override_settings(FACET_CACHE_SECONDS=600)
def test_facet_counts_serve_every_order_until_an_entry_is_published(client):
    cache.clear()
    housing = make_theme(slug="housing")
    make_project().themes.add(housing)
    first, response = queries_for(client, "/cs/projects/", {"evidence": "not_evaluated"})
    assert theme_count(response, "housing") == 1
    # Another order and page language of the same filters: the counts are not counted again.
    again, response = queries_for(
        client, "/en/projects/", {"evidence": "not_evaluated", "sort": "newest"}
    )
    assert again == first - 1
    assert theme_count(response, "housing") == 1
    # Publishing moves the content version on: the next page counts afresh.
    make_project().themes.add(housing)
    after, response = queries_for(client, "/cs/projects/", {"evidence": "not_evaluated"})
    assert after == first
    assert theme_count(response, "housing") == 2


def test_without_the_setting_every_page_counts_afresh(client, settings):
    settings.FACET_CACHE_SECONDS = 0
    housing = make_theme(slug="housing")
    make_project().themes.add(housing)
    first, _response = queries_for(client, "/cs/projects/", {})
    again, _response = queries_for(client, "/cs/projects/", {})
    assert again == first
