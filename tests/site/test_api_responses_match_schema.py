"""Real answers of every API endpoint over the seed catalogue match the published OpenAPI
description: each list page, each entry's detail, and the error answers (400, 404)."""

import json

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from openapi_core import OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse
from openapi_core.exceptions import OpenAPIError
from rest_framework.settings import api_settings

from catalogue import registry
from tests.factories import load_fixtures

LANGUAGES = [code for code, _name in settings.LANGUAGES]


@pytest.fixture(scope="module")
def seeds(django_db_setup, django_db_blocker):
    """The seed catalogue, loaded once for the module and rolled back after it."""
    from django.db import transaction

    with django_db_blocker.unblock():
        with transaction.atomic():
            load_fixtures()
            yield
            transaction.set_rollback(True)


@pytest.fixture(scope="module")
def description(seeds, django_db_blocker):
    with django_db_blocker.unblock():
        response = Client().get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    return OpenAPI.from_dict(json.loads(response.content))


@pytest.fixture
def api(description, db, settings):
    """GET an API path and check the answer against the description; returns the response."""
    settings.REST_FRAMEWORK = {
        **api_settings.user_settings,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute"},
    }
    cache.clear()
    client = Client()

    def get(path, params=None, status=200):
        response = client.get(path, params or {})
        assert response.status_code == status, (path, params, response.content[:300])
        request = DjangoOpenAPIRequest(response.wsgi_request)
        try:
            description.validate_response(request, DjangoOpenAPIResponse(response))
        except OpenAPIError as error:
            pytest.fail(f"{path} {params or ''}: {reasons(error)}")
        return response

    yield get
    cache.clear()


def reasons(error) -> str:
    """Where and why an answer does not match the description, without the whole answer."""
    cause = error.__cause__ or error
    found = sorted(
        {
            f"{'/'.join(map(str, e.absolute_path))}: {e.message[:120]}"
            for e in getattr(cause, "schema_errors", ())
        }
    )
    return "; ".join(found[:10]) or repr(cause)[:500]


def every_page(api, path, lang):
    """The slugs of every entry of a list, page after page of 200."""
    slugs, page = [], 1
    while True:
        data = api(path, {"lang": lang, "page": page, "page_size": 200}).json()
        slugs += [item["slug"] for item in data["results"]]
        if not data["next"]:
            return slugs
        page += 1


ENDPOINTS = [endpoint.prefix for endpoint in registry.api_endpoints()]


def from_test_app(endpoint) -> bool:
    """An endpoint of a test-only app (the toy catalogue), which the seed content never fills."""
    viewset = endpoint.viewset
    module = viewset if isinstance(viewset, str) else viewset.__module__
    return module.startswith("tests.")


SEEDED_ENDPOINTS = [e.prefix for e in registry.api_endpoints() if not from_test_app(e)]


@pytest.mark.parametrize("prefix", SEEDED_ENDPOINTS)
def test_every_list_page_and_every_detail_match_the_description(api, prefix):
    for lang in LANGUAGES:
        slugs = every_page(api, f"/api/v1/{prefix}/", lang)
        assert slugs, f"the seed content has no {prefix}"
        for slug in slugs:
            api(f"/api/v1/{prefix}/{slug}/", {"lang": lang})


def test_the_api_root_lists_every_endpoint(client):
    response = client.get("/api/v1/")
    assert response.status_code == 200
    assert set(response.json()) == set(ENDPOINTS)


CATALOGUE_PREFIXES = [c.api_prefix for c in registry.all_catalogues() if c.viewset]


@pytest.mark.parametrize("prefix", CATALOGUE_PREFIXES)
def test_an_invalid_filter_value_is_a_described_400(api, prefix):
    # Every catalogue's list has an order; the same answer for a value of any filter.
    response = api(f"/api/v1/{prefix}/", {"sort": "no-such-order"}, status=400)
    assert response.json()["filters"]


@pytest.mark.parametrize("prefix", ENDPOINTS)
def test_an_unknown_language_is_a_described_400(api, prefix):
    response = api(f"/api/v1/{prefix}/", {"lang": "xx"}, status=400)
    assert "lang" in response.json()


@pytest.mark.parametrize("prefix", ENDPOINTS)
def test_an_unknown_slug_and_a_page_past_the_end_are_described_404s(api, prefix):
    assert "detail" in api(f"/api/v1/{prefix}/no-such-entry/", status=404).json()
    assert "detail" in api(f"/api/v1/{prefix}/", {"page": 9999}, status=404).json()


@pytest.mark.parametrize("prefix", CATALOGUE_PREFIXES)
def test_an_overlong_query_is_a_described_400(api, prefix):
    # An over-long value is refused with the reason like any invalid one (the API has no 414).
    response = api(f"/api/v1/{prefix}/", {"q": "integrace " * 500}, status=400)
    assert response.json()["filters"]
