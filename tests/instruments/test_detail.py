"""The public page of an instrument: its facts, assessment and related entries both ways."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from catalogue.models import EvidenceLevel, Status
from projects.models import FundingLine
from tests.factories import (
    make_instrument,
    make_organisation,
    make_project,
    make_step,
    make_strategy,
)

pytestmark = pytest.mark.django_db


def detail_url(entry, language):
    with translation.override(language):
        return reverse("instruments:detail", kwargs={"slug": entry.slug})


@pytest.fixture
def instrument():
    return make_instrument(
        title_cs="Dotace na integraci cizinců",
        title_en="Grants for the integration of foreigners",
        acronym="DIC",
        administrator=make_organisation(
            name_cs="Ministerstvo vnitra", name_en="Ministry of the Interior"
        ),
        funding_source="state",
        eligible_applicants=["municipality", "ngo"],
        purpose_cs="Podpořit obce.",
        purpose_en="To support municipalities.",
        conditions_cs="Spolufinancování 10 %.",
        conditions_en="Ten per cent co-financing.",
        strengths_cs="Jednoduchá žádost.",
        strengths_en="A simple application.",
        weaknesses_cs="Krátké lhůty.",
        weaknesses_en="Short deadlines.",
        when_to_use_cs="Když obec začíná.",
        when_to_use_en="When a municipality starts out.",
        evidence_level=EvidenceLevel.MONITORING,
        call_status="open",
        next_deadline=datetime.date(2030, 3, 31),
        grant_min=Decimal("100000"),
        grant_max=Decimal("1500000"),
        cofinancing_rate=Decimal("10"),
        application_url="https://example.org/apply",
    )


def test_instrument_page_answers_in_both_languages_with_its_sections(client, instrument):
    czech = client.get(detail_url(instrument, "cs"))
    english = client.get(detail_url(instrument, "en"))
    assert czech.status_code == english.status_code == 200
    czech, english = czech.content.decode(), english.content.decode()
    assert "Dotace na integraci cizinců" in czech
    assert "Ministerstvo vnitra" in czech
    assert "31. března 2030" in czech
    assert "100\xa0000\xa0Kč – 1\xa0500\xa0000\xa0Kč" in czech
    for text in [
        "Grants for the integration of foreigners",
        "Ministry of the Interior",
        "Municipality",
        "Purpose",
        "Conditions",
        "Strengths",
        "Weaknesses",
        "When to use it",
        "Evidence level",
        "Monitoring data",
        "March 31, 2030",
        "CZK\xa0100,000 – CZK\xa01,500,000",
        'href="https://example.org/apply"',
    ]:
        assert text in english, text


def test_instrument_links_to_funded_projects_and_recommending_strategies(client, instrument):
    funded = make_project(title_en="Project funded by the grant")
    FundingLine.objects.create(project=funded, instrument=instrument, amount=1000)
    draft = make_project(title_en="Draft funded project", status=Status.DRAFT)
    FundingLine.objects.create(project=draft, instrument=instrument, amount=1000)
    strategy = make_strategy(title_en="Strategy recommending the grant")
    make_step(strategy, instruments=[instrument])
    draft_strategy = make_strategy(title_en="Draft strategy", status=Status.DRAFT)
    make_step(draft_strategy, instruments=[instrument])
    content = client.get(detail_url(instrument, "en")).content.decode()
    assert "Project funded by the grant" in content
    assert "Strategy recommending the grant" in content
    assert "Draft funded project" not in content
    assert "Draft strategy" not in content
    # and back: the project names the instrument that funded it
    with translation.override("en"):
        project_page = client.get(
            reverse("projects:detail", kwargs={"slug": funded.slug})
        ).content.decode()
    assert f'href="/en/instruments/{instrument.slug}/"' in project_page


def test_instrument_links_to_its_parent_and_children(client, instrument):
    call = make_instrument(title_en="Call 2025", parent=instrument)
    make_instrument(title_en="Archived call", parent=instrument, status=Status.ARCHIVED)
    content = client.get(detail_url(instrument, "en")).content.decode()
    assert "Call 2025" in content
    assert "Archived call" not in content
    child_page = client.get(detail_url(call, "en")).content.decode()
    assert "Part of" in child_page
    assert f'href="/en/instruments/{instrument.slug}/"' in child_page


def test_unpublished_parent_is_not_shown(client):
    parent = make_instrument(title_en="Secret programme", status=Status.DRAFT)
    call = make_instrument(title_en="Public call", parent=parent)
    content = client.get(detail_url(call, "en")).content.decode()
    assert "Secret programme" not in content
