"""Editors and readers see when the English text lags behind the Czech one."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from projects.models import Project
from tests.factories import make_project

pytestmark = pytest.mark.django_db


def english_url(entry):
    with translation.override("en"):
        return entry.get_absolute_url()


def czech_url(entry):
    with translation.override("cs"):
        return entry.get_absolute_url()


def test_changing_only_the_czech_text_puts_the_english_out_of_date():
    project = make_project(title_cs="Poradna", title_en="Advice centre")
    assert project.czech_changed_at and project.english_changed_at
    assert not project.english_out_of_date

    project.summary_cs = "Nové shrnutí."
    project.save()
    assert project.english_out_of_date

    project.summary_en = "A new summary."
    project.save()
    assert not project.english_out_of_date


def test_saves_that_touch_no_text_change_no_stamp():
    project = make_project()
    stamps = (project.czech_changed_at, project.english_changed_at)
    project.status = "archived"
    project.save(update_fields=["status"])
    project.start_year = 2015
    project.save()
    project.refresh_from_db()
    assert (project.czech_changed_at, project.english_changed_at) == stamps


def test_the_english_page_says_the_czech_version_is_newer(client):
    project = make_project(title_cs="Poradna", title_en="Advice centre")
    notice = "The Czech version was updated on"
    assert notice not in client.get(english_url(project)).content.decode()
    project.summary_cs = "Nové shrnutí."
    project.save()
    page = client.get(english_url(project)).content.decode()
    assert notice in page
    assert 'hreflang="cs"' in page
    czech = client.get(czech_url(project)).content.decode()
    assert "Czech version was updated" not in czech


def test_the_admin_list_flags_out_of_date_english(client, editor):
    make_project(title_cs="Aktuální", title_en="Current")
    stale = make_project(title_cs="Zastaralý", title_en="Stale")
    stale.summary_cs = "Změněno."
    stale.save()
    client.force_login(editor)
    with translation.override("en"):
        url = reverse("admin:projects_project_changelist")
    page = client.get(url + "?english=out_of_date").content.decode()
    assert "Zastaralý" in page or "Stale" in page
    assert "Aktuální" not in page and "Current" not in page
    assert "zastaralý: český text se změnil" in page  # the admin speaks Czech by default


def test_a_verified_entry_says_when_the_editors_verified_it(client):
    project = make_project(verified_on=datetime.date(2026, 11, 20))
    page = client.get(english_url(project)).content.decode()
    assert "Verified by the editors on" in page
    assert 'datetime="2026-11-20"' in page
    unverified = make_project()
    assert "Verified by the editors" not in client.get(english_url(unverified)).content.decode()


def test_editors_can_set_the_verification_date_in_the_admin(client, editor):
    project = make_project(status="draft")
    client.force_login(editor)
    page = client.get(reverse("admin:projects_project_change", args=[project.pk]))
    assert 'name="verified_on"' in page.content.decode()
    assert Project.objects.get(pk=project.pk).verified_on is None
