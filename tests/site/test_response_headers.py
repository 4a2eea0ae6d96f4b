"""Headers of every response, HEAD like GET, and what caches may keep."""

import pytest
from django.test import override_settings

from catalogue.models import Status
from tests.factories import make_project

pytestmark = pytest.mark.django_db

PUBLIC_URLS = [
    "/cs/",
    "/en/search/?q=kurzy",
    "/cs/projects/",
    "/cs/projects/export.csv",
    "/en/projects/export.xlsx",
    "/healthz",
]


@pytest.fixture
def project(db):
    return make_project(slug="kurzy", title_cs="Kurzy češtiny", status=Status.PUBLISHED)


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_head_answers_like_get_without_a_body(client, project, url):
    get = client.get(url)
    head = client.head(url)
    assert head.status_code == get.status_code == 200
    assert head.getvalue() == b""
    assert head["Content-Type"] == get["Content-Type"]


@pytest.mark.parametrize("url", ["/cs/", "/api/v1/themes/", "/admin/login/", "/healthz"])
def test_every_response_has_permissions_and_resource_policies(client, url):
    response = client.get(url)
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Resource-Policy"] in ("same-origin", "cross-origin")


def test_the_api_has_a_strict_policy_of_its_own(client):
    policy = client.get("/api/v1/themes/")["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "unsafe-inline" not in policy
    assert client.get("/api/v1/themes/")["Cross-Origin-Resource-Policy"] == "cross-origin"


def test_admin_pages_are_never_stored(client, editor):
    client.force_login(editor)
    cache_control = client.get("/admin/")["Cache-Control"]
    assert "no-store" in cache_control and "private" in cache_control


def test_exports_and_citations_say_how_long_they_may_be_kept(client, project):
    for url in ("/cs/projects/export.csv", "/cs/projects/kurzy/cite.ris"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "max-age=300" in response["Cache-Control"]
        assert response["Cross-Origin-Resource-Policy"] == "cross-origin"


def test_exports_for_staff_are_private(client, project, editor):
    client.force_login(editor)
    cache_control = client.get("/cs/projects/export.csv")["Cache-Control"]
    assert "private" in cache_control and "public" not in cache_control


@override_settings(LANGUAGE_COOKIE_SECURE=True)
def test_language_cookie_is_secure_and_lax(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/en/"})
    cookie = response.cookies["django_language"]
    assert cookie["samesite"] == "Lax"
    assert cookie["secure"]
