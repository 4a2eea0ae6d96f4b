"""The projects of the seed catalogue: the entries the sources name, with their figures and money.

Like test_fixtures.py, the fixture files are loaded once for the module inside a transaction
that is rolled back at the end.
"""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import translation

from catalogue import search
from catalogue.models import EvidenceLevel, Status
from platform_site.management.commands.setup_site import fixture_files
from projects.models import FundingLine, KeyFigure, Partnership, Project

# Every project issue 4 names, by its permanent slug (strategies link to these).
NAMED_PROJECTS = {
    "sociocultural-mediator-profession",
    "migrants-as-teaching-assistants",
    "migrants-as-community-interpreters",
    "together-on-the-labour-market",
    "employment-heading-to-integration",
    "help-them-out-of-crisis",
    "ethnocatering",
    "counselling-centre-young-migrants",
    "you-are-not-alone-in-this",
    "support-for-teachers-of-foreign-pupils",
    "open-doors-for-refugees",
    "vietnamese-through-czech-lenses",
    "citizen-community-forum-libus",
    "asian-evenings-libus",
    "guided-tours-of-sapa-marketplace",
    "jablkobranni",
    "festival-of-traditions-libus",
    "house-of-national-minorities",
    "inbaze-community-centre",
    "rozhledna-low-threshold-club",
    "sas-domino",
    "prague-heart-of-nations",
    "refufest",
    "colourful-nine",
    "next-door-family",
    "face-2-face",
    "luta-learn-understand-trust-act",
    "integro-integration-on-the-ground",
    "foreign-workers-on-the-labour-market",
    "iyouth-empowering-migrant-youth",
    "mistra-migrant-inclusion-strategies",
    "street-counselling-prague-13-14",
    "czech-towns-integration-of-labour-migrants",
    "cities-and-inclusive-strategy",
    "prague-3-integration-of-foreigners",
    "prague-7-intercultural-workers",
    "prague-14-grants-and-intercultural-workers",
    "brno-intercultural-workers",
}


@pytest.fixture(scope="module")
def catalogue(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        with transaction.atomic():
            call_command("loaddata", *[str(path) for path in fixture_files()], verbosity=0)
            search.rebuild_all()
            yield
            transaction.set_rollback(True)


@pytest.fixture
def loaded(catalogue, db):
    return None


def figures(slug):
    return {
        figure.label_en: figure.value for figure in KeyFigure.objects.filter(project__slug=slug)
    }


def test_every_project_the_sources_name_is_published(loaded):
    published = set(Project.objects.published().values_list("slug", flat=True))
    assert NAMED_PROJECTS - published == set()


def test_together_on_the_labour_market_carries_the_enrolment_figures(loaded):
    expected = {
        "Participants enrolled": Decimal("685"),
        "Share of participants who finished": Decimal("54"),
        "Vietnamese": Decimal("296"),
        "Russian speakers": Decimal("184"),
        "Chinese": Decimal("219"),
        "Mongolians": Decimal("76"),
    }
    actual = figures("together-on-the-labour-market")
    assert {label: actual.get(label) for label in expected} == expected


def test_a_search_for_trh_prace_finds_together_on_the_labour_market(loaded):
    with translation.override("cs"):
        found = search.search(Project.objects.published(), "trh prace").values_list(
            "slug", flat=True
        )
    assert "together-on-the-labour-market" in set(found)


def test_the_multicultural_center_project_shows_its_funding_and_survey(loaded):
    project = Project.objects.get(slug="czech-towns-integration-of-labour-migrants")
    line = FundingLine.objects.get(project=project)
    # The source names only the European Social Fund, not the operational programme.
    assert (line.instrument, line.amount, line.currency) == (None, Decimal("8500000"), "CZK")
    assert "Evropský sociální fond" in line.note_cs
    assert "European Social Fund" in line.note_en
    assert project.evidence_level == EvidenceLevel.SURVEY
    assert figures(project.slug) == {
        "Participatory workshops": Decimal("5"),
        "Questionnaires collected (approx.)": Decimal("200"),
    }
    assert project.contact_function_cs and project.contact_function_en


def test_every_project_names_who_runs_it_or_takes_part(loaded):
    anonymous = [
        project.slug
        for project in Project.objects.filter(
            status=Status.PUBLISHED, lead_organisation__isnull=True
        )
        if not Partnership.objects.filter(project=project).exists()
    ]
    assert anonymous == []


def test_notes_on_partners_and_funding_are_given_in_both_languages_or_neither(loaded):
    for model in (Partnership, FundingLine):
        one_sided = [
            row.pk for row in model.objects.all() if bool(row.note_cs) != bool(row.note_en)
        ]
        assert one_sided == [], model.__name__
    for figure in KeyFigure.objects.all():
        assert figure.label_cs and figure.label_en, figure.pk
        assert bool(figure.unit_cs) == bool(figure.unit_en), figure.pk


def test_funding_lines_without_an_instrument_say_who_paid(loaded):
    assert not FundingLine.objects.filter(instrument__isnull=True, note_cs="").exists()


def test_seed_good_practices_meet_every_required_criterion(loaded):
    flagged = Project.objects.filter(is_good_practice=True)
    assert flagged.exists()
    for project in flagged:
        assert project.missing_good_practice_criteria() == [], project.slug


def test_seed_reach_figures_count_people(loaded):
    reach = KeyFigure.objects.filter(counts_reach=True)
    assert reach.count() == 4
    # A breakdown (by language group) never counts as reach beside its total.
    assert not reach.filter(label_en__in=["Vietnamese", "Russian speakers"]).exists()
    assert {figure.unit_en for figure in reach} <= {"people", "visitors"}
