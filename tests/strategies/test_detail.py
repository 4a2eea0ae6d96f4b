"""The strategy page (a timeline of phased steps) and the scenario page."""

import pytest
from django.urls import reverse
from django.utils import translation

from catalogue.models import Status
from strategies.models import Step
from tests.factories import make_instrument, make_project, make_scenario, make_step, make_strategy

pytestmark = pytest.mark.django_db


def url(name, obj, language):
    with translation.override(language):
        return reverse(name, kwargs={"slug": obj.slug})


@pytest.fixture
def scenario():
    scenario = make_scenario(
        title_cs="Náhlý příliv zahraničních pracovníků",
        title_en="A sudden influx of foreign workers",
    )
    scenario.warning_signs_cs = "Nové ubytovny."
    scenario.warning_signs_en = "New dormitories."
    scenario.indicators_cs = "Počet cizinců."
    scenario.indicators_en = "The number of foreign residents."
    scenario.save()
    return scenario


@pytest.fixture
def strategy(scenario):
    strategy = make_strategy(
        scenario=scenario,
        title_en="Strategy for a city",
        place_kind="city",
        goals_cs="Cíle.",
        goals_en="Goals of the strategy.",
    )
    instrument = make_instrument(title_en="Grant for language courses")
    project = make_project(title_en="Example language project")
    draft_instrument = make_instrument(title_en="Draft grant", status=Status.DRAFT)
    make_step(
        strategy,
        phase=Step.Phase.LONG_TERM,
        position=1,
        title_en="Write an integration plan",
        responsible_en="The council",
        time_frame_en="Within a year",
    )
    make_step(
        strategy,
        phase=Step.Phase.FIRST_DAYS,
        position=1,
        title_en="Open an information point",
        instruments=[instrument, draft_instrument],
        projects=[project],
        time_frame_en="Day 1–7",
    )
    make_step(strategy, phase=Step.Phase.PREPARE, position=1, title_en="Map the employers")
    return strategy


def test_strategy_page_shows_scenario_then_phases_in_order(client, strategy):
    for language in ("cs", "en"):
        assert client.get(url("strategies:detail", strategy, language)).status_code == 200
    content = client.get(url("strategies:detail", strategy, "en")).content.decode()
    assert "A sudden influx of foreign workers" in content
    assert "What the situation is." in content
    assert "New dormitories." in content
    positions = [
        content.index(text)
        for text in [
            "What the situation is.",
            "Map the employers",
            "Open an information point",
            "Write an integration plan",
        ]
    ]
    assert positions == sorted(positions)
    phases = [
        content.index(f'id="phase-{phase}"') for phase in ("prepare", "first_days", "long_term")
    ]
    assert phases == sorted(phases)
    assert 'id="phase-first_months"' not in content  # an empty phase is left out


def test_each_step_says_who_acts_when_and_links_its_instruments_and_projects(client, strategy):
    content = client.get(url("strategies:detail", strategy, "en")).content.decode()
    assert "Who acts" in content and "The council" in content
    assert "Within a year" in content and "Day 1–7" in content
    assert "Grant for language courses" in content
    assert "Example language project" in content
    assert "Draft grant" not in content


def test_strategy_prints_as_a_checklist(client, strategy):
    content = client.get(url("strategies:detail", strategy, "en")).content.decode()
    assert content.count('class="check-box"') == 3
    assert 'class="checklist"' in content


def test_scenario_page_lists_its_strategies_by_kind_of_place(client, scenario, strategy):
    make_strategy(
        scenario=scenario,
        title_en="Strategy for a small municipality",
        place_kind="small_municipality",
    )
    make_strategy(
        scenario=scenario,
        title_en="Draft strategy for a region",
        place_kind="region",
        status=Status.DRAFT,
    )
    for language in ("cs", "en"):
        assert client.get(url("strategies:scenario", scenario, language)).status_code == 200
    content = client.get(url("strategies:scenario", scenario, "en")).content.decode()
    for text in [
        "What the situation is.",
        "New dormitories.",
        "The number of foreign residents.",
        "Warning signs",
        "Indicators to watch",
    ]:
        assert text in content
    assert content.index("Strategy for a small municipality") < content.index("Strategy for a city")
    assert "Draft strategy for a region" not in content


def test_unknown_scenario_is_404(client):
    assert client.get("/en/strategies/scenarios/nothing-like-this/").status_code == 404
