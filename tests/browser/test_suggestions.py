"""The public suggestion and correction forms: accessible, and usable by a person end to end."""

import pytest
from django.urls import reverse
from django.utils import translation

from suggestions.models import Suggestion
from tests.factories import make_project


@pytest.mark.parametrize("lang", ["cs", "en"])
def test_suggestion_and_correction_forms_have_no_wcag_violations(page, assert_accessible, lang):
    project = make_project(title_cs="Poradna pro cizince", title_en="Advice centre")
    with translation.override(lang):
        paths = [
            reverse("suggestions:index"),
            reverse("suggestions:new", kwargs={"catalogue": "projects"}),
            reverse(
                "suggestions:correction", kwargs={"catalogue": "projects", "slug": project.slug}
            ),
        ]
    for path in paths:
        assert page.goto(path).status == 200
        assert_accessible(page, f"{path} ({lang})")
    # The form with its error messages shown is accessible too.
    page.get_by_role("button").last.click()
    assert_accessible(page, f"correction form with errors ({lang})")


def test_a_person_reports_a_correction_from_an_entry_page(page, settings):
    settings.SUGGESTION_MIN_SECONDS = 0
    project = make_project(title_cs="Poradna pro cizince")
    page.goto(project.get_absolute_url())
    page.get_by_role("link", name="Nahlásit opravu").click()
    page.get_by_label("Co je třeba opravit (několika slovy)").fill("Chybný rok zahájení")
    page.get_by_label("Oprava").fill("Projekt začal v roce 2019, ne 2018.")
    page.get_by_role("button", name="Odeslat redakci").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Děkujeme za váš návrh"
    suggestion = Suggestion.objects.get()
    assert suggestion.entry_slug == project.slug
    assert suggestion.title == "Chybný rok zahájení"
