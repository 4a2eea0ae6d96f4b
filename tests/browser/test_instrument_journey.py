"""An official filters instruments for municipalities with an open call, opens one and switches to English."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import make_instrument

pytestmark = pytest.mark.browser


@pytest.fixture
def instruments(transactional_db):
    today = timezone.localdate()
    wanted = make_instrument(
        title_cs="Dotace obcím na integraci cizinců",
        title_en="Grants to municipalities for the integration of foreigners",
        eligible_applicants=["municipality", "ngo"],
        call_status="open",
        next_deadline=today + datetime.timedelta(days=20),
    )
    closed = make_instrument(
        title_cs="Uzavřená výzva pro obce",
        eligible_applicants=["municipality"],
        call_status="closed",
    )
    ngo_only = make_instrument(
        title_cs="Program pro neziskové organizace", eligible_applicants=["ngo"], call_status="open"
    )
    return wanted, closed, ngo_only


def test_official_filters_opens_an_instrument_and_switches_to_english(page, instruments):
    wanted, closed, ngo_only = instruments

    page.goto("/cs/instruments/")
    filters = page.locator("#list-filters")
    filters.locator("summary", has_text="Kdo může žádat").click()
    filters.get_by_role("checkbox", name=re.compile(r"^Obec \(\d+\)")).check()
    filters.locator("summary", has_text="Stav výzvy").click()
    filters.get_by_role("checkbox", name=re.compile(r"^Otevřeno nyní \(\d+\)")).check()
    filters.get_by_role("button", name="Použít filtry").click()

    expect(page).to_have_url(re.compile(r"applicant=municipality"))
    expect(page).to_have_url(re.compile(r"call_status=open_now"))
    results = page.locator(".listing-entries")
    expect(results.get_by_role("link")).to_have_count(1)
    expect(page.locator(".chips")).to_contain_text("Otevřeno nyní")
    expect(page.get_by_text(closed.title_cs)).to_have_count(0)
    expect(page.get_by_text(ngo_only.title_cs)).to_have_count(0)

    results.get_by_role("link", name=wanted.title_cs).click()
    expect(page).to_have_url(re.compile(rf"/cs/instruments/{wanted.slug}/$"))

    page.locator(".language-switcher").get_by_role("link").click()
    expect(page).to_have_url(re.compile(rf"/en/instruments/{wanted.slug}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(wanted.title_en)


def test_filters_work_without_javascript(browser, live_server, instruments):
    wanted = instruments[0]
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    tab = context.new_page()
    try:
        tab.goto("/en/instruments/")
        filters = tab.locator("#list-filters")
        filters.locator("summary", has_text="Who may apply").click()
        filters.get_by_role("checkbox", name=re.compile(r"^Municipality \(\d+\)")).check()
        filters.locator("summary", has_text="Call status").click()
        filters.get_by_role("checkbox", name=re.compile(r"^Open now \(\d+\)")).check()
        tab.get_by_label("Sort by").select_option("deadline")
        filters.get_by_role("button", name="Apply filters").click()

        expect(tab).to_have_url(re.compile(r"sort=deadline"))
        expect(tab.locator(".listing-entries").get_by_role("link")).to_have_count(1)
        expect(tab.locator(".listing-entries")).to_contain_text(wanted.title_en)

        # Removing a chip keeps the other filter.
        tab.locator(".chips").get_by_role("link", name=re.compile("Open now")).click()
        expect(tab).to_have_url(re.compile(r"applicant=municipality"))
        expect(tab.locator(".listing-entries").get_by_role("link")).to_have_count(2)
    finally:
        context.close()
