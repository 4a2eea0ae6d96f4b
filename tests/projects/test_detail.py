"""The public page of a project: its sections, figures, funding and related entries."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from catalogue.models import EvidenceLevel, Status
from projects.models import FundingLine, KeyFigure, Partnership
from strategies.models import Step
from tests.factories import (
    make_instrument,
    make_organisation,
    make_place,
    make_project,
    make_source,
    make_step,
    make_strategy,
    make_target_group,
    make_theme,
)

pytestmark = pytest.mark.django_db


def detail_url(entry, language):
    with translation.override(language):
        return reverse("projects:detail", kwargs={"slug": entry.slug})


@pytest.fixture
def project():
    lead = make_organisation(name_cs="Centrum pro integraci", name_en="Integration Centre")
    project = make_project(
        title_cs="Společně na trhu práce",
        title_en="Together on the Labour Market",
        summary_cs="Projekt pomáhá cizincům najít práci.",
        summary_en="The project helps foreigners find work.",
        objectives_cs="Zvýšit **zaměstnanost** cizinců.",
        objectives_en="Raise the **employment** of foreigners.",
        activities_cs="Poradenství a kurzy.",
        activities_en="Counselling and courses.",
        results_cs="685 zapsaných účastníků.",
        results_en="685 enrolled participants.",
        evaluation_cs="Externí hodnocení.",
        evaluation_en="An external evaluation.",
        lessons_cs="Přenositelné do dalších měst.",
        lessons_en="Transferable to other towns.",
        lead_organisation=lead,
        start_year=2019,
        end_year=2022,
        evidence_level=EvidenceLevel.EXTERNAL,
        is_good_practice=True,
        contact_name="Jana Nováková",
        contact_function_cs="koordinátorka",
        contact_function_en="coordinator",
    )
    project.places.add(make_place(name_cs="Brno", name_en="Brno"))
    project.sources.add(
        make_source(title="Evaluation report", url="https://example.org/report", year=2022)
    )
    KeyFigure.objects.create(
        project=project, label_cs="zapsaní", label_en="enrolled", value=Decimal("685")
    )
    KeyFigure.objects.create(
        project=project,
        label_cs="dokončilo",
        label_en="completed",
        value=Decimal("54"),
        unit_cs="%",
        unit_en="%",
    )
    partner = make_organisation(name_cs="Partnerská organizace", name_en="Partner organisation")
    Partnership.objects.create(project=project, organisation=partner, role=Partnership.Role.PARTNER)
    return project


def test_project_page_shows_its_sections_in_both_languages(client, project):
    response = client.get(detail_url(project, "cs"))
    assert response.status_code == 200
    content = response.content.decode()
    for text in [
        "Společně na trhu práce",
        "<strong>zaměstnanost</strong>",
        "685",
        "Centrum pro integraci",
    ]:
        assert text in content
    response = client.get(detail_url(project, "en"))
    assert response.status_code == 200
    content = response.content.decode()
    for heading in [
        "Objectives",
        "How it works",
        "Results and outputs",
        "Evaluation",
        "Lessons and transferability",
        "Key figures",
        "Partners",
        "Sources",
        "Cite this entry",
        "Evidence level",
    ]:
        assert heading in content, heading
    assert "Together on the Labour Market" in content
    assert "Integration Centre" in content
    assert "Good practice" in content
    assert 'href="https://example.org/report"' in content


def test_sections_appear_in_reading_order(client, project):
    content = client.get(detail_url(project, "en")).content.decode()
    positions = [
        content.index(f'id="{anchor}"')
        for anchor in [
            "objectives",
            "activities",
            "results",
            "evaluation",
            "evidence-heading",
            "lessons",
        ]
    ]
    assert positions == sorted(positions)


def test_evidence_level_is_explained(client, project):
    content = client.get(detail_url(project, "en")).content.decode()
    assert "External evaluation" in content
    assert "An independent evaluator assessed the project" in content


def test_funding_amounts_follow_the_page_language(client, project):
    instrument = make_instrument(title_cs="Operační program Zaměstnanost", title_en="OP Employment")
    FundingLine.objects.create(
        project=project, instrument=instrument, amount=Decimal("8500000"), currency="CZK", year=2019
    )
    FundingLine.objects.create(
        project=project,
        note_cs="Dar",
        note_en="Donation",
        amount=Decimal("315000.50"),
        currency="EUR",
    )
    czech = client.get(detail_url(project, "cs")).content.decode()
    english = client.get(detail_url(project, "en")).content.decode()
    assert "8\xa0500\xa0000\xa0Kč" in czech
    assert "315\xa0000,50\xa0EUR" in czech
    assert "CZK\xa08,500,000" in english
    assert "EUR\xa0315,000.50" in english
    assert f'href="/cs/instruments/{instrument.slug}/"' in czech


def test_related_instruments_and_strategies_of_a_project(client, project):
    funder = make_instrument(title_en="Funding programme")
    draft_funder = make_instrument(title_en="Draft programme", status=Status.DRAFT)
    FundingLine.objects.create(project=project, instrument=funder, amount=1000)
    FundingLine.objects.create(project=project, instrument=draft_funder, amount=2000)
    strategy = make_strategy(title_en="Strategy citing the project")
    make_step(strategy, projects=[project])
    archived = make_strategy(title_en="Archived strategy", status=Status.ARCHIVED)
    make_step(archived, phase=Step.Phase.LONG_TERM, projects=[project])
    content = client.get(detail_url(project, "en")).content.decode()
    assert "Funding programme" in content
    assert "Strategy citing the project" in content
    assert "Draft programme" not in content
    assert draft_funder.slug not in content
    assert "Archived strategy" not in content


def test_similar_projects_share_themes_or_target_groups(client, project):
    theme, group = make_theme(), make_target_group()
    project.themes.add(theme)
    project.target_groups.add(group)
    similar = make_project(title_en="Project on the same theme")
    similar.themes.add(theme)
    draft = make_project(title_en="Draft on the same theme", status=Status.DRAFT)
    draft.themes.add(theme)
    unrelated = make_project(title_en="Unrelated project")
    unrelated.themes.add(make_theme())
    content = client.get(detail_url(project, "en")).content.decode()
    assert "Similar projects" in content
    assert "Project on the same theme" in content
    assert "Draft on the same theme" not in content
    assert "Unrelated project" not in content


def test_cite_block_has_permalink_dates_and_downloads(client, project):
    response = client.get(detail_url(project, "en"))
    content = response.content.decode()
    assert "http://testserver/en/projects/" + project.slug + "/" in content
    with translation.override("en"):
        assert reverse("projects:cite", kwargs={"slug": project.slug, "fmt": "ris"}) in content
        assert reverse("projects:cite", kwargs={"slug": project.slug, "fmt": "bib"}) in content
    assert "Last updated" in content
    assert "Association for Integration and Migration (SIMI)" in content


def test_open_graph_and_breadcrumbs(client, project):
    content = client.get(detail_url(project, "en")).content.decode()
    assert '<meta property="og:title" content="Together on the Labour Market">' in content
    assert (
        '<meta property="og:description" content="The project helps foreigners find work.">'
        in content
    )
    assert content.count('property="og:type"') == 1
    assert '<meta property="og:type" content="article">' in content
    assert 'type="application/atom+xml" href="/en/projects/feed/"' in content
    assert 'aria-label="Breadcrumbs"' in content
    assert 'href="/en/projects/"' in content


def test_unknown_project_is_404(client):
    assert client.get("/cs/projects/no-such-project/").status_code == 404
