"""The admin history reads like a newsroom log: one row per save, in the editor's language."""

import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib import admin
from django.urls import reverse
from django.utils import translation
from simple_history.admin import SimpleHistoryAdmin

from catalogue import workflow
from catalogue.admin import GuardedHistoryAdmin
from catalogue.models import Status
from projects.models import FundingLine, KeyFigure, Partnership, Project
from tests.factories import (
    admin_form_data,
    form_data,
    make_organisation,
    make_project,
    make_step,
    make_strategy,
    make_theme,
)

pytestmark = pytest.mark.django_db

REASON = "Doplněny údaje podle závěrečné zprávy"


def admin_url(entry, view, *args):
    opts = entry._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[entry.pk, *args])


def save(client, user, entry, **overrides):
    client.force_login(user)
    url = admin_url(entry, "change")
    response = client.post(url, admin_form_data(client.get(url), **overrides))
    assert response.status_code == 302, [
        response.context["adminform"].form.errors,
        *(inline.formset.errors for inline in response.context["inline_admin_formsets"]),
    ]


def history_page(client, entry, language=None):
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(admin_url(entry, "history"))
    assert response.status_code == 200
    return response


def newest(response):
    return response.context["page_obj"].object_list[0].version


def text(html: str) -> str:
    """The page as read: tags dropped, spaces (and non-breaking ones) collapsed."""
    html = re.sub(r"<[^>]+>", " ", html).replace("&nbsp;", " ").replace("\xa0", " ")
    return re.sub(r"\s+", " ", html)


def labels(version):
    return [change.label for change in version.changes]


@pytest.fixture
def edited_project(client, editor):
    """A draft whose one save renames it, swaps a theme, changes a funding line and submits it."""
    housing = make_theme(name_cs="Bydlení", name_en="Housing")
    health = make_theme(name_cs="Zdraví", name_en="Health")
    project = make_project(status=Status.DRAFT, title_cs="Kurzy češtiny", title_en="Czech courses")
    project.themes.set([housing])
    FundingLine.objects.create(project=project, note_cs="Dotace kraje", amount=Decimal(1000))
    before = project.history.count()
    save(
        client,
        editor,
        project,
        title_cs="Kurzy češtiny pro dospělé",
        themes=[str(health.pk)],
        change_reason=REASON,
        _workflow_submit_for_review="1",
        **{"funding_lines-0-amount": "250000"},
    )
    project.refresh_from_db()
    assert project.status == Status.REVIEW
    assert project.history.count() == before + 1
    return project


EXPECTED = {
    "cs": {
        "changes": ["Název (čeština)", "Stav", "Témata"],
        "lines": [
            "Název (čeština): Kurzy češtiny → Kurzy češtiny pro dospělé",
            "Stav: Koncept → Ke schválení",
            "Témata: přidáno Zdraví; odebráno Bydlení",
            "Položky financování: změněn řádek „Dotace kraje“ Částka: 1 000 → 250 000",
        ],
        "headers": ["Datum a čas", "Kdo uložil", "Důvod změny", "Co se změnilo"],
        "submitted": "Předáno ke schválení",
    },
    "en": {
        "changes": ["Title (Czech)", "Status", "Themes"],
        "lines": [
            "Title (Czech): Kurzy češtiny → Kurzy češtiny pro dospělé",
            "Status: Draft → In review",
            "Themes: added Health; removed Housing",
            "Funding lines: changed “Dotace kraje” Amount: 1,000 → 250,000",
        ],
        "headers": ["Date and time", "Saved by", "Change reason", "What changed"],
        "submitted": "Submitted for review",
    },
}


@pytest.mark.parametrize("language", ["cs", "en"])
def test_one_save_is_one_row_listing_exactly_its_changes_by_label(client, edited_project, language):
    expected = EXPECTED[language]
    response = history_page(client, edited_project, language=None if language == "cs" else "en")
    version = newest(response)
    assert labels(version) == expected["changes"]
    assert [(row.kind, row.row) for row in version.rows] == [("changed", "Dotace kraje")]
    assert [change.label for change in version.rows[0].changes] == [
        "Částka" if language == "cs" else "Amount"
    ]

    page = text(response.content.decode())
    for line in expected["lines"]:
        assert line in page
    for header in expected["headers"]:
        assert header in page
    assert "CHANGES" not in page
    assert "None" not in page
    # The reason the editor typed, after the workflow step the save took.
    assert f"{expected['submitted']} · {REASON}" in page
    # Newest first: the submitted version, then the first one.
    versions = [record.version for record in response.context["page_obj"].object_list]
    assert (versions[0].kind, versions[-1].kind) == ("changed", "created")


