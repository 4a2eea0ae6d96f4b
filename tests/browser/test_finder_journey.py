"""An official goes from the home page to a situation, its strategy, the finder pre-filled, an instrument.

And the finder and the calls calendar pass axe-core's WCAG 2.1 A and AA rules, in both languages.
"""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

JOURNEYS = {
    "cs": {
        "scenario": "Náhlý nárůst počtu zahraničních pracovníků",
        "strategy": "Náhlý nárůst zahraničních pracovníků: postup pro město",
        "finder": re.compile(r"^Co můžeme využít\?"),
        "answer": "Odpověď",
        "instrument": "Dotace Ministerstva vnitra na integraci cizinců",
    },
    "en": {
        "scenario": "A sudden increase in the number of foreign workers",
        "strategy": "A sudden increase in foreign workers: what a city can do",
        "finder": re.compile(r"^What can we use\?"),
        "answer": "The answer",
        "instrument": "Ministry of the Interior funding for the integration of foreigners",
    },
}


@pytest.mark.parametrize("lang", ["cs", "en"])
def test_home_to_scenario_to_strategy_to_finder_to_instrument(page, seeded_database, lang):
    words = JOURNEYS[lang]
    page.goto(f"/{lang}/")
    page.get_by_role("link", name=words["scenario"]).click()
    page.get_by_role("link", name=words["strategy"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["strategy"])
    page.get_by_role("link", name=words["finder"]).click()

    expect(page).to_have_url(re.compile(r"/finder/\?.*who=municipality"))
    expect(page.locator("#id_who")).to_have_value("municipality")
    expect(page.locator("#id_scenario")).to_have_value("sudden-increase-in-foreign-workers")
    expect(page.get_by_role("heading", name=words["answer"])).to_be_visible()
    answer = page.locator(".finder-answer")
    answer.get_by_role("link", name=words["instrument"]).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(words["instrument"])


@pytest.mark.parametrize("lang", ["cs", "en"])
def test_the_finder_form_answers_without_javascript(browser, live_server, seeded_database, lang):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"/{lang}/finder/")
    tab.locator("#id_who").select_option("municipality")
    tab.locator("#finder-where").select_option("liberecky-kraj")
    tab.locator("#id_size").select_option("under-50000")
    tab.locator("#id_scenario").select_option("sudden-increase-in-foreign-workers")
    tab.locator(".finder-form button[type=submit]").click()
    expect(tab).to_have_url(re.compile(r"where=liberecky-kraj"))
    expect(tab.locator("#group-ended .finder-finding").first).to_be_visible()
    context.close()


PAGES = [
    "/{lang}/finder/?who=municipality&size=under-50000&where=liberecky-kraj"
    "&scenario=sudden-increase-in-foreign-workers",
    "/{lang}/finder/",
    "/{lang}/calendar/",
]


@pytest.mark.parametrize("lang", ["cs", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_finder_and_calendar_have_no_wcag_violations(
    page, seeded_database, assert_accessible, path, lang
):
    url = path.format(lang=lang)
    response = page.goto(url)
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == lang
    assert_accessible(page, url)
