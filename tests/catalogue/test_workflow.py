"""Editors write and submit; only publishers publish, unpublish and archive."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import translation

from catalogue import workflow
from catalogue.models import Status
from projects.models import Project
from tests.factories import make_instrument, make_project, make_strategy


@pytest.mark.django_db
def test_ensure_roles_is_idempotent_and_exact():
    call_command("ensure_roles")
    Group.objects.get(name="Editors").permissions.add(
        Permission.objects.get(codename="delete_project")
    )
    call_command("ensure_roles")
    assert Group.objects.filter(name__in=["Editors", "Publishers"]).count() == 2
    editors = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    publishers = set(
        Group.objects.get(name="Publishers").permissions.values_list("codename", flat=True)
    )
    assert {"add_project", "change_project", "view_project"} <= editors
    assert {"publish_project", "publish_instrument", "publish_strategy"} <= publishers
    assert not {code for code in editors if code.startswith("publish_")}
    assert editors < publishers
    for codenames in (editors, publishers):
        for model in ("project", "instrument", "strategy"):
            assert f"delete_{model}" not in codenames


@pytest.mark.django_db
@pytest.mark.parametrize("make", [make_project, make_instrument, make_strategy])
def test_editor_submits_and_publisher_publishes_every_catalogue(make, editor, publisher):
    entry = make(status=Status.DRAFT)
    workflow.submit_for_review(entry, by=editor)
    with pytest.raises(PermissionDenied):
        workflow.publish(entry, by=editor)
    entry.refresh_from_db()
    assert entry.status == Status.REVIEW
    workflow.publish(entry, by=publisher)
    entry.refresh_from_db()
    assert entry.status == Status.PUBLISHED
    assert entry.published_at is not None
    assert entry.updated_by == publisher


@pytest.mark.django_db
@pytest.mark.parametrize("step", [workflow.publish, workflow.unpublish, workflow.archive])
def test_editor_may_not_publish_unpublish_or_archive(step, editor):
    project = make_project(status=Status.REVIEW)
    with pytest.raises(PermissionDenied):
        step(project, by=editor)
    project.refresh_from_db()
    assert project.status == Status.REVIEW


@pytest.mark.django_db
def test_publisher_unpublishes_back_to_draft_and_archives(publisher):
    project = make_project(status=Status.PUBLISHED)
    workflow.unpublish(project, by=publisher)
    assert Project.objects.get(pk=project.pk).status == Status.DRAFT
    workflow.archive(project, by=publisher)
    assert Project.objects.get(pk=project.pk).status == Status.ARCHIVED
    assert not Project.objects.published().filter(pk=project.pk).exists()


@pytest.mark.django_db
def test_publishing_without_czech_summary_is_refused_with_clear_message(publisher):
    project = make_project(status=Status.REVIEW)
    Project.objects.filter(pk=project.pk).update(summary_cs="")
    project.refresh_from_db()
    with translation.override("en"):
        with pytest.raises(ValidationError) as raised:
            workflow.publish(project, by=publisher)
        assert "A published entry needs a Czech summary." in raised.value.messages
    project.refresh_from_db()
    assert project.status == Status.REVIEW


@pytest.mark.django_db
def test_submitting_an_entry_that_is_already_published_is_refused(editor):
    project = make_project(status=Status.PUBLISHED)
    with pytest.raises(ValidationError):
        workflow.submit_for_review(project, by=editor)


@pytest.mark.django_db
def test_workflow_steps_are_labelled_in_the_history(editor, publisher):
    project = make_project(status=Status.DRAFT)
    workflow.submit_for_review(project, by=editor)
    workflow.publish(project, by=publisher)
    latest, previous = project.history.all()[:2]
    assert (latest.status, latest.history_user, latest.history_change_reason) == (
        Status.PUBLISHED,
        publisher,
        str(workflow.CHANGE_REASONS["publish"]),
    )
    assert (previous.status, previous.history_user) == (Status.REVIEW, editor)


@pytest.mark.django_db
def test_allowed_transitions_follow_the_role(editor, publisher):
    draft = make_project(status=Status.DRAFT)
    assert workflow.allowed_transitions(draft, editor) == ["submit_for_review"]
    assert set(workflow.allowed_transitions(draft, publisher)) == {
        "submit_for_review",
        "publish",
        "archive",
    }


@pytest.mark.django_db
def test_editor_creates_and_submits_publisher_publishes_through_the_admin(
    client, editor, publisher
):
    """The whole journey of issue 3, through the admin as a person makes it."""
    from django.urls import reverse

    from tests.factories import project_form_data

    assert client.login(username="editor", password="editor-pass")
    response = client.post(
        reverse("admin:projects_project_add"),
        project_form_data(
            title_cs="Adaptačně-integrační kurzy",
            title_en="Adaptation and integration courses",
            summary_cs="Povinné kurzy pro nově příchozí cizince.",
            summary_en="Compulsory courses for newly arrived foreigners.",
            _workflow_submit_for_review="1",
        ),
    )
    assert response.status_code == 302
    project = Project.objects.get()
    assert project.status == Status.REVIEW
    assert not Project.objects.published().exists()
    client.logout()

    assert client.login(username="publisher", password="publisher-pass")
    change_url = reverse("admin:projects_project_change", args=[project.pk])
    page = client.get(change_url)
    assert 'name="_workflow_publish"' in page.content.decode()
    response = client.post(
        change_url,
        project_form_data(
            title_cs="Adaptačně-integrační kurzy",
            title_en="Adaptation and integration courses",
            summary_cs="Povinné kurzy pro nově příchozí cizince.",
            summary_en="Compulsory courses for newly arrived foreigners.",
            status="review",
            _workflow_publish="1",
        ),
    )
    assert response.status_code == 302
    assert list(Project.objects.published()) == [project]
    project.refresh_from_db()
    assert project.title_en == "Adaptation and integration courses"

    steps = [
        (version.status, version.history_user, version.history_change_reason)
        for version in project.history.order_by("history_date", "history_id")
    ]
    assert (Status.REVIEW, editor, str(workflow.CHANGE_REASONS["submit_for_review"])) in steps
    assert (Status.PUBLISHED, publisher, str(workflow.CHANGE_REASONS["publish"])) in steps
    history_page = client.get(reverse("admin:projects_project_history", args=[project.pk]))
    html = history_page.content.decode()
    assert str(workflow.CHANGE_REASONS["submit_for_review"]) in html
    assert str(workflow.CHANGE_REASONS["publish"]) in html