CZECH_MONTHS = "ledna|února|března|dubna|května|června|července|srpna|září|října|listopadu|prosince"
DATE_PATTERNS = {
    # „2. prosince 2026 8:05“
    "cs": rf"\d{{1,2}}\. ({CZECH_MONTHS}) \d{{4}} \d{{1,2}}:\d{{2}}",
    # "Dec. 2, 2026, 8:05 a.m."
    "en": r"[A-Z][a-z]{2,3}\.? \d{1,2}, \d{4}, (\d{1,2}(:\d{2})? [ap]\.m\.|noon|midnight)",
}


@pytest.mark.parametrize("language", ["cs", "en"])
def test_dates_are_in_the_editors_language_without_microseconds(client, edited_project, language):
    pattern = DATE_PATTERNS[language]
    response = history_page(client, edited_project, language=language)
    version = newest(response)
    assert re.fullmatch(pattern, version.date), version.date
    # In the site's time zone, not UTC.
    local = version.record.history_date.astimezone(ZoneInfo(settings.TIME_ZONE))
    if language == "cs":
        assert version.date.endswith(f" {local.hour}:{local.minute:02d}")
    page = response.content.decode()
    assert version.date in page
    assert not re.search(r"\d{2}:\d{2}:\d{2}\.\d+", page)
    assert "+00:00" not in text(page)


def test_a_save_without_a_reason_shows_none_and_no_changes_reads_as_such(client, editor):
    project = make_project(status=Status.DRAFT)
    save(client, editor, project)
    response = history_page(client, project)
    version = newest(response)
    assert version.reason == ""
    assert version.is_empty
    page = text(response.content.decode())
    assert "None" not in page
    assert "Beze změny obsahu" in page


def test_rows_added_and_removed_in_one_save_are_in_its_row(client, editor):
    project = make_project(status=Status.DRAFT)
    organisation = make_organisation(name_cs="Charita Most")
    KeyFigure.objects.create(project=project, label_cs="Účastníci", value=Decimal(685))
    save(
        client,
        editor,
        project,
        **{
            "key_figures-0-DELETE": "on",
            "partnerships-TOTAL_FORMS": "1",
            "partnerships-0-organisation": str(organisation.pk),
            "partnerships-0-role": Partnership.Role.PARTNER,
        },
    )
    assert not KeyFigure.objects.filter(project=project).exists()
    response = history_page(client, project)
    rows = {(row.group, row.kind, row.row) for row in newest(response).rows}
    assert rows == {
        ("Klíčová čísla", "removed", "Účastníci: 685"),
        ("Partneři", "added", "Charita Most (Partner)"),
    }
    page = text(response.content.decode())
    assert "Klíčová čísla: odebrán řádek „Účastníci: 685“" in page
    assert "Partneři: přidán řádek „Charita Most (Partner)“" in page


def test_steps_of_a_strategy_are_in_its_history(client, publisher):
    strategy = make_strategy(status=Status.DRAFT)
    make_step(strategy, title_cs="Svolat krizový štáb", title_en="Convene the crisis staff")
    save(client, publisher, strategy, **{"steps-0-title_en": "Convene the crisis team"})
    response = history_page(client, strategy, language="en")
    (row,) = newest(response).rows
    assert (row.group, row.kind, row.row) == ("Steps", "changed", "Convene the crisis team")
    assert [(c.label, c.old, c.new) for c in row.changes] == [
        ("Step (English)", "Convene the crisis staff", "Convene the crisis team")
    ]


def test_long_texts_are_shortened_around_what_changed(client, publisher):
    opening = "Projekt podporuje cizince v kraji. " * 10
    project = make_project(status=Status.DRAFT, summary_cs=opening + "Konec prvního znění.")
    save(client, publisher, project, summary_cs=opening + "Konec druhého znění.")
    (change,) = newest(history_page(client, project)).changes
    assert change.label == "Shrnutí (čeština)"
    assert len(change.old) <= 125 and len(change.new) <= 125
    assert change.old.startswith("…") and "prvního" in change.old
    assert "druhého" in change.new


