"""Subscriptions without an account: Atom feeds that honour the list's filters, linked on every page."""

import feedparser
import pytest

from catalogue.models import Status
from tests.factories import make_instrument, make_place, make_project, make_theme

pytestmark = pytest.mark.django_db


def parse(response):
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def slugs(feed):
    return {entry.link.rstrip("/").rsplit("/", 1)[-1] for entry in feed.entries}


def test_a_filtered_atom_feed_holds_exactly_the_filtered_entries(client):
    theme = make_theme(slug="housing-t")
    wanted = [make_project(title_en=f"Housing {n}") for n in range(3)]
    for project in wanted:
        project.themes.add(theme)
    make_project(title_en="Elsewhere")
    draft = make_project(title_en="Draft", status=Status.DRAFT)
    draft.themes.add(theme)

    everything = parse(client.get("/en/projects/feed/"))
    assert len(everything.entries) == 4
    filtered = parse(client.get("/en/projects/feed/", {"theme": "housing-t"}))
    assert slugs(filtered) == {project.slug for project in wanted}
    assert "(filtered)" in filtered.feed.title
    assert filtered.feed.link.endswith("/en/projects/?theme=housing-t")


def test_instrument_feed_with_finder_filters(client):
    municipal = make_instrument(eligible_applicants=["municipality"], call_status="open")
    make_instrument(eligible_applicants=["ngo"], call_status="open")
    feed = parse(client.get("/cs/instruments/feed/", {"applicant": "municipality"}))
    assert slugs(feed) == {municipal.slug}
    assert feed.feed.language == "cs"


def test_search_feed_holds_only_published_matches(client):
    make_project(title_cs="Kurzy češtiny pro cizince", title_en="Czech courses for foreigners")
    make_project(title_cs="Kurzy češtiny – koncept", status=Status.DRAFT)
    make_project(title_cs="Sportovní kroužek", title_en="Sports club")
    feed = parse(client.get("/en/search/feed/", {"q": "kurzy"}))
    assert [entry.title for entry in feed.entries] == ["Czech courses for foreigners"]
    assert parse(client.get("/en/search/feed/")).entries == []


@pytest.mark.parametrize(
    "path,feed,ical",
    [
        ("/cs/projects/?theme=t", "/cs/projects/feed/?theme=t", None),
        ("/en/strategies/", "/en/strategies/feed/", None),
        (
            "/en/instruments/?applicant=ngo",
            "/en/instruments/feed/?applicant=ngo",
            "/en/calendar/deadlines.ics?applicant=ngo",
        ),
        ("/cs/search/?q=kurzy", "/cs/search/feed/?q=kurzy", None),
        (
            "/en/finder/?who=ngo&where=praha",
            "/en/instruments/feed/?where=praha",
            "/en/calendar/deadlines.ics?where=praha",
        ),
    ],
)
def test_every_list_search_and_finder_page_shows_subscribe_links(client, path, feed, ical):
    make_theme(slug="t")
    make_place(slug="praha", kind="region")
    body = client.get(path).content.decode()
    assert 'class="subscribe-links"' in body
    assert f'href="{feed}"' in body
    if ical:
        assert f'href="{ical}"' in body
