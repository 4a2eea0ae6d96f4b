"""The strategy list: scenario, kind of place, theme, target group."""

import pytest

from tests.factories import make_scenario, make_strategy, make_target_group

pytestmark = pytest.mark.django_db


def slugs(response):
    return [entry.slug for entry in response.context["page_obj"].object_list]


def facet(response, name):
    return {
        value.value: value
        for value in next(f for f in response.context["state"].facets if f.name == name).values
    }


def test_scenario_and_kind_of_place(client):
    influx = make_scenario(slug="influx")
    workers = make_scenario(slug="workers")
    city = make_strategy(scenario=influx, place_kind="city")
    small = make_strategy(scenario=influx, place_kind="small_municipality")
    make_strategy(scenario=workers, place_kind="city")

    response = client.get("/cs/strategies/", {"scenario": "influx"})
    assert sorted(slugs(response)) == sorted([city.slug, small.slug])
    assert facet(response, "scenario")["workers"].count == 1
    assert facet(response, "place_kind")["small_municipality"].count == 1

    response = client.get("/en/strategies/", {"scenario": "influx", "place_kind": "city"})
    assert slugs(response) == [city.slug]
    assert facet(response, "place_kind")["city"].label == "City"


def test_target_group(client):
    group = make_target_group(slug="workers")
    wanted = make_strategy()
    wanted.target_groups.add(group)
    make_strategy()
    assert slugs(client.get("/cs/strategies/", {"target_group": "workers"})) == [wanted.slug]


def test_search_within_strategies(client):
    wanted = make_strategy(
        title_cs="Náhlý příliv cizinců", title_en="A sudden influx of foreigners"
    )
    make_strategy(title_cs="Segregované lokality", title_en="Segregated neighbourhoods")
    assert slugs(client.get("/cs/strategies/", {"q": "cizincu"})) == [wanted.slug]