def test_workflow_steps_read_in_the_readers_language(client, editor, publisher):
    project = make_project(status=Status.DRAFT)
    with translation.override("cs"):
        workflow.submit_for_review(project, by=editor)
    client.force_login(editor)
    response = history_page(client, project, language="en")
    version = newest(response)
    assert version.reason == "Submitted for review"
    assert [(c.label, c.old, c.new) for c in version.changes] == [("Status", "Draft", "In review")]


def test_the_change_form_offers_a_reason_only_to_those_who_may_save(client, editor):
    draft = make_project(status=Status.DRAFT)
    published = make_project(status=Status.PUBLISHED)
    client.force_login(editor)
    form = client.get(admin_url(draft, "change")).content.decode()
    assert 'name="change_reason"' in form
    assert "Důvod změny" in form
    locked = client.get(admin_url(published, "change")).content.decode()
    assert 'name="change_reason"' not in locked


def test_restoring_a_version_is_one_row_with_its_reason(client, publisher):
    project = make_project(status=Status.DRAFT, title_cs="První", title_en="First")
    first = project.history.latest()
    save(client, publisher, project, title_cs="Druhý")
    url = admin_url(project, "simple_history", first.history_id)
    client.force_login(publisher)
    data = form_data(client.get(url).context["adminform"].form)
    assert client.post(url, {**data, "change_reason": "Chybná úprava"}).status_code == 302
    version = newest(history_page(client, project))
    assert version.reason == "Obnovena dřívější verze · Chybná úprava"
    assert [(c.label, c.old, c.new) for c in version.changes] == [
        ("Název (čeština)", "Druhý", "První")
    ]


def test_a_long_note_for_the_reviewer_is_kept_whole_in_the_history(editor):
    project = make_project(status=Status.DRAFT)
    project.review_note = "Doplnila jsem výsledky podle závěrečné zprávy. " * 6
    workflow.submit_for_review(project, by=editor)
    latest = Project.history.filter(id=project.pk).latest()
    assert latest.history_change_reason.endswith(project.review_note)


def test_each_version_links_to_its_view_and_restore_page(client, editor):
    project = make_project(status=Status.DRAFT)
    save(client, editor, project, title_cs="Nový název")
    page = history_page(client, project).content.decode()
    for record in project.history.all():
        assert admin_url(project, "simple_history", record.history_id) in page


def test_every_history_in_the_admin_reads_as_the_log(client, editor):
    admins = [
        model_admin
        for model_admin in admin.site._registry.values()
        if isinstance(model_admin, SimpleHistoryAdmin)
    ]
    assert admins
    for model_admin in admins:
        assert isinstance(model_admin, GuardedHistoryAdmin), model_admin
        assert model_admin.object_history_template == "admin/catalogue/object_history.html"
    organisation = make_organisation(name_cs="Charita Most")
    save(client, editor, organisation, name_cs="Oblastní charita Most", change_reason="Nový název")
    version = newest(history_page(client, organisation))
    assert version.reason == "Nový název"
    assert [(c.label, c.old, c.new) for c in version.changes] == [
        ("Název (čeština)", "Charita Most", "Oblastní charita Most")
    ]


def test_the_history_page_needs_few_queries_per_version(
    client, editor, django_assert_max_num_queries
):
    themes = [make_theme() for _ in range(3)]
    project = make_project(status=Status.DRAFT)
    for number, theme in enumerate(themes):
        save(client, editor, project, title_cs=f"Verze {number}", themes=[str(theme.pk)])
    client.force_login(editor)
    # Per version: its diff (links included) and its rows; a page holds at most 25.
    with django_assert_max_num_queries(80):
        history_page(client, project)


def test_an_earlier_version_reads_in_czech_and_restores_for_those_who_may(client, editor):
    project = make_project(status=Status.DRAFT)
    first = project.history.latest()
    client.force_login(editor)
    page = text(client.get(admin_url(project, "simple_history", first.history_id)).content.decode())
    assert "Obnovit tuto verzi" in page
    assert "Zpět na historii" in page
    assert "Revert" not in page
    published = make_project(status=Status.PUBLISHED)
    version = published.history.latest()
    page = text(
        client.get(admin_url(published, "simple_history", version.history_id)).content.decode()
    )
    assert "Obnovit tuto verzi" not in page
    assert "Takto záznam vypadal v této verzi." in page
