"""The set-up loads the seed content once and leaves editors' later changes alone."""

import pytest

from platform_site.management.commands import setup_site
from taxonomy.models import Theme

FIXTURE = """\
- model: taxonomy.theme
  fields:
    slug: housing
    name_cs: Bydlení
    name_en: Housing
    position: 1
"""


@pytest.fixture
def fixtures_dir(tmp_path, monkeypatch):
    (tmp_path / "010_themes.yaml").write_text(FIXTURE, encoding="utf-8")
    monkeypatch.setattr(setup_site, "FIXTURES_DIR", tmp_path)
    return tmp_path


def load(capsys):
    setup_site.Command().load_seed_content()
    return capsys.readouterr().out


@pytest.mark.django_db
def test_unchanged_fixtures_are_not_loaded_again(fixtures_dir, capsys):
    assert "loaded from 1 fixture files" in load(capsys)
    Theme.objects.filter(slug="housing").update(name_cs="Bydlení a ubytování")

    assert "unchanged" in load(capsys)
    assert Theme.objects.get(slug="housing").name_cs == "Bydlení a ubytování"


@pytest.mark.django_db
def test_changed_fixtures_are_loaded(fixtures_dir, capsys):
    load(capsys)
    (fixtures_dir / "010_themes.yaml").write_text(FIXTURE.replace("Housing", "Housing policy"))

    assert "loaded from 1 fixture files" in load(capsys)
    assert Theme.objects.get(slug="housing").name_en == "Housing policy"
    assert Theme.objects.count() == 1
