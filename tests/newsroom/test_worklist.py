"""The editors' worklist counts exactly what the catalogue lacks and lists what waits longest."""

import datetime

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from catalogue.models import Status
from newsroom.completeness import all_catalogues
from projects.models import FundingLine, KeyFigure, Project
from suggestions.models import Suggestion
from tests.factories import make_instrument, make_project

pytestmark = pytest.mark.django_db


def gaps_of(key):
    catalogue = next(c for c in all_catalogues() if c.key == key)
    return catalogue, {gap.key: gap for gap in catalogue.gaps}


def test_project_gaps_equal_the_underlying_queries():
    complete = make_project(
        results_cs="Kurzy absolvovalo 40 lidí.",
        evaluation_cs="Dotazník účastníků.",
        start_year=2012,
        website="https://example.org",
    )
    FundingLine.objects.create(project=complete, amount=100000)
    KeyFigure.objects.create(
        project=complete, label_cs="účastníci", label_en="participants", value=40
    )
    bare = make_project(title_en="", summary_en="")
    with_contact_only = make_project(contact_name="Jana Nováková")
    FundingLine.objects.create(project=with_contact_only, amount=None)
    make_project(status=Status.ARCHIVED)  # archived entries are not on the worklist

    catalogue, gaps = gaps_of("projects")
    live = Project.objects.exclude(status=Status.ARCHIVED)
    assert catalogue.total == live.count() == 3
    assert gaps["results"].count == live.filter(Q(results_cs="") | Q(results_cs=None)).count() == 2
    assert gaps["start_year"].count == live.filter(start_year=None).count() == 2
    with_amount = FundingLine.objects.exclude(amount=None).values("project")
    assert gaps["funding_lines__amount"].count == live.exclude(pk__in=with_amount).count() == 2
    assert gaps["key_figures"].count == live.filter(key_figures=None).count() == 2
    assert gaps["website-or-contact_name"].count == 1  # only the bare one has neither
    assert {entry.pk for entry in gaps["english"].entries} == {bare.pk}
    # The least complete entry comes first, with what it lacks.
    worst, score, missing = catalogue.least_complete[0]
    assert worst == bare and score == 0 and len(missing) == 7
    assert (complete, 100, []) in catalogue.least_complete


def test_instruments_with_an_unknown_status_are_listed(client, editor):
    unknown = make_instrument(title_cs="Program bez stavu", call_status="")
    make_instrument(
        title_cs="Program s otevřenou výzvou",
        call_status="open",
        status_verified_on=timezone.localdate(),
    )
    never_verified = make_instrument(title_cs="Program nikdy neověřený", call_status="open")
    make_instrument(title_cs="Zákon", kind="legislative", call_status="permanent")
    client.force_login(editor)
    page = client.get(reverse("worklist")).content.decode()
    section = page.split('id="worklist-status"')[1].split("</section>")[0]
    assert unknown.title in section
    assert never_verified.title in section
    assert "Program s otevřenou výzvou" not in section
    assert "Zákon" not in section  # a law has no call to verify


def test_entries_waiting_longest_in_review_come_first(client, editor):
    older = make_project(title_cs="Starší v revizi", status=Status.REVIEW)
    newer = make_project(title_cs="Novější v revizi", status=Status.REVIEW)
    make_project(title_cs="Zveřejněný", status=Status.PUBLISHED)
    Project.objects.filter(pk=older.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=10)
    )
    client.force_login(editor)
    page = client.get(reverse("worklist")).content.decode()
    section = page.split('id="worklist-review"')[1].split("</section>")[0]
    assert section.index(older.title) < section.index(newer.title)
    assert "Zveřejněný" not in section


def test_waiting_suggestions_are_counted(client, editor):
    for n in range(3):
        Suggestion.objects.create(
            kind="new", catalogue="projects", title=f"Návrh {n}", description="x", language="cs"
        )
    Suggestion.objects.create(
        kind="new",
        catalogue="projects",
        title="Vyřízený",
        description="x",
        language="cs",
        state=Suggestion.State.DECLINED,
    )
    client.force_login(editor)
    response = client.get(reverse("worklist"))
    assert response.context["suggestion_count"] == 3
    assert "Vyřízený" not in response.content.decode().split('id="worklist-review"')[0]


def test_the_worklist_costs_the_same_number_of_queries_for_3_and_30_entries(client, editor):
    client.force_login(editor)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("worklist")).status_code == 200
        return len(captured)

    for _ in range(3):
        make_project(status=Status.REVIEW)
    few = queries()
    for _ in range(27):
        make_project(status=Status.REVIEW)
    assert queries() == few


def test_only_staff_see_the_worklist(client):
    response = client.get(reverse("worklist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_admin_links_to_the_worklist(client, editor):
    client.force_login(editor)
    assert reverse("worklist") in client.get(reverse("admin:index")).content.decode()
