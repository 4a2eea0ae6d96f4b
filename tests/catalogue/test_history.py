"""Every save is kept; an earlier version can be viewed and restored from the admin."""

import pytest
from django.urls import reverse

from catalogue.models import Status
from projects.models import Project
from taxonomy.models import Organisation
from tests.factories import make_organisation, make_project, project_form_data


def change_url(project):
    return reverse("admin:projects_project_change", args=[project.pk])


@pytest.mark.django_db
def test_edit_twice_then_restore_the_first_version_through_the_admin(client, editor):
    client.force_login(editor)
    client.post(
        reverse("admin:projects_project_add"),
        project_form_data(title_cs="První verze", summary_cs="První shrnutí.", title_en="First"),
    )
    project = Project.objects.get()
    client.post(
        change_url(project),
        project_form_data(title_cs="Druhá verze", summary_cs="Druhé shrnutí.", title_en="Second"),
    )
    client.post(
        change_url(project),
        project_form_data(title_cs="Třetí verze", summary_cs="Třetí shrnutí.", title_en="Third"),
    )
    project.refresh_from_db()
    assert project.title_cs == "Třetí verze"
    assert project.history.count() == 3

    history_page = client.get(reverse("admin:projects_project_history", args=[project.pk]))
    assert history_page.status_code == 200
    assert "První verze" in history_page.content.decode()

    first = project.history.earliest()
    revert_url = reverse(
        "admin:projects_project_simple_history", args=[project.pk, first.history_id]
    )
    form_page = client.get(revert_url)
    assert form_page.status_code == 200
    assert "První verze" in form_page.content.decode()

    response = client.post(
        revert_url,
        project_form_data(title_cs="První verze", summary_cs="První shrnutí.", title_en="First"),
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.title_cs, project.summary_cs, project.title_en) == (
        "První verze",
        "První shrnutí.",
        "First",
    )
    assert project.history.count() == 4
    assert project.history.latest().history_user == editor


@pytest.mark.django_db
def test_restoring_a_published_version_does_not_publish_for_an_editor(client, editor):
    project = make_project(status=Status.PUBLISHED, slug="adaptacni-kurzy")
    published_version = project.history.latest()
    Project.objects.filter(pk=project.pk).update(status=Status.DRAFT)
    client.force_login(editor)
    client.post(
        reverse("admin:projects_project_simple_history", args=[project.pk, published_version.pk]),
        project_form_data(),
    )
    project.refresh_from_db()
    assert project.status == Status.DRAFT


@pytest.mark.django_db
def test_history_keeps_both_languages_of_each_version():
    project = make_project(title_cs="Česky", title_en="English")
    project.title_en = "English, revised"
    project.save()
    old, new = project.history.earliest(), project.history.latest()
    assert (old.title_cs, old.title_en) == ("Česky", "English")
    assert new.title_en == "English, revised"
    old.instance.save()
    project.refresh_from_db()
    assert project.title_en == "English"


@pytest.mark.django_db
def test_taxonomy_entries_keep_their_history(client, editor):
    organisation = make_organisation(name_cs="Původní název")
    organisation.name_cs = "Nový název"
    organisation.save()
    assert [version.name_cs for version in organisation.history.order_by("history_date")] == [
        "Původní název",
        "Nový název",
    ]
    client.force_login(editor)
    response = client.get(reverse("admin:taxonomy_organisation_history", args=[organisation.pk]))
    assert response.status_code == 200
    assert Organisation.objects.count() == 1
