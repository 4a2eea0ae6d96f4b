"""The researcher's journey of issue 6: projects for labour migrants in Prague, downloaded in
every format and both languages, and reached through the API, always the rows of the page."""

import pytest
from django.core.cache import cache

from catalogue.models import Status
from tests.factories import download, make_place, make_project, make_target_group, page_slugs

pytestmark = pytest.mark.django_db

FILTERS = {"target_group": "labour-migrants", "region": "praha"}


@pytest.fixture
def prague_projects():
    migrants = make_target_group(
        slug="labour-migrants", name_cs="Pracovní migranti", name_en="Labour migrants"
    )
    others = make_target_group()
    country = make_place(slug="cz", kind="country", code="CZ", name_cs="Česko", name_en="Czechia")
    prague = make_place(
        slug="praha", kind="region", code="CZ010", parent=country, name_cs="Praha", name_en="Prague"
    )
    district = make_place(
        slug="praha-3", kind="district", parent=prague, name_cs="Praha 3", name_en="Prague 3"
    )
    brno_region = make_place(slug="jihomoravsky-kraj", kind="region", code="CZ064", parent=country)
    brno = make_place(slug="brno", kind="municipality", parent=brno_region)

    def project(group, place, **extra):
        entry = make_project(**extra)
        entry.target_groups.add(group)
        entry.places.add(place)
        return entry

    # More than one page of the list (20 a page): the exports must hold them all.
    matching = [
        project(migrants, district if n % 2 else prague, start_year=2010 + n % 12)
        for n in range(23)
    ]
    project(
        migrants,
        prague,
        title_cs="Společně na trhu práce",
        title_en="Together on the Labour Market",
    )
    project(migrants, brno)
    project(others, prague)
    for status in (Status.DRAFT, Status.REVIEW, Status.ARCHIVED):
        project(migrants, prague, status=status)
    return len(matching) + 1


@pytest.mark.parametrize("language", ["cs", "en"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_every_download_holds_the_rows_of_the_page(client, prague_projects, fmt, language):
    on_page = page_slugs(client, "projects", FILTERS, language=language)
    assert len(on_page) == prague_projects
    export = download(client, "projects", fmt, FILTERS, language=language)
    assert export.slugs == on_page
    if fmt == "json":
        assert export.document["count"] == prague_projects
        assert export.document["filters"] == FILTERS
    for row in export.rows:
        groups = row["target_groups"]
        assert ("Pracovní migranti" if language == "cs" else "Labour migrants") in groups


@pytest.mark.parametrize("language", ["cs", "en"])
def test_the_api_gives_the_same_list(client, prague_projects, language):
    cache.clear()
    on_page = page_slugs(client, "projects", FILTERS, language=language)
    found, page = [], 1
    while True:
        response = client.get("/api/v1/projects/", {**FILTERS, "lang": language, "page": page})
        assert response.status_code == 200
        data = response.json()
        assert data["count"] == prague_projects
        found += [item["slug"] for item in data["results"]]
        if not data["next"]:
            break
        page += 1
    assert found == on_page
