"""The bilingual skeleton: pages in both languages, redirects, switcher, alternates, errors, home."""

import re
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue.models import Status
from tests.factories import make_instrument, make_project, make_scenario, make_strategy

pytestmark = pytest.mark.django_db

PAGES = ["", "about/", "accessibility/"]


def links(html: str, rel: str) -> dict[str, str]:
    """{hreflang or rel: absolute href} of the <link> elements with that rel."""
    found = {}
    for tag in re.findall(r"<link [^>]*>", html):
        if f'rel="{rel}"' not in tag:
            continue
        href = unescape(re.search(r'href="([^"]*)"', tag).group(1))
        lang = re.search(r'hreflang="([^"]*)"', tag)
        found[lang.group(1) if lang else rel] = href
    return found


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["cs", "en"])
def test_page_answers_in_both_languages(client, lang, page):
    response = client.get(f"/{lang}/{page}")
    assert response.status_code == 200
    assert f'<html lang="{lang}"' in response.content.decode()


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("en-GB,en;q=0.9", "/en/"),
        ("cs-CZ,cs;q=0.9,en;q=0.5", "/cs/"),
        ("de-DE,de;q=0.9", "/cs/"),
        ("", "/cs/"),
    ],
)
def test_root_redirects_by_accept_language_defaulting_to_czech(client, accept_language, expected):
    headers = {"accept-language": accept_language} if accept_language else {}
    response = client.get("/", headers=headers)
    assert response.status_code == 302
    assert response["Location"] == expected


def test_language_switcher_links_to_the_same_page_with_its_query_string(client):
    response = client.get("/cs/search/?q=cizinci&x=1")
    html = response.content.decode()
    switcher = html[html.index('class="language-switcher"') :]
    switcher = switcher[: switcher.index("</nav>")]
    hrefs = [unescape(href) for href in re.findall(r'<a href="([^"]*)" hreflang="en"', switcher)]
    assert hrefs == ["http://testserver/en/search/?q=cizinci&x=1"]
    assert 'aria-current="true" lang="cs"' in switcher


@pytest.mark.parametrize("page", PAGES)
def test_hreflang_alternates_and_canonical_are_absolute(client, page):
    html = client.get(f"/en/{page}").content.decode()
    alternates = links(html, "alternate")
    assert alternates["cs"] == f"http://testserver/cs/{page}"
    assert alternates["en"] == f"http://testserver/en/{page}"
    assert alternates["x-default"] == f"http://testserver/cs/{page}"
    canonical = links(html, "canonical")["canonical"]
    assert canonical == f"http://testserver/en/{page}"
    for href in [*alternates.values(), canonical]:
        assert urlsplit(href).scheme and urlsplit(href).netloc


def test_base_layout_has_skip_link_navigation_and_credits(client):
    html = client.get("/en/").content.decode()
    assert '<a class="skip-link" href="#main-content">' in html
    assert '<main id="main-content"' in html
    assert 'aria-label="Main navigation"' in html
    for name in ("/en/projects/", "/en/instruments/", "/en/strategies/", "/en/about/"):
        assert f'href="{name}"' in html
    footer = html[html.index('<footer class="site-footer">') :]
    for credit in ("SIMI", "CESES", "European Social Fund"):
        assert credit in footer
    assert 'href="/en/accessibility/"' in footer


@pytest.mark.parametrize(
    "path", ["/cs/", "/en/about/", "/cs/accessibility/", "/en/search/?q=cizinci"]
)
def test_public_pages_carry_a_content_security_policy_without_unsafe_inline(client, path):
    make_project(title_cs="Cizinci v obci")
    response = client.get(path)
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy
    html = response.content.decode()
    assert "<script>" not in html
    assert "style=" not in html
    assert "<style" not in html


def test_pages_link_the_design_system_and_a_print_stylesheet(client):
    html = client.get("/cs/").content.decode()
    assert 'href="/static/vendor/gov-design-system/tokens.css"' in html
    assert '<link rel="stylesheet" href="/static/css/print.css" media="print">' in html


@pytest.mark.parametrize(
    ("lang", "heading"), [("cs", "Stránka nenalezena"), ("en", "Page not found")]
)
def test_missing_page_is_a_404_in_the_language_of_its_address(client, settings, lang, heading):
    settings.DEBUG = False
    response = client.get(f"/{lang}/no-such-page/?x=1")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{lang}"' in html
    assert heading in html
    other = "en" if lang == "cs" else "cs"
    assert f'href="http://testserver/{other}/no-such-page/?x=1"' in html


def test_server_error_page_is_static_and_reveals_nothing(client, settings):
    from platform_site.views import server_error

    response = server_error(None)
    assert response.status_code == 500
    html = response.content.decode()
    assert "Omlouváme se" in html and "Sorry, something went wrong" in html
    for internal in ("Traceback", "settings", "DATABASE", str(settings.BASE_DIR), "{%", "{{"):
        assert internal not in html


def test_robots_txt_points_at_the_sitemap_and_keeps_the_admin_out(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_home_counts_published_entries_only(client):
    make_project()
    make_project()
    make_project(status=Status.DRAFT)
    make_instrument()
    make_instrument(status=Status.REVIEW)
    make_strategy(status=Status.ARCHIVED)
    response = client.get("/en/")
    counts = {item["key"]: item["count"] for item in response.context["catalogue_counts"]}
    assert counts == {"projects": 2, "instruments": 1, "strategies": 0}


def test_home_lists_scenarios_recent_entries_and_good_practices(client):
    scenario = make_scenario(
        title_cs="Náhlý nárůst pracovníků", title_en="Sudden rise in foreign workers"
    )
    make_strategy(scenario=scenario)
    make_project(title_en="Language courses for parents", is_good_practice=True)
    make_project(title_en="Hidden draft", status=Status.DRAFT, is_good_practice=True)
    html = client.get("/en/").content.decode()
    assert "In a crisis? Choose your situation" in html
    assert f'href="/en/strategies/scenarios/{scenario.slug}/"' in html
    assert "Sudden rise in foreign workers" in html
    assert "Language courses for parents" in html
    assert "Hidden draft" not in html
    assert 'action="/en/search/"' in html


def test_home_marks_entries_without_english_as_czech(client):
    make_project(title_cs="Jen česky", title_en="", summary_en="")
    html = client.get("/en/").content.decode()
    assert re.search(r'<a href="/en/projects/[^"]+/" lang="cs">Jen česky</a>', html)


def test_home_uses_a_fixed_number_of_queries(client):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/cs/").status_code == 200
        return len(queries)

    make_project(is_good_practice=True)
    make_strategy()
    few = count_queries()
    for _ in range(8):
        make_project(is_good_practice=True)
        make_instrument()
        make_strategy()
    assert count_queries() == few


def test_entries_without_a_publication_date_come_last_among_recent_ones(client):
    undated = make_project(title_en="Loaded without a date")
    type(undated).objects.filter(pk=undated.pk).update(published_at=None)
    make_project(title_en="Published today")
    response = client.get("/en/")
    assert response.status_code == 200
    titles = [entry.title for entry in response.context["recent"]]
    assert titles.index("Published today") < titles.index("Loaded without a date")
