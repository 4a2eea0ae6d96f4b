"""An official opens a crisis strategy and follows one of its steps to the instrument it recommends."""

import re

import pytest
from playwright.sync_api import expect

from strategies.models import Step
from tests.factories import make_instrument, make_project, make_scenario, make_step, make_strategy

pytestmark = pytest.mark.browser


@pytest.fixture
def crisis_strategy(transactional_db):
    scenario = make_scenario(
        title_cs="Náhlý nárůst počtu zahraničních pracovníků",
        title_en="A sudden rise in the number of foreign workers",
    )
    strategy = make_strategy(
        scenario=scenario,
        title_cs="Strategie pro město při náhlém nárůstu pracovníků",
        title_en="A city's strategy for a sudden rise in foreign workers",
        place_kind="city",
    )
    instrument = make_instrument(
        title_cs="Program podpory integrace cizinců na lokální úrovni",
        title_en="Programme supporting the integration of foreigners at local level",
    )
    project = make_project(
        title_cs="Adaptační kurzy pro pracovníky", title_en="Adaptation courses for workers"
    )
    make_step(
        strategy,
        phase=Step.Phase.PREPARE,
        title_cs="Zmapujte zaměstnavatele",
        title_en="Map the employers",
    )
    make_step(
        strategy,
        phase=Step.Phase.FIRST_MONTHS,
        title_cs="Zřiďte informační místo pro cizince",
        title_en="Open an information point for foreigners",
        responsible_cs="Odbor sociálních věcí",
        responsible_en="The social affairs department",
        time_frame_cs="do tří měsíců",
        time_frame_en="within three months",
        instruments=[instrument],
        projects=[project],
    )
    return scenario, strategy, instrument


def test_official_opens_a_strategy_and_follows_a_step_to_its_instrument(page, crisis_strategy):
    scenario, strategy, instrument = crisis_strategy

    page.goto(f"/cs/strategies/scenarios/{scenario.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(scenario.title_cs)
    page.get_by_role("link", name=strategy.title_cs).click()

    expect(page).to_have_url(re.compile(rf"/cs/strategies/{strategy.slug}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(strategy.title_cs)
    # The phases come in order, each step says who acts and when.
    phases = page.locator(".timeline-phase > h3")
    expect(phases).to_have_count(2)
    step = page.locator(".step", has_text="Zřiďte informační místo pro cizince")
    expect(step).to_contain_text("Odbor sociálních věcí")
    expect(step).to_contain_text("do tří měsíců")
    expect(step.get_by_role("link", name="Adaptační kurzy pro pracovníky")).to_be_visible()

    step.get_by_role("link", name=instrument.title_cs).click()
    expect(page).to_have_url(re.compile(rf"/cs/instruments/{instrument.slug}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(instrument.title_cs)
    # and the instrument page leads back to the strategy that recommends it
    expect(
        page.locator("#related-strategies + ul").get_by_role("link", name=strategy.title_cs)
    ).to_be_visible()


def test_strategy_page_prints_as_a_checklist(page, crisis_strategy):
    _scenario, strategy, _instrument = crisis_strategy
    page.goto(f"/en/strategies/{strategy.slug}/")
    boxes = page.locator(".step .check-box")
    expect(boxes).to_have_count(2)
    expect(boxes.first).to_be_hidden()
    page.emulate_media(media="print")
    expect(boxes.first).to_be_visible()
    expect(page.locator(".breadcrumbs")).to_be_hidden()
