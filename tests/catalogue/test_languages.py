"""A translated field read in one language, with the language it was actually found in."""

import pytest
from django.utils import translation

from catalogue.languages import (
    fallback_language,
    field_name,
    field_names,
    localized,
    localized_text,
)
from projects.models import Project
from tests.factories import make_organisation, make_project

pytestmark = pytest.mark.django_db


def test_field_names_are_the_language_columns():
    assert field_name("title", "en") == "title_en"
    assert field_names("title", "summary") == ("title_cs", "title_en", "summary_cs", "summary_en")
    for name in field_names(*Project.translated_fields):
        Project._meta.get_field(name)


def test_an_english_page_falls_back_to_czech_and_says_so():
    project = make_project(title_cs="Jen česky", title_en="", summary_en="")
    assert localized(project, "title", "en") == ("Jen česky", "cs")
    assert localized(project, "title", "en", fallback=False) == ("", "en")
    assert fallback_language(project, "title", "en") == "cs"
    assert fallback_language(project, "title", "cs") is None


def test_the_page_language_is_the_default():
    organisation = make_organisation(name_cs="Obec", name_en="Municipality")
    with translation.override("en"):
        assert localized(organisation, "name") == ("Municipality", "en")
        assert fallback_language(organisation, "name") is None
    with translation.override("cs"):
        assert localized_text(organisation, "name") == "Obec"


def test_a_field_that_is_not_translated_reads_its_plain_value():
    project = make_project()
    assert localized(project, "slug", "en") == (project.slug, "en")
    assert localized(None, "title", "en") == ("", "en")
