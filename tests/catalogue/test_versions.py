"""One save is one version, holding links and rows; restoring it restores them all."""

import pytest
from django.urls import reverse

from catalogue.models import Status
from projects.models import FundingLine, KeyFigure, Project
from strategies.models import Step
from tests.factories import (
    admin_form_data,
    form_data,
    make_instrument,
    make_project,
    make_step,
    make_strategy,
    make_theme,
)

pytestmark = pytest.mark.django_db


def change(client, user, entry, **overrides):
    opts = entry._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[entry.pk])
    client.force_login(user)
    data = admin_form_data(client.get(url), **overrides)
    response = client.post(url, data)
    assert response.status_code == 302, [
        response.context["adminform"].form.errors,
        *(inline.formset.errors for inline in response.context["inline_admin_formsets"]),
    ]
    return response


def test_a_save_that_changes_themes_and_rows_is_one_version(client, editor):
    housing, health = make_theme(), make_theme()
    project = make_project(status=Status.DRAFT)
    project.themes.set([housing])
    before = project.history.count()

    change(
        client,
        editor,
        project,
        title_en="Renamed",
        themes=[str(health.pk)],
        **{
            "funding_lines-TOTAL_FORMS": "1",
            "funding_lines-0-amount": "1000",
            "funding_lines-0-currency": "CZK",
        },
    )

    assert project.history.count() == before + 1
    version = project.history.latest()
    assert version.title_en == "Renamed"
    assert [link.theme_id for link in version.themes.all()] == [health.pk]
    line = FundingLine.history.get(project_id=project.pk)
    assert line.history_group == version.history_group is not None
    assert line.history_date == version.history_date


def test_restoring_a_version_restores_links_and_rows_in_both_languages(client, publisher):
    housing, health = make_theme(), make_theme()
    project = make_project(status=Status.DRAFT, title_cs="První", title_en="First")
    change(
        client,
        publisher,
        project,
        themes=[str(housing.pk)],
        **{
            "funding_lines-TOTAL_FORMS": "1",
            "funding_lines-0-amount": "1000",
            "funding_lines-0-currency": "CZK",
            "funding_lines-0-note_cs": "Původní poznámka",
            "funding_lines-0-note_en": "Original note",
        },
    )
    first = project.history.latest()
    line = FundingLine.objects.get(project=project)

    change(
        client,
        publisher,
        project,
        title_cs="Druhý",
        title_en="Second",
        themes=[str(health.pk)],
        **{
            "funding_lines-0-note_cs": "Nová poznámka",
            "funding_lines-0-note_en": "New note",
            "key_figures-TOTAL_FORMS": "1",
            "key_figures-0-label_cs": "Účastníci",
            "key_figures-0-label_en": "Participants",
            "key_figures-0-value": "685",
            "key_figures-0-position": "0",
        },
    )
    assert KeyFigure.objects.filter(project=project).exists()
    versions = project.history.count()

    url = reverse("admin:projects_project_simple_history", args=[project.pk, first.history_id])
    client.force_login(publisher)
    form = client.get(url).context["adminform"].form
    assert client.post(url, form_data(form)).status_code == 302

    project.refresh_from_db()
    assert (project.title_cs, project.title_en) == ("První", "First")
    assert list(project.themes.all()) == [housing]
    line.refresh_from_db()
    assert (line.note_cs, line.note_en) == ("Původní poznámka", "Original note")
    assert not KeyFigure.objects.filter(project=project).exists()
    assert project.history.count() == versions + 1


def test_restoring_a_strategy_restores_its_steps_and_their_links(client, publisher):
    instrument, other = make_instrument(), make_instrument()
    strategy = make_strategy(status=Status.DRAFT)
    step = make_step(strategy, title_cs="Krok", title_en="Step", instruments=[instrument])
    change(client, publisher, strategy, title_en="First version")
    first = strategy.history.latest()

    step.title_en = "Changed step"
    step.save()
    step.instruments.set([other])
    make_step(strategy, title_cs="Navíc", title_en="Extra")
    change(client, publisher, strategy, title_en="Second version")

    url = reverse("admin:strategies_strategy_simple_history", args=[strategy.pk, first.history_id])
    client.force_login(publisher)
    form = client.get(url).context["adminform"].form
    assert client.post(url, form_data(form)).status_code == 302

    steps = list(Step.objects.filter(strategy=strategy))
    assert [(s.title_cs, s.title_en) for s in steps] == [("Krok", "Step")]
    assert list(steps[0].instruments.all()) == [instrument]
    assert Project.objects.count() == 0
