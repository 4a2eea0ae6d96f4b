"""Two editors on one entry: the second save is refused with what changed, nothing is lost."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from catalogue.models import Status
from projects.models import FundingLine
from tests.factories import admin_form_data, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_editor(editor, django_user_model):
    user = django_user_model.objects.create_user("editor-b", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def open_form(client, user, project):
    client.force_login(user)
    response = client.get(reverse("admin:projects_project_change", args=[project.pk]))
    assert response.status_code == 200
    token = re.search(r'name="_edit_base" value="([^"]+)"', response.content.decode())
    assert token, "the change form carries the version it was opened on"
    return admin_form_data(response, _edit_base=token.group(1))


def conflict_message(response) -> str:
    errors = response.context["adminform"].form.non_field_errors()
    assert errors, "the save is refused with a message"
    return " ".join(errors)


def save(client, user, project, data):
    client.force_login(user)
    return client.post(reverse("admin:projects_project_change", args=[project.pk]), data)


def test_second_save_of_an_entry_is_refused_with_what_changed(client, editor, second_editor):
    project = make_project(status=Status.DRAFT, title_en="Original", summary_en="Original.")
    form_a = open_form(client, editor, project)
    form_b = open_form(client, second_editor, project)

    assert save(client, editor, project, {**form_a, "title_en": "Title by A"}).status_code == 302
    refused = save(client, second_editor, project, {**form_b, "summary_en": "Summary by B"})

    assert refused.status_code == 200
    page = refused.content.decode()
    message = conflict_message(refused)
    assert "(editor, " in message, message
    assert "[en]" in message and ("Title" in message or "Název" in message), message
    # B's text is still in the form, A's title is kept, B's summary was not written over it.
    assert "Summary by B" in page
    project.refresh_from_db()
    assert (project.title_en, project.summary_en) == ("Title by A", "Original.")

    # Opened again, the entry takes B's change on top of A's.
    form_b = open_form(client, second_editor, project)
    assert (
        save(client, second_editor, project, {**form_b, "summary_en": "Summary by B"}).status_code
        == 302
    )
    project.refresh_from_db()
    assert (project.title_en, project.summary_en) == ("Title by A", "Summary by B")


def test_rows_added_meanwhile_are_not_lost_to_a_stale_save(client, editor, second_editor):
    project = make_project(status=Status.DRAFT)
    form_a = open_form(client, editor, project)
    form_b = open_form(client, second_editor, project)

    with_row = {
        **form_a,
        "funding_lines-TOTAL_FORMS": "1",
        "funding_lines-0-amount": "1000",
        "funding_lines-0-currency": "CZK",
    }
    assert save(client, editor, project, with_row).status_code == 302
    assert FundingLine.objects.filter(project=project).count() == 1

    # B's form knew of no row; saving it must not pass for the current state.
    refused = save(client, second_editor, project, {**form_b, "title_en": "B"})
    assert refused.status_code == 200
    message = conflict_message(refused)
    assert "Funding lines" in message or "financování" in message, message
    project.refresh_from_db()
    assert project.title_en != "B"
    assert FundingLine.objects.filter(project=project).count() == 1


def test_a_workflow_step_meanwhile_also_refuses_the_stale_save(client, editor, publisher):
    project = make_project(status=Status.DRAFT)
    form = open_form(client, editor, project)
    from catalogue import workflow

    workflow.submit_for_review(project, by=publisher)
    refused = save(client, editor, project, {**form, "title_en": "Late"})
    assert refused.status_code == 200
    project.refresh_from_db()
    assert project.title_en != "Late"
