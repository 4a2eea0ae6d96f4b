"""An entry without English text: Czech content marked lang="cs", a notice, canonical to Czech, no hreflang="en"."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import (
    make_organisation,
    make_place,
    make_project,
    make_scenario,
    make_strategy,
)

pytestmark = pytest.mark.django_db


def detail_url(name, obj, language):
    with translation.override(language):
        return reverse(name, kwargs={"slug": obj.slug})


@pytest.fixture
def czech_only():
    return make_project(
        title_cs="Projekt jen v češtině",
        title_en="",
        summary_cs="Shrnutí jen česky.",
        summary_en="",
        objectives_cs="Cíle jen česky.",
    )


def test_untranslated_entry_is_served_in_czech_marked_as_such(client, czech_only):
    response = client.get(detail_url("projects:detail", czech_only, "en"))
    assert response.status_code == 200
    content = response.content.decode()
    assert '<html lang="en"' in content
    assert '<h1 lang="cs">Projekt jen v češtině</h1>' in content
    assert re.search(r'<div class="prose" lang="cs">\s*<p>Shrnutí jen česky.</p>', content)
    assert re.search(r'<div class="prose" lang="cs">\s*<p>Cíle jen česky.</p>', content)
    assert "has not been translated into English yet" in content


def test_untranslated_entry_points_canonical_to_czech_and_drops_hreflang_en(client, czech_only):
    content = client.get(detail_url("projects:detail", czech_only, "en")).content.decode()
    czech_url = f"http://testserver/cs/projects/{czech_only.slug}/"
    assert f'<link rel="canonical" href="{czech_url}">' in content
    assert 'hreflang="cs"' in content
    assert '<link rel="alternate" hreflang="en"' not in content
    czech_page = client.get(detail_url("projects:detail", czech_only, "cs")).content.decode()
    assert '<link rel="alternate" hreflang="en"' not in czech_page
    assert "has not been translated" not in czech_page
    assert 'lang="cs">Projekt' not in czech_page  # on the Czech page Czech is no fallback


def test_translated_entry_keeps_both_alternates_and_its_own_canonical(client):
    project = make_project(title_en="Translated project")
    content = client.get(detail_url("projects:detail", project, "en")).content.decode()
    assert f'<link rel="canonical" href="http://testserver/en/projects/{project.slug}/">' in content
    assert '<link rel="alternate" hreflang="en"' in content
    assert '<link rel="alternate" hreflang="cs"' in content
    assert "has not been translated" not in content


def test_partly_translated_entry_falls_back_section_by_section(client):
    project = make_project(
        title_en="Partly translated",
        objectives_cs="Cíle česky.",
        objectives_en="Objectives in English.",
        results_cs="Výsledky jen česky.",
        results_en="",
    )
    content = client.get(detail_url("projects:detail", project, "en")).content.decode()
    assert "Objectives in English." in content
    assert "Cíle česky." not in content
    assert re.search(r'<div class="prose" lang="cs">\s*<p>Výsledky jen česky.</p>', content)
    assert "This section is not yet translated" in content
    assert "<h1>Partly translated</h1>" in content
    assert "has not been translated into English yet" not in content  # title and summary exist


def test_step_without_english_is_marked_czech(client):
    strategy = make_strategy(title_en="Strategy")
    from tests.factories import make_step

    make_step(strategy, title_cs="Krok jen česky", title_en="", responsible_en="")
    content = client.get(detail_url("strategies:detail", strategy, "en")).content.decode()
    assert '<span lang="cs">Krok jen česky</span>' in content
    assert '<span lang="cs">Starosta</span>' in content


@pytest.mark.parametrize(
    "name,build",
    [
        ("strategies:scenario", lambda: make_scenario(title_cs="Scénář", title_en="")),
        (
            "taxonomy:organisation",
            lambda: make_organisation(name_cs="Jen česká organizace", name_en=""),
        ),
        ("taxonomy:place", lambda: make_place(name_cs="Horní Dolní", name_en="")),
    ],
)
def test_other_pages_fall_back_the_same_way(client, name, build):
    obj = build()
    # the factories fill English in when it is empty; clear it as an editor would leave it
    field = "title_en" if name == "strategies:scenario" else "name_en"
    type(obj).objects.filter(pk=obj.pk).update(**{field: None})
    content = client.get(detail_url(name, obj, "en")).content.decode()
    assert 'lang="cs"' in content
    assert "has not been translated into English yet" in content
    assert '<link rel="alternate" hreflang="en"' not in content


def test_dates_follow_the_page_language(client):
    project = make_project()
    type(project).objects.filter(pk=project.pk).update(updated_at="2026-03-05T10:00:00+01:00")
    assert (
        "5. března 2026"
        in client.get(detail_url("projects:detail", project, "cs")).content.decode()
    )
    assert (
        "March 5, 2026" in client.get(detail_url("projects:detail", project, "en")).content.decode()
    )
