"""``list_state`` is the one path behind a list page, its exports and the API: same rows, same order."""

import pytest
from django.test import RequestFactory
from django.utils import translation

from catalogue.listing import FILTERSETS, list_state
from catalogue.models import Status
from projects.models import Project
from tests.factories import make_project, make_theme

pytestmark = pytest.mark.django_db


def state_for(params, path="/cs/projects/", language="cs"):
    request = RequestFactory().get(path, params)
    with translation.override(language):
        state = list_state(request, "projects")
        rows = list(state.queryset)
    return state, rows


def test_queryset_holds_every_matching_row_in_page_order(client):
    theme = make_theme(slug="housing")
    for n in range(45):
        project = make_project(title_cs=f"Projekt {n:02d}")
        if n % 3:
            project.themes.add(theme)
    make_project(title_cs="Projekt koncept", status=Status.DRAFT).themes.add(theme)

    state, rows = state_for({"theme": "housing", "sort": "title"})

    shown = []
    for page in (1, 2):
        response = client.get("/cs/projects/", {"theme": "housing", "sort": "title", "page": page})
        shown += [entry.pk for entry in response.context["page_obj"].object_list]
    assert [row.pk for row in rows] == shown
    assert len(rows) == 30 == response.context["page_obj"].paginator.count
    assert all(row.status == Status.PUBLISHED for row in rows)


def test_state_reports_query_ordering_errors_and_chips():
    make_theme(slug="housing")
    state, _ = state_for(
        {"q": "  bydlení ", "theme": ["housing", "nope"], "sort": "newest", "page": "3"}
    )
    assert state.query == "bydlení"
    assert state.ordering == "newest"
    assert len(state.errors) == 1
    # The invalid value is dropped; the valid parts stay and make the chips.
    assert [chip.name for chip in state.chips] == ["q"]
    assert "page" not in state.querystring
    assert {link["format"] for link in state.export_links} == {"csv", "xlsx", "json"}
    assert all("q=" in link["url"] for link in state.export_links)


def test_relevance_is_offered_only_when_searching():
    state, _ = state_for({"sort": "relevance"})
    assert state.ordering == "title"
    assert "relevance" not in dict(state.orderings)
    state, _ = state_for({"q": "projekt"})
    assert state.ordering == "relevance"


def test_filterset_classes_work_on_their_own_like_drf_uses_them():
    theme = make_theme(slug="housing")
    wanted = make_project(title_cs="Bydlení pro všechny")
    wanted.themes.add(theme)
    make_project()
    filterset = FILTERSETS["projects"](
        {"theme": ["housing"], "sort": "title"}, queryset=Project.objects.published()
    )
    assert filterset.is_valid()
    assert [row.pk for row in filterset.qs] == [wanted.pk]
    assert set(FILTERSETS) == {"projects", "instruments", "strategies", "organisations"}


def test_facet_labels_follow_the_language_of_the_request():
    make_theme(slug="housing", name_cs="Bydlení", name_en="Housing")
    make_project()
    for language, label in (("cs", "Bydlení"), ("en", "Housing")):
        state, _ = state_for({}, language=language)
        theme_facet = next(facet for facet in state.facets if facet.name == "theme")
        assert [value.label for value in theme_facet.values] == [label]
