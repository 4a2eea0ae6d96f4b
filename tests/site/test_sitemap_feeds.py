"""sitemap.xml (both languages with alternates) and the Atom feeds: published entries only."""

import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from catalogue import sitemaps
from catalogue.models import Status
from projects.models import Partnership
from tests.factories import (
    make_instrument,
    make_organisation,
    make_place,
    make_project,
    make_scenario,
    make_strategy,
)

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
ATOM = "{http://www.w3.org/2005/Atom}"


def sitemap_entries(client):
    """Every address of every sitemap the index at /sitemap.xml names, with its alternates."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    entries = {}
    for location in ET.fromstring(response.content).iter(f"{SITEMAP}loc"):
        page = client.get(location.text.removeprefix("http://testserver"))
        assert page.status_code == 200
        entries.update(urls(page.content))
    return entries


def urls(content):
    root = ET.fromstring(content)
    entries = {}
    for url in root.iter(f"{SITEMAP}url"):
        location = url.find(f"{SITEMAP}loc").text
        entries[location] = {
            link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")
        }
    return entries


def test_sitemap_lists_published_entries_in_both_languages_with_alternates(client):
    project = make_project()
    entries = sitemap_entries(client)
    czech = f"http://testserver/cs/projects/{project.slug}/"
    english = f"http://testserver/en/projects/{project.slug}/"
    assert czech in entries and english in entries
    assert entries[czech] == {"cs": czech, "en": english, "x-default": czech}
    assert "http://testserver/cs/" in entries and "http://testserver/en/" in entries


def test_sitemap_leaves_out_drafts_and_archived_entries(client):
    draft = make_project(status=Status.DRAFT)
    archived = make_instrument(status=Status.ARCHIVED)
    in_review = make_strategy(status=Status.REVIEW)
    body = " ".join(sitemap_entries(client))
    for entry in (draft, archived, in_review):
        assert entry.slug not in body


def test_the_sitemap_index_pages_every_published_entry_and_no_draft(client, monkeypatch):
    monkeypatch.setattr(sitemaps.BilingualSitemap, "limit", 2)
    published = [make_project() for _ in range(5)]
    drafts = [make_project(status=Status.DRAFT) for _ in range(2)]

    index = client.get("/sitemap.xml").content.decode()
    entries = sitemap_entries(client)

    assert "/sitemap-projects.xml?p=3" in index
    for project in published:
        assert f"http://testserver/cs/projects/{project.slug}/" in entries
        assert f"http://testserver/en/projects/{project.slug}/" in entries
    assert not any(draft.slug in location for draft in drafts for location in entries)


def test_a_sitemap_page_that_does_not_exist_is_not_found(client):
    make_project()
    assert client.get("/sitemap-projects.xml?p=99").status_code == 404
    assert client.get("/sitemap-projects.xml?p=x").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_sitemap_lists_an_untranslated_entry_in_czech_only(client):
    project = make_project(title_en="", summary_en="")
    entries = sitemap_entries(client)
    assert f"http://testserver/cs/projects/{project.slug}/" in entries
    assert f"http://testserver/en/projects/{project.slug}/" not in entries


def test_sitemap_has_scenarios_and_the_organisations_and_places_of_published_entries(client):
    scenario = make_scenario()
    place = make_place()
    organisation = make_organisation()
    idle_organisation = make_organisation()
    project = make_project(lead_organisation=organisation)
    project.places.add(place)
    hidden = make_organisation()
    Partnership.objects.create(project=make_project(status=Status.DRAFT), organisation=hidden)
    entries = sitemap_entries(client)
    assert f"http://testserver/en/strategies/scenarios/{scenario.slug}/" in entries
    assert f"http://testserver/cs/organisations/{organisation.slug}/" in entries
    assert f"http://testserver/cs/places/{place.slug}/" in entries
    assert f"http://testserver/cs/organisations/{idle_organisation.slug}/" not in entries
    assert f"http://testserver/cs/organisations/{hidden.slug}/" not in entries


def feed(client, app, language):
    response = client.get(f"/{language}/{app}/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


@pytest.mark.parametrize(
    "app,build",
    [("projects", make_project), ("instruments", make_instrument), ("strategies", make_strategy)],
)
def test_feed_is_valid_atom_with_only_published_entries(client, app, build):
    published = build(title_cs="Zveřejněný záznam", title_en="Published entry")
    build(title_cs="Koncept", title_en="Draft entry", status=Status.DRAFT)
    build(title_cs="Archiv", title_en="Archived entry", status=Status.ARCHIVED)
    root = feed(client, app, "en")
    assert root.tag == f"{ATOM}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    for required in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{required}") is not None
    entries = root.findall(f"{ATOM}entry")
    assert [entry.find(f"{ATOM}title").text for entry in entries] == ["Published entry"]
    entry = entries[0]
    for required in ("id", "updated", "link", "summary"):
        assert entry.find(f"{ATOM}{required}") is not None, required
    assert entry.find(f"{ATOM}link").get("href") == f"http://testserver/en/{app}/{published.slug}/"


def test_feed_follows_the_language_of_its_url(client):
    make_project(title_cs="Český název", title_en="English title")
    czech = feed(client, "projects", "cs")
    assert czech.get("{http://www.w3.org/XML/1998/namespace}lang") == "cs"
    assert czech.find(f"{ATOM}entry/{ATOM}title").text == "Český název"
    with translation.override("en"):
        english = feed(client, "projects", "en")
    assert english.find(f"{ATOM}entry/{ATOM}title").text == "English title"


def test_feed_lists_newest_first(client):
    from django.utils import timezone

    older = make_project(title_en="Older")
    newer = make_project(title_en="Newer")
    type(older).objects.filter(pk=older.pk).update(
        published_at=timezone.now() - timezone.timedelta(days=3)
    )
    titles = [
        e.find(f"{ATOM}title").text for e in feed(client, "projects", "en").findall(f"{ATOM}entry")
    ]
    assert titles == [newer.title_en, "Older"]
