"""The read-only API: the same lists as the pages, both languages, never a draft."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.settings import api_settings

from catalogue.models import Status
from taxonomy.models import Organisation
from tests.factories import (
    make_instrument,
    make_organisation,
    make_place,
    make_project,
    make_scenario,
    make_step,
    make_strategy,
    make_target_group,
    make_theme,
)

pytestmark = pytest.mark.django_db

CATALOGUE_ENDPOINTS = ["projects", "instruments", "strategies"]


@pytest.fixture(autouse=True)
def fresh_throttle():
    cache.clear()
    yield
    cache.clear()


def slugs(response):
    return [item["slug"] for item in response.json()["results"]]


def every_entry(client, url, params=None):
    """All pages of a list, following ``next``."""
    found, page = [], 1
    while True:
        response = client.get(url, {**(params or {}), "page": page, "page_size": 2})
        assert response.status_code == 200
        data = response.json()
        found += [item["slug"] for item in data["results"]]
        if not data["next"]:
            return found, data["count"]
        page += 1


def make_entries(kind, **extra):
    maker = {"projects": make_project, "instruments": make_instrument, "strategies": make_strategy}[
        kind
    ]
    if kind == "strategies":
        # One published strategy per scenario and kind of place.
        return lambda **kw: maker(scenario=make_scenario(), **{**extra, **kw})
    return lambda **kw: maker(**{**extra, **kw})


@pytest.mark.parametrize("kind", CATALOGUE_ENDPOINTS)
def test_list_and_detail_never_return_drafts_or_archived_entries(client, kind):
    make = make_entries(kind)
    published = make()
    draft = make(status=Status.DRAFT)
    review = make(status=Status.REVIEW)
    archived = make(status=Status.ARCHIVED)

    response = client.get(f"/api/v1/{kind}/")
    assert response.status_code == 200
    assert slugs(response) == [published.slug]
    assert response.json()["count"] == 1
    assert client.get(f"/api/v1/{kind}/{published.slug}/").status_code == 200
    for hidden in (draft, review, archived):
        assert client.get(f"/api/v1/{kind}/{hidden.slug}/").status_code == 404
        # Its exact title finds at most the closest published entries, never the hidden one.
        found = client.get(f"/api/v1/{kind}/", {"q": hidden.title_cs})
        assert hidden.slug not in slugs(found)


def test_drafts_stay_hidden_from_staff_too(client, staff_user):
    draft = make_project(status=Status.DRAFT)
    client.force_login(staff_user)
    assert client.get(f"/api/v1/projects/{draft.slug}/").status_code == 404
    assert client.get("/api/v1/projects/").json()["count"] == 0


def test_links_to_draft_entries_are_left_out_of_published_ones(client):
    draft_instrument = make_instrument(status=Status.DRAFT)
    published_instrument = make_instrument()
    draft_project = make_project(status=Status.DRAFT)
    strategy = make_strategy()
    make_step(
        strategy, instruments=[draft_instrument, published_instrument], projects=[draft_project]
    )
    child = make_instrument(parent=draft_instrument)

    steps = client.get(f"/api/v1/strategies/{strategy.slug}/").json()["steps"]
    assert [i["slug"] for i in steps[0]["instruments"]] == [published_instrument.slug]
    assert steps[0]["projects"] == []
    assert client.get(f"/api/v1/instruments/{child.slug}/").json()["parent"] is None
    body = client.get("/api/v1/instruments/", {"page_size": 100}).content.decode()
    assert draft_instrument.slug not in body


def test_lang_chooses_the_language_of_texts_and_labels(client):
    theme = make_theme(name_cs="Vzdělávání", name_en="Education")
    project = make_project(
        title_cs="Společně na trhu práce", title_en="Together on the Labour Market"
    )
    project.themes.add(theme)

    czech = client.get(f"/api/v1/projects/{project.slug}/", {"lang": "cs"})
    english = client.get(f"/api/v1/projects/{project.slug}/", {"lang": "en"})
    assert czech["Content-Language"] == "cs"
    assert english["Content-Language"] == "en"
    assert czech.json()["title"] == "Společně na trhu práce"
    assert english.json()["title"] == "Together on the Labour Market"
    assert czech.json()["themes"] == [{"slug": theme.slug, "name": "Vzdělávání"}]
    assert english.json()["themes"] == [{"slug": theme.slug, "name": "Education"}]
    assert "/cs/projects/" in czech.json()["permalink"]
    assert "/en/projects/" in english.json()["permalink"]
    assert client.get(f"/api/v1/projects/{project.slug}/", {"lang": "de"}).status_code == 400


def test_missing_english_falls_back_to_czech_and_says_so(client):
    project = make_project(title_cs="Jen česky", title_en="", summary_en="")
    data = client.get(f"/api/v1/projects/{project.slug}/", {"lang": "en"}).json()
    assert data["title"] == "Jen česky"
    assert data["has_english"] is False


def test_api_applies_the_same_filters_and_search_as_the_list_page(client):
    group = make_target_group(slug="labour-migrants")
    region = make_place(slug="praha", kind="region", code="CZ010")
    district = make_place(kind="district", parent=region)
    inside = make_project(title_cs="Kurzy češtiny pro pracovníky")
    inside.target_groups.add(group)
    inside.places.add(district)
    elsewhere = make_project()
    elsewhere.target_groups.add(group)
    make_project().places.add(region)

    params = {"target_group": "labour-migrants", "region": "praha"}
    api = client.get("/api/v1/projects/", params)
    page = client.get(reverse("projects:list"), params)
    assert slugs(api) == [inside.slug]
    assert [p.slug for p in page.context["page_obj"].paginator.object_list] == [inside.slug]
    assert slugs(client.get("/api/v1/projects/", {"q": "pracovník"})) == [inside.slug]
    assert slugs(client.get("/api/v1/projects/", {"q": "pracovniku"})) == [inside.slug]


def test_invalid_filter_values_are_refused_with_the_reason(client):
    response = client.get("/api/v1/projects/", {"year_from": "not a year"})
    assert response.status_code == 400
    assert response.json()["filters"]
    assert client.get("/api/v1/instruments/", {"kind": "nonsense"}).status_code == 400


def test_pagination_is_stable_and_complete(client):
    made = {make_project(title_cs="Stejný název", title_en="Same title").slug for _ in range(7)}
    found, count = every_entry(client, "/api/v1/projects/")
    assert count == 7
    assert sorted(found) == sorted(made)  # every entry once: no overlap, no gap


def test_sort_orders_like_the_list_page(client):
    make_project(title_cs="Žatec", title_en="Zatec")
    make_project(title_cs="Cheb", title_en="Cheb")
    make_project(title_cs="Čáslav", title_en="Caslav")
    titles = [
        e["title"] for e in client.get("/api/v1/projects/", {"sort": "title"}).json()["results"]
    ]
    assert titles == ["Čáslav", "Cheb", "Žatec"]  # Czech alphabet: C < Č < Ch


def test_organisations_list_filters_by_kind(client):
    ngo = make_organisation(kind=Organisation.Kind.NGO)
    town = make_organisation(kind=Organisation.Kind.MUNICIPALITY)
    for organisation in (ngo, town):
        make_project(lead_organisation=organisation)
    response = client.get("/api/v1/organisations/", {"kind": "ngo"})
    assert slugs(response) == [ngo.slug]
    assert response.json()["results"][0]["kind"] == "ngo"
    assert client.get(f"/api/v1/organisations/{ngo.slug}/").status_code == 200


def test_vocabularies_are_listed_by_code(client):
    theme = make_theme(slug="education", name_cs="Vzdělávání", name_en="Education")
    group = make_target_group(slug="labour-migrants")
    region = make_place(slug="praha", kind="region", code="CZ010")
    make_place(kind="district", parent=region)
    scenario = make_scenario(slug="influx")
    strategy = make_strategy(scenario=scenario)
    make_strategy(scenario=scenario, place_kind="region", status=Status.DRAFT)

    assert slugs(client.get("/api/v1/themes/", {"lang": "en"})) == [theme.slug]
    assert client.get("/api/v1/themes/education/", {"lang": "en"}).json()["name"] == "Education"
    assert slugs(client.get("/api/v1/target-groups/")) == [group.slug]
    assert slugs(client.get("/api/v1/places/", {"kind": "region"})) == ["praha"]
    assert len(slugs(client.get("/api/v1/places/", {"parent": "praha"}))) == 1
    assert client.get("/api/v1/scenarios/influx/").json()["strategies"] == [strategy.slug]
    assert client.get("/api/v1/sources/").status_code == 200


def test_list_uses_a_fixed_number_of_queries(client):
    theme = make_theme()
    for _ in range(12):
        project = make_project()
        project.themes.add(theme)
    counts = []
    for size in (2, 12):
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/api/v1/projects/", {"page_size": size})
        assert len(slugs(response)) == size
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_cors_allows_any_origin_to_read(client):
    make_project()
    response = client.get("/api/v1/projects/", HTTP_ORIGIN="https://research.example.org")
    assert response["Access-Control-Allow-Origin"] == "*"


def test_each_client_is_throttled_on_its_own(client):
    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "anon": "3/minute"}
    with override_settings(
        REST_FRAMEWORK={**api_settings.user_settings, "DEFAULT_THROTTLE_RATES": rates}
    ):
        for _ in range(3):
            assert client.get("/api/v1/themes/", REMOTE_ADDR="10.0.0.1").status_code == 200
        throttled = client.get("/api/v1/themes/", REMOTE_ADDR="10.0.0.1")
        assert throttled.status_code == 429
        assert "Retry-After" in throttled
        assert client.get("/api/v1/themes/", REMOTE_ADDR="10.0.0.2").status_code == 200


def test_behind_a_trusted_proxy_each_real_client_is_throttled_on_its_own(client, settings):
    settings.API_TRUSTED_PROXIES = ["10.0.0.0/8"]
    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "anon": "2/minute"}
    with override_settings(
        REST_FRAMEWORK={**api_settings.user_settings, "DEFAULT_THROTTLE_RATES": rates}
    ):

        def through_proxy(forwarded_for):
            return client.get(
                "/api/v1/themes/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR=forwarded_for
            ).status_code

        assert [through_proxy("203.0.113.1") for _ in range(3)] == [200, 200, 429]
        # Another visitor behind the same proxy keeps a quota of their own, ...
        assert through_proxy("203.0.113.2") == 200
        # ... and a visitor cannot escape the count by sending a header of their own.
        assert through_proxy("198.51.100.9, 203.0.113.1") == 429

        # Outside the trusted proxies the header is ignored: one address, one quota.
        def direct(forwarded_for):
            return client.get(
                "/api/v1/themes/", REMOTE_ADDR="192.0.2.7", HTTP_X_FORWARDED_FOR=forwarded_for
            ).status_code

        assert [direct(f"198.51.100.{n}") for n in range(3)] == [200, 200, 429]


def test_api_root_and_docs_are_reachable(client):
    assert client.get("/api/v1/").status_code == 200
    docs = client.get("/api/v1/docs/", HTTP_ACCEPT_LANGUAGE="en")
    assert docs.status_code == 302
    page = client.get(docs["Location"])
    assert page.status_code == 200
    assert b"/api/v1/schema/" in page.content
