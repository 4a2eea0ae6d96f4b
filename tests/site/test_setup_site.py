"""The set-up loads the seed content into an empty catalogue and never undoes editors' work."""

import pytest

from catalogue.models import Status
from platform_site.management.commands import setup_site
from projects.models import FundingLine, Project
from taxonomy.models import Theme

FIXTURE = """\
- model: taxonomy.theme
  fields:
    slug: housing
    name_cs: Bydlení
    name_en: Housing
    position: 1
"""

PROJECT = """\
- model: projects.project
  fields:
    slug: seed-project
    status: published
    published_at: 2026-11-01T09:00:00+01:00
    created_at: 2026-11-01T09:00:00+01:00
    updated_at: 2026-11-01T09:00:00+01:00
    title_cs: Semínkový projekt
    title_en: Seed project
    summary_cs: Shrnutí ze semínka.
    summary_en: Summary from the seed.
    evidence_level: not_evaluated
    themes: [[housing]]
- model: projects.fundingline
  pk: 9001
  fields:
    project: [seed-project]
    amount: 1000
    currency: CZK
"""


@pytest.fixture
def fixtures_dir(tmp_path, monkeypatch):
    (tmp_path / "010_themes.yaml").write_text(FIXTURE, encoding="utf-8")
    monkeypatch.setattr(setup_site, "FIXTURES_DIR", tmp_path)
    return tmp_path


def load(capsys, **options):
    setup_site.Command().load_seed_content(**options)
    return capsys.readouterr()


@pytest.mark.django_db
def test_unchanged_fixtures_are_not_loaded_again(fixtures_dir, capsys):
    assert "1 new objects added" in load(capsys).out
    Theme.objects.filter(slug="housing").update(name_cs="Bydlení a ubytování")

    assert "unchanged" in load(capsys).out
    assert Theme.objects.get(slug="housing").name_cs == "Bydlení a ubytování"


@pytest.mark.django_db
def test_a_changed_fixture_adds_new_entries_and_leaves_existing_ones(fixtures_dir, capsys):
    load(capsys)
    (fixtures_dir / "010_themes.yaml").write_text(
        FIXTURE.replace("Housing", "Housing policy")
        + FIXTURE.replace("housing", "health").replace("Bydlení", "Zdraví"),
        encoding="utf-8",
    )

    assert "1 new objects added" in load(capsys).out
    assert Theme.objects.get(slug="housing").name_en == "Housing"
    assert Theme.objects.get(slug="health").name_cs == "Zdraví"


@pytest.mark.django_db
def test_edited_and_archived_entry_survives_a_release_with_a_changed_fixture(
    fixtures_dir, capsys, publisher
):
    from catalogue import workflow

    (fixtures_dir / "030_projects.yaml").write_text(PROJECT, encoding="utf-8")
    load(capsys)
    project = Project.objects.get(slug="seed-project")
    assert project.status == Status.PUBLISHED
    # Editors rename it, rewrite the summary, remove its funding line, drop its theme, archive it.
    project.title_cs, project.summary_en = "Přejmenovaný projekt", "Rewritten by an editor."
    project.save()
    project.funding_lines.all().delete()
    project.themes.clear()
    workflow.archive(project, by=publisher)
    versions = project.history.count()

    # The next release changes the fixture of that very entry.
    (fixtures_dir / "030_projects.yaml").write_text(
        PROJECT.replace("Semínkový projekt", "Nový název ze semínka"), encoding="utf-8"
    )
    load(capsys)

    project.refresh_from_db()
    assert project.status == Status.ARCHIVED
    assert project.title_cs == "Přejmenovaný projekt"
    assert project.summary_en == "Rewritten by an editor."
    assert not project.funding_lines.exists()
    assert not project.themes.exists()
    assert project.history.count() == versions


@pytest.mark.django_db
def test_rows_of_a_new_entry_are_added_with_it_and_sequences_move_past_them(fixtures_dir, capsys):
    (fixtures_dir / "030_projects.yaml").write_text(PROJECT, encoding="utf-8")
    load(capsys)
    project = Project.objects.get(slug="seed-project")
    assert list(project.funding_lines.values_list("pk", flat=True)) == [9001]
    assert list(project.themes.values_list("slug", flat=True)) == ["housing"]
    assert FundingLine.objects.create(project=project, amount=5, currency="CZK").pk > 9001


@pytest.mark.django_db
def test_force_overwrites_with_a_warning(fixtures_dir, capsys):
    load(capsys)
    Theme.objects.filter(slug="housing").update(name_cs="Bydlení a ubytování")
    (fixtures_dir / "010_themes.yaml").write_text(FIXTURE.replace("Housing", "Housing policy"))

    output = load(capsys, force=True)
    assert "overwritten" in output.err
    assert Theme.objects.get(slug="housing").name_cs == "Bydlení"
