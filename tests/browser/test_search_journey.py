"""An official searches the whole platform from the home page, without diacritics."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import make_instrument, make_project

pytestmark = pytest.mark.browser


def test_official_searches_cizincu_on_the_home_page_and_finds_entries_about_cizinci(
    page, transactional_db
):
    project = make_project(
        title_cs="Poradna pro cizince v Jihlavě",
        title_en="Advice centre for foreigners in Jihlava",
        summary_cs="Cizinci zde dostanou radu k pobytu, práci a bydlení.",
    )
    make_instrument(
        title_cs="Dotace na integraci",
        summary_cs="Program podporuje obce, kde žijí cizinci.",
    )
    make_project(title_cs="Jazykové kurzy pro rodiče", summary_cs="Kurzy češtiny pro rodiče žáků.")

    page.goto("/cs/")
    page.get_by_label("Hledat projekty, nástroje a strategie").fill("cizincu")
    page.get_by_role("button", name="Hledat").first.click()

    expect(page).to_have_url(re.compile(r"/cs/search/\?q=cizincu$"))
    projects = page.locator("#results-projects")
    expect(projects.get_by_role("link", name=project.title_cs)).to_be_visible()
    expect(projects.locator("mark").first).to_have_text(re.compile(r"^cizinc", re.IGNORECASE))
    expect(page.locator("#results-instruments").get_by_text("kde žijí cizinci")).to_be_visible()
    expect(page.get_by_text("Jazykové kurzy pro rodiče")).to_have_count(0)

    projects.get_by_role("link", name=project.title_cs).click()
    expect(page).to_have_url(re.compile(rf"/cs/projects/{project.slug}/$"))


def test_search_results_follow_the_language_switcher(page, transactional_db):
    make_project(title_cs="Společně na trhu práce", title_en="Together on the Labour Market")

    page.goto("/cs/search/?q=trh+prace")
    expect(
        page.locator("#results-projects").get_by_role("link", name="Společně na trhu práce")
    ).to_be_visible()
    page.locator(".language-switcher").get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/en/search/\?q=trh\+prace$"))
    expect(
        page.locator("#results-projects").get_by_role("link", name="Together on the Labour Market")
    ).to_be_visible()


def test_the_seed_content_answers_cizincu_with_entries_about_cizinci(page, seed_content):
    page.goto("/cs/")
    page.get_by_label("Hledat projekty, nástroje a strategie").fill("cizincu")
    page.get_by_label("Hledat projekty, nástroje a strategie").press("Enter")

    expect(page).to_have_url(re.compile(r"/cs/search/\?q=cizincu$"))
    marks = page.locator("main mark")
    expect(marks.first).to_be_visible()
    # Every highlighted word is a form of "cizinec" or of a word of its thesaurus synonyms.
    from taxonomy.models import ThesaurusEntry

    synonyms = {"cizin"}
    for entry in ThesaurusEntry.objects.filter(terms_cs__contains="cizinci"):
        synonyms |= {word.lower()[:4] for term in entry.terms() for word in term.split()}
    texts = marks.all_inner_texts()[:20]
    for word in texts:
        assert word.lower().startswith(tuple(synonyms)), word
    assert any(word.lower().startswith("cizin") for word in texts)
    first_result = page.locator("main ol.entry-list h3 a").first
    title = first_result.inner_text()
    first_result.click()
    expect(page.locator("h1")).to_contain_text(title.strip())
