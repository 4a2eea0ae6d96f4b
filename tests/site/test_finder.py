"""The finder answers "what can we use?" on the seed catalogue, honestly and with a reason for each."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction

LIBEREC_TOWN = {
    "who": "municipality",
    "size": "under-50000",
    "where": "liberecky-kraj",
    "scenario": "sudden-increase-in-foreign-workers",
}
PRAGUE_DISTRICT = {"who": "city_district", "where": "praha"}
NGO = {"who": "ngo", "where": "jihomoravsky-kraj"}


@pytest.fixture(scope="module")
def seeds(django_db_setup, django_db_blocker):
    """The seed catalogue, loaded once for the module and rolled back afterwards."""
    files = sorted(str(path) for path in (Path(settings.BASE_DIR) / "fixtures").glob("*.yaml"))
    with django_db_blocker.unblock():
        with transaction.atomic():
            call_command("loaddata", *files, verbosity=0)
            yield
            transaction.set_rollback(True)


@pytest.fixture
def seeded(seeds, db):
    return None


def answer(client, lang, params):
    response = client.get(f"/{lang}/finder/", params)
    assert response.status_code == 200
    return response.context["answer"]


def groups(result) -> dict:
    return {group.key: {f.instrument.slug: f for f in group.findings} for group in result.groups}


def test_prague_city_district_sees_prague_schemes_and_none_as_open(client, seeded):
    result = groups(answer(client, "en", PRAGUE_DISTRICT))
    # Nothing in the seed catalogue has a verified open call: nothing is presented as open.
    assert result["apply"] == {} and result["partners"] == {}
    ended = result["ended"]
    # Prague 14's own grant: only for NGOs, only in Prague 14, status unverified.
    assert ended["prague-14-grants"].reason == (
        "Only non-governmental organisations may apply · "
        "status unknown – verify before applying · only in Prague 14"
    )
    assert ended["prague-growth-pole"].reason == "City districts may apply · ended 2020"
    assert ended["european-integration-fund"].reason == "City districts may apply · ended 2013"
    # Prague's institutions are help for a Prague district; Brno's strategy is not.
    assert "integration-centre-prague" in result["help"]
    assert "regional-advisory-platform" in result["help"]
    every = {slug for group in result.values() for slug in group}
    assert "brno-strategy-2020-2026" not in every
    # Prague's strategies that ended are shown as ended, never as help.
    assert ended["prague-metropolis-for-all"].reason == "Strategic document · ended 2017"


def test_small_town_elsewhere_gets_national_help_but_no_prague_scheme(client, seeded):
    result = groups(answer(client, "cs", {**LIBEREC_TOWN, "size": "under-2000"}))
    every = {slug for group in result.values() for slug in group}
    assert not {slug for slug in every if slug.startswith("prague")}
    assert "integration-centre-prague" not in every
    ended = result["ended"]
    assert ended["moi-emergent-projects"].reason == (
        "Obce mohou žádat · stav neověřen – před podáním žádosti ověřte · doporučeno pro tuto situaci"
    )
    assert ended["european-refugee-fund"].reason == (
        "Žádat mohou jen nevládní organizace · ukončeno 2013"
    )
    assert {"act-residence-foreign-nationals", "regional-integration-centres"} <= set(
        result["help"]
    )
    # Example projects the instrument funded come with it.
    projects = [p.slug for p in ended["moi-emergent-projects"].projects]
    assert "together-on-the-labour-market" in projects


def test_ngo_is_told_what_only_municipalities_may_apply_for(client, seeded):
    result = groups(answer(client, "en", NGO))
    ended = result["ended"]
    assert ended["molsa-integration-funding"].reason == (
        "Non-governmental organisations may apply · status unknown – verify before applying"
    )
    assert ended["moi-emergent-projects"].reason.startswith(
        "Only municipalities and city districts may apply"
    )
    assert "brno-strategy-2020-2026" in result["help"]
    assert result["help"]["brno-strategy-2020-2026"].reason == "Strategic document · only in Brno"


def test_the_town_of_the_done_when_gets_the_city_strategy_in_both_languages(client, seeded):
    for lang in ("cs", "en"):
        response = client.get(f"/{lang}/finder/", LIBEREC_TOWN)
        body = response.content.decode()
        result = response.context["answer"]
        assert result.strategy.slug == "sudden-increase-in-foreign-workers-city"
        assert result.strategy.get_absolute_url() in body
        assert result.total == sum(group.count for group in result.groups)
        # The counts are those of the instrument list the answer links to.
        listed = client.get(f"/{lang}/instruments/", {"where": "liberecky-kraj"})
        assert listed.context["page_obj"].paginator.count == result.total
        assert f'lang="{lang}"' in body


def test_home_and_strategy_pages_link_to_the_finder(client, seeded):
    home = client.get("/en/").content.decode()
    assert 'href="/en/finder/"' in home
    strategy = client.get("/cs/strategies/segregated-migrant-communities-city-district/")
    link = re.search(r'href="(/cs/finder/\?[^"]+)"', strategy.content.decode()).group(1)
    assert "who=city_district" in link and "where=praha" in link
    assert "scenario=segregated-migrant-communities" in link
    followed = client.get(link.replace("&amp;", "&"))
    assert (
        followed.context["answer"].strategy.slug == "segregated-migrant-communities-city-district"
    )


def test_a_strategy_step_shows_who_may_apply_and_the_status(client, seeded):
    czech = client.get("/cs/strategies/sudden-increase-in-foreign-workers-city/").content.decode()
    assert "(žádat mohou: nevládní organizace, obce a\u00a0městské části · stav neověřen" in czech
    english = client.get("/en/strategies/sudden-increase-in-foreign-workers-city/")
    body = english.content.decode()
    assert (
        "(who may apply: non-governmental organisations, municipalities and city districts"
        " · status unknown – verify before applying)"
    ) in body
    # A law has no call: the step says nothing about a status it does not have.
    assert "applications accepted continuously" not in body
