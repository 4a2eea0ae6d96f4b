"""A catalogue registered by a test-only app (tests/toycatalogue) gets every shared page.

The toy app holds a model, a FilterSet, export columns, an API serializer and viewset,
two templates and one ``Catalogue`` registration in its ``apps.py``; nothing in
``catalogue/`` or ``platform_site/`` names it. Its list with facets, detail page,
exports, sitemap entries, feed, navigation entry and API endpoint follow from the
registration.
"""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from catalogue import registry
from catalogue.models import Status
from tests.factories import Export
from tests.toycatalogue.models import Colour, Toy

pytestmark = [pytest.mark.django_db, pytest.mark.toy_catalogue]


@pytest.fixture
def toys():
    now = timezone.now()
    red = Toy.objects.create(
        slug="red-ball",
        title_cs="Červený míč",
        title_en="Red ball",
        summary_cs="Míč, který skáče.",
        summary_en="A ball that bounces.",
        colour=Colour.RED,
        status=Status.PUBLISHED,
        published_at=now,
    )
    blue = Toy.objects.create(
        slug="blue-kite",
        title_cs="Modrý drak",
        title_en="Blue kite",
        summary_cs="Drak, který létá.",
        summary_en="A kite that flies.",
        colour=Colour.BLUE,
        status=Status.PUBLISHED,
        published_at=now,
    )
    draft = Toy.objects.create(
        slug="secret-toy",
        title_cs="Tajná hračka",
        summary_cs="Ještě nezveřejněná.",
        status=Status.DRAFT,
    )
    return red, blue, draft


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def test_the_toy_catalogue_is_registered_by_its_own_app():
    spec = registry.catalogue("toys")
    assert spec.model is Toy
    assert spec.app_label == "toycatalogue"
    assert url("toys:list") == "/en/toys/"


def test_list_page_shows_published_toys_with_their_facets(client, toys):
    red, blue, draft = toys
    response = client.get(url("toys:list"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Red ball" in content and "Blue kite" in content
    assert "Tajná hračka" not in content
    facets = {facet.name: facet for facet in response.context["state"].facets}
    counts = {value.value: value.count for value in facets["colour"].values}
    assert counts == {"red": 1, "blue": 1}

    filtered = client.get(url("toys:list"), {"colour": "blue"})
    assert [entry.slug for entry in filtered.context["page_obj"]] == ["blue-kite"]


def test_detail_page_shows_a_published_toy_and_hides_a_draft(client, toys):
    red, blue, draft = toys
    response = client.get(url("toys:detail", slug=red.slug))
    assert response.status_code == 200
    assert "Red ball" in response.content.decode()
    assert client.get(url("toys:detail", slug=draft.slug)).status_code == 404


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_exports_hold_the_filtered_toys(client, toys, fmt):
    response = client.get(url("toys:export", fmt=fmt), {"colour": "red"})
    assert response.status_code == 200
    export = Export(response, "toys", fmt, "en")
    assert export.slugs == ["red-ball"]
    assert export.rows[0]["title"] == "Red ball"
    assert export.rows[0]["colour"] == "red"


def test_sitemap_lists_the_published_toys(client, toys):
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-toys.xml" in index
    section = client.get("/sitemap-toys.xml").content.decode()
    assert "/cs/toys/red-ball/" in section and "/en/toys/blue-kite/" in section
    assert "secret-toy" not in section
    pages = client.get("/sitemap-pages.xml").content.decode()
    assert "/cs/toys/" in pages


def test_feed_lists_the_published_toys(client, toys):
    response = client.get(url("toys:feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    content = response.content.decode()
    assert "Red ball" in content and "Blue kite" in content
    assert "Tajná hračka" not in content


def test_navigation_links_the_toy_list(client, toys):
    response = client.get(url("home"))
    assert {"key": "toys", "name": "Toys", "url": "/en/toys/"} in response.context["nav_catalogues"]
    assert 'href="/en/toys/"' in response.content.decode()


def test_api_endpoint_lists_the_published_toys(client, toys):
    response = client.get("/api/v1/toys/")
    assert response.status_code == 200
    slugs = [item["slug"] for item in response.json()["results"]]
    assert sorted(slugs) == ["blue-kite", "red-ball"]
