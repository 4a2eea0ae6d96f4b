"""Editors handle suggestions in the admin: draft, decline with a reason, corrected."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from projects.models import Project
from suggestions.models import Suggestion
from suggestions.services import anonymise_old_suggestions
from tests.factories import make_project

pytestmark = pytest.mark.django_db


def make_suggestion(**fields):
    values = {
        "kind": Suggestion.Kind.NEW_ENTRY,
        "catalogue": "projects",
        "title": "Komunitní tlumočníci v Kolíně",
        "description": "Tlumočníci doprovázejí rodiny cizinců na úřady.",
        "submitter_name": "Petr Svoboda",
        "submitter_email": "petr@example.org",
        "language": "cs",
    }
    values.update(fields)
    return Suggestion.objects.create(**values)


def test_editors_see_the_queue_with_the_submitters_contact(client, editor):
    suggestion = make_suggestion()
    client.force_login(editor)
    queue = client.get(reverse("admin:suggestions_suggestion_changelist"))
    assert queue.status_code == 200
    assert "Komunitní tlumočníci v Kolíně" in queue.content.decode()
    detail = client.get(reverse("admin:suggestions_suggestion_change", args=[suggestion.pk]))
    assert "petr@example.org" in detail.content.decode()


def test_nobody_adds_or_deletes_suggestions_in_the_admin(client, publisher):
    suggestion = make_suggestion()
    client.force_login(publisher)
    assert client.get(reverse("admin:suggestions_suggestion_add")).status_code == 403
    delete = reverse("admin:suggestions_suggestion_delete", args=[suggestion.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Suggestion.objects.filter(pk=suggestion.pk).exists()


def test_a_suggested_project_becomes_a_prefilled_draft(client, editor):
    suggestion = make_suggestion()
    client.force_login(editor)
    response = client.post(reverse("admin:suggestions_suggestion_draft", args=[suggestion.pk]))
    draft = Project.objects.get(title_cs="Komunitní tlumočníci v Kolíně")
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:projects_project_change", args=[draft.pk])
    assert draft.status == "draft"
    assert draft.summary_cs == "Tlumočníci doprovázejí rodiny cizinců na úřady."
    assert draft.created_by == editor
    suggestion.refresh_from_db()
    assert suggestion.state == Suggestion.State.DRAFTED
    assert suggestion.draft_slug == draft.slug
    assert suggestion.handled_by == editor
    # The draft is not public.
    assert client.logout() is None
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_suggested_strategy_opens_the_add_form_prefilled(client, editor):
    suggestion = make_suggestion(catalogue="strategies", title="Příliv pracovníků do malé obce")
    client.force_login(editor)
    response = client.post(reverse("admin:suggestions_suggestion_draft", args=[suggestion.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:strategies_strategy_add"))
    form = client.get(response["Location"])
    assert "Příliv pracovníků do malé obce" in form.content.decode()


def test_drafting_needs_the_permission_to_add_that_kind_of_entry(client, staff_user):
    from django.contrib.auth.models import Permission

    staff_user.user_permissions.add(
        Permission.objects.get(codename="change_suggestion"),
        Permission.objects.get(codename="view_suggestion"),
    )
    suggestion = make_suggestion()
    client.force_login(staff_user)
    response = client.post(reverse("admin:suggestions_suggestion_draft", args=[suggestion.pk]))
    assert response.status_code == 403
    assert not Project.objects.exists()


def test_declining_needs_a_reason_and_keeps_it(client, editor):
    suggestion = make_suggestion()
    client.force_login(editor)
    url = reverse("admin:suggestions_suggestion_decline", args=[suggestion.pk])
    assert client.get(url).status_code == 200
    empty = client.post(url, {"reason": ""})
    assert empty.status_code == 200
    suggestion.refresh_from_db()
    assert suggestion.state == Suggestion.State.WAITING
    client.post(url, {"reason": "Projekt už v katalogu je."})
    suggestion.refresh_from_db()
    assert suggestion.state == Suggestion.State.DECLINED
    assert suggestion.decline_reason == "Projekt už v katalogu je."


def test_a_correction_is_marked_corrected(client, editor):
    project = make_project()
    suggestion = make_suggestion(kind=Suggestion.Kind.CORRECTION, entry_slug=project.slug)
    client.force_login(editor)
    detail = client.get(reverse("admin:suggestions_suggestion_change", args=[suggestion.pk]))
    assert reverse("admin:projects_project_change", args=[project.pk]) in detail.content.decode()
    client.post(reverse("admin:suggestions_suggestion_resolve", args=[suggestion.pk]))
    suggestion.refresh_from_db()
    assert suggestion.state == Suggestion.State.RESOLVED


def test_anonymous_visitors_cannot_reach_the_queue(client):
    suggestion = make_suggestion()
    for url in (
        reverse("admin:suggestions_suggestion_changelist"),
        reverse("admin:suggestions_suggestion_draft", args=[suggestion.pk]),
    ):
        response = client.post(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_old_suggestions_lose_the_submitters_personal_data(settings):
    settings.SUGGESTION_RETENTION_DAYS = 30
    old = make_suggestion()
    Suggestion.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=31)
    )
    recent = make_suggestion(title="Nový")
    assert anonymise_old_suggestions() == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.submitter_name, old.submitter_email, old.submitter_organisation) == ("", "", "")
    assert old.anonymised_at is not None
    assert old.title == "Komunitní tlumočníci v Kolíně"  # the content stays
    assert recent.submitter_email == "petr@example.org"
    call_command("anonymise_suggestions", verbosity=0)  # runs again without harm
    assert anonymise_old_suggestions() == 0
