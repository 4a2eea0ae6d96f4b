"""The whole-page cache for anonymous visitors: shared pages once, fresh content at once, never for staff."""

import pytest
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from catalogue import workflow
from catalogue.models import Status
from platform_site.pagecache import AnonymousPageCacheMiddleware
from tests.factories import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache():
    cache.clear()
    with override_settings(PAGE_CACHE_SECONDS=300, PAGE_CACHE_CDN_SECONDS=60):
        yield
    cache.clear()


def test_an_anonymous_page_is_built_once_and_then_served_from_the_cache(client):
    make_project(title_cs="Kurzy češtiny pro rodiče")

    first = client.get("/cs/projects/")
    second = client.get("/cs/projects/")

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert "s-maxage=60" in second["Cache-Control"]
    assert "Content-Security-Policy" in second


def test_each_language_and_query_string_is_a_page_of_its_own(client):
    make_project(title_cs="Kurzy češtiny", title_en="Czech courses")
    client.get("/cs/projects/")

    english = client.get("/en/projects/")
    sorted_by_title = client.get("/cs/projects/", {"sort": "title"})

    assert english["X-Page-Cache"] == "miss"
    assert "Czech courses" in english.content.decode()
    assert sorted_by_title["X-Page-Cache"] == "miss"


def test_a_browser_that_has_the_page_gets_not_modified(client):
    make_project()
    etag = client.get("/cs/projects/")["ETag"]

    response = client.get("/cs/projects/", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304


def test_publishing_shows_the_new_entry_at_once(client, publisher):
    make_project(title_cs="Starší projekt")
    draft = make_project(title_cs="Nově zveřejněný projekt", status=Status.REVIEW)
    before = client.get("/cs/projects/")
    assert "Nově zveřejněný projekt" not in before.content.decode()

    workflow.publish(draft, by=publisher)
    after = client.get("/cs/projects/")

    assert after["X-Page-Cache"] == "miss"
    assert "Nově zveřejněný projekt" in after.content.decode()


def test_archiving_removes_the_entry_at_once(client, publisher):
    entry = make_project(title_cs="Projekt k archivaci")
    assert client.get(entry.get_absolute_url()).status_code == 200

    workflow.archive(entry, by=publisher)

    assert client.get(entry.get_absolute_url()).status_code == 404


def test_staff_pages_are_never_stored_nor_served_from_the_cache(client, editor):
    draft = make_project(title_cs="Rozpracovaný koncept", status=Status.DRAFT)
    client.get("/cs/projects/")  # an anonymous copy exists
    client.force_login(editor)

    preview = client.get(draft.get_absolute_url())
    listing = client.get("/cs/projects/")
    client.logout()
    anonymous = client.get(draft.get_absolute_url())

    assert preview.status_code == 200
    assert "X-Page-Cache" not in preview
    assert "private" in preview["Cache-Control"]
    assert "X-Page-Cache" not in listing
    assert anonymous.status_code == 404


def test_a_page_with_messages_for_the_visitor_is_not_stored():
    request = RequestFactory().get("/cs/projects/")
    request.session = {}
    storage = FallbackStorage(request)
    storage.add(20, "Děkujeme za návrh.")
    request._messages = storage
    calls = []

    def view(request):
        calls.append(request)
        return HttpResponse("page")

    middleware = AnonymousPageCacheMiddleware(view)
    middleware(request)
    middleware(request)

    assert len(calls) == 2
