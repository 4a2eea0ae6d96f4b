"""A project the sources name only in English shows that name, and says its title is a translation."""

import re

import pytest

from tests.factories import make_organisation, make_project

pytestmark = pytest.mark.django_db


def test_czech_page_shows_the_original_name_and_says_the_title_is_a_translation(client):
    project = make_project(
        title_cs="Poradenské centrum pro mladé migranty",
        title_en="Consultancy and Information Centre for Young Migrants",
        original_name="Consultancy and Information Centre for Young Migrants",
    )
    html = client.get(f"/cs/projects/{project.slug}/").content.decode()
    assert "Původní název" in html
    assert '<span lang="en">Consultancy and Information Centre for Young Migrants</span>' in html
    assert "překlad nebo popis doplněný platformou" in html


def test_original_name_is_not_repeated_when_it_is_the_title_shown(client):
    project = make_project(title_en="Face 2 Face", original_name="Face 2 Face")
    html = client.get(f"/en/projects/{project.slug}/").content.decode()
    assert "Original name" not in html


def test_a_project_without_years_leaves_no_empty_field_between_separators(client):
    make_project(title_cs="Bez let", lead_organisation=make_organisation(name_cs="META"))
    html = client.get("/cs/projects/").content.decode()
    meta = re.sub(r"<[^>]+>", "", re.search(r'<p class="entry-meta">(.*?)</p>', html, re.S)[1])
    words = " ".join(meta.split())
    assert "· ·" not in words
    assert words.startswith("META · ")
