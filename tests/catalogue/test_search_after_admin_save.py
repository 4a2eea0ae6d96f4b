"""An entry saved in the admin is found by the links and rows saved with it (themes, partners),
not only by its own fields."""

import pytest
from django.urls import reverse

from catalogue.models import Status
from catalogue.search import search_entries
from tests.factories import admin_form_data, make_organisation, make_project, make_theme

pytestmark = pytest.mark.django_db


def found(query):
    return list(search_entries(query)["projects"].values_list("slug", flat=True))


def test_links_and_rows_saved_in_the_admin_are_searchable_at_once(client, publisher):
    project = make_project(status=Status.PUBLISHED)
    theme = make_theme(name_cs="Zahrádkaření", name_en="Allotment gardening")
    partner = make_organisation(name_cs="Spolek Vlaštovka", name_en="Swallow Association")
    assert found("zahrádkaření") == found("vlaštovka") == []

    url = reverse("admin:projects_project_change", args=[project.pk])
    client.force_login(publisher)
    data = admin_form_data(
        client.get(url),
        themes=[str(theme.pk)],
        **{
            "partnerships-TOTAL_FORMS": "1",
            "partnerships-0-organisation": str(partner.pk),
            "partnerships-0-role": "partner",
        },
    )
    response = client.post(url, data)
    assert response.status_code == 302, [
        response.context["adminform"].form.errors,
        *(inline.formset.errors for inline in response.context["inline_admin_formsets"]),
    ]

    assert found("zahrádkaření") == [project.slug]
    assert found("vlaštovka") == [project.slug]
