"""Lists page through their first rows only; any page number gives a page, never an error."""

import pytest

from catalogue import listing
from tests.factories import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def long_list(monkeypatch):
    monkeypatch.setattr(listing.CappedPaginator, "max_rows", 40)
    return [make_project(title_cs=f"Projekt {n:02d}") for n in range(45)]


@pytest.mark.parametrize(
    "page", ["1", "2", "3", "4", "999999999", "0", "-1", "x", "2.5", "٣", "9" * 30, ""]
)
def test_any_page_number_gives_a_page(client, long_list, page):
    response = client.get("/cs/projects/", {"page": page})
    assert response.status_code == 200
    assert 1 <= response.context["page_obj"].number <= 2


def test_a_deep_page_shows_the_last_page_that_can_be_paged_with_the_reason(client, long_list):
    response = client.get("/en/projects/", {"page": "3"})
    page = response.context["page_obj"]
    assert page.number == 2
    assert page.paginator.count == 45  # the count stays exact
    assert "Only the first 40 results can be paged through" in response.content.decode()


def test_a_short_list_says_nothing_about_the_cap(client):
    make_project()
    response = client.get("/en/projects/")
    assert "can be paged through" not in response.content.decode()


def test_the_api_refuses_deep_pages_with_a_message(client, monkeypatch):
    from platform_site.api import pagination

    monkeypatch.setattr(pagination.ApiPaginator, "max_rows", 2)
    for _ in range(3):
        make_project()
    assert client.get("/api/v1/projects/", {"page_size": 1, "page": 2}).status_code == 200
    response = client.get("/api/v1/projects/", {"page_size": 1, "page": 3})
    assert response.status_code == 404
    assert (
        "Invalid page: 3" in response.json()["detail"] or "stránka: 3" in response.json()["detail"]
    )
