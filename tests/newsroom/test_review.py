"""An editor can take an entry back from review and leave a note for the publisher."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from catalogue import workflow
from catalogue.models import Status
from tests.factories import make_project

pytestmark = pytest.mark.django_db


def test_an_editor_withdraws_an_entry_from_review(editor):
    entry = make_project(status=Status.DRAFT)
    workflow.submit_for_review(entry, by=editor)
    assert workflow.allowed_transitions(entry, editor) == ["withdraw"]
    workflow.withdraw(entry, by=editor)
    entry.refresh_from_db()
    assert entry.status == Status.DRAFT
    reasons = list(entry.history.values_list("history_change_reason", flat=True))
    assert str(workflow.CHANGE_REASONS["withdraw"]) in reasons


def test_publishers_return_to_draft_instead_of_withdrawing(publisher):
    entry = make_project(status=Status.REVIEW)
    assert "withdraw" not in workflow.allowed_transitions(entry, publisher)
    with pytest.raises(PermissionDenied):
        workflow.withdraw(entry, by=publisher)


def test_only_entries_in_review_can_be_withdrawn(editor):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        workflow.withdraw(make_project(status=Status.DRAFT), by=editor)


def test_the_note_for_the_reviewer_goes_with_the_submission_into_the_history(editor, publisher):
    entry = make_project(status=Status.DRAFT)
    entry.review_note = "Doplnila jsem výsledky podle závěrečné zprávy."
    workflow.submit_for_review(entry, by=editor)
    latest = entry.history.order_by("-history_date", "-history_id").first()
    assert latest.history_change_reason.endswith("Doplnila jsem výsledky podle závěrečné zprávy.")
    workflow.publish(entry, by=publisher)
    entry.refresh_from_db()
    assert entry.review_note == ""  # read; the history keeps it


def test_the_change_form_has_the_note_and_the_withdraw_button(client, editor):
    entry = make_project(status=Status.REVIEW, review_note="Zkontrolujte prosím částky.")
    client.force_login(editor)
    page = client.get(reverse("admin:projects_project_change", args=[entry.pk])).content.decode()
    assert 'name="review_note"' in page
    assert "Zkontrolujte prosím částky." in page
    assert 'name="_workflow_withdraw"' in page


def test_the_worklist_shows_the_note_of_entries_waiting_in_review(client, publisher):
    make_project(status=Status.REVIEW, review_note="Nové zdroje doplněny.")
    client.force_login(publisher)
    page = client.get(reverse("worklist")).content.decode()
    assert "Nové zdroje doplněny." in page
