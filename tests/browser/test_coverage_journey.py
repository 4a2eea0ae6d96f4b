"""An official looks for neglected groups from the home page and opens the list behind a gap."""

import re

import pytest
from playwright.sync_api import expect

from catalogue.models import EvidenceLevel
from tests.factories import make_instrument, make_project, make_target_group, make_theme

pytestmark = pytest.mark.browser


@pytest.fixture
def catalogue(transactional_db):
    housing = make_theme(slug="housing", name_cs="Bydlení", name_en="Housing")
    school = make_theme(slug="school", name_cs="Vzdělávání", name_en="Education")
    workers = make_target_group(slug="workers", name_cs="Pracovní migranti", name_en="Workers")
    seniors = make_target_group(slug="seniors", name_cs="Senioři", name_en="Seniors")
    evaluated = make_project(title_cs="Bydlení pro pracovníky", evidence_level=EvidenceLevel.IMPACT)
    evaluated.themes.set([housing, school])
    evaluated.target_groups.set([workers])
    unevaluated = make_project(title_cs="Kavárna pro seniory")
    unevaluated.themes.set([school])
    unevaluated.target_groups.set([seniors])
    instrument = make_instrument(title_cs="Dotace na bydlení")
    instrument.themes.set([housing])
    instrument.target_groups.set([workers])
    return unevaluated


def test_home_to_neglected_groups_to_a_gap_to_its_list(page, catalogue):
    page.goto("/cs/")
    page.get_by_role("link", name="Opomíjené cílové skupiny a témata").click()
    expect(page).to_have_url(re.compile(r"/cs/coverage/groups/$"))
    groups = page.locator("#neglected-groups-heading + ol > li")
    first = groups.first
    expect(first).to_contain_text("Senioři: 1 projekt, žádný hodnocený; žádný nástroj")

    first.get_by_role("link", name="Vzdělávání (1 projekt)").click()
    expect(page).to_have_url(re.compile(r"/cs/projects/\?theme=school&target_group=seniors$"))
    expect(page.locator("#result-count")).to_have_text("1 výsledek")
    expect(page.get_by_role("link", name=catalogue.title_cs)).to_be_visible()


def test_the_map_becomes_a_list_per_group_on_a_phone(page, catalogue):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/en/coverage/")
    expect(page.locator(".coverage-table")).to_be_hidden()
    seniors = page.locator(".coverage-list-group", has_text="Seniors")
    expect(seniors.get_by_text("Coverage gap")).to_be_visible()
    page.set_viewport_size({"width": 1280, "height": 900})
    expect(page.get_by_role("table")).to_be_visible()
    expect(page.get_by_role("columnheader", name="Education")).to_be_visible()
