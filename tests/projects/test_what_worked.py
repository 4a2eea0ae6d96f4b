"""The "what worked" card: evidence, reach, funding, and a cost per participant only when computable."""

from decimal import Decimal

import pytest

from catalogue.models import EvidenceLevel
from projects.models import FundingLine, KeyFigure
from projects.what_worked import cost_per_participant, what_worked
from tests.factories import make_project


def add_funding(project, *amounts, currency="CZK"):
    for amount in amounts:
        FundingLine.objects.create(project=project, amount=amount, currency=currency, year=2023)


def add_figure(project, value, counts_reach=False, label="Participants"):
    return KeyFigure.objects.create(
        project=project,
        label_cs=label,
        label_en=label,
        value=value,
        unit_cs="osob",
        unit_en="people",
        counts_reach=counts_reach,
    )


@pytest.fixture
def project(db):
    return make_project(
        title_cs="Kurzy češtiny",
        evidence_level=EvidenceLevel.EXTERNAL,
        lessons_cs="Přenositelné do jiných měst.",
        lessons_en="Can be taken over by other towns.",
    )


def test_cost_per_participant_divides_the_funding_by_the_people_reached(project):
    add_funding(project, Decimal("1000000"), Decimal("370000"))
    add_figure(project, 685, counts_reach=True)
    add_figure(project, 54, label="Share who finished")
    cost = cost_per_participant(project.funding_lines.all(), project.key_figures.all())
    assert cost.amount == Decimal("2000") and cost.total == Decimal("1370000")
    assert cost.reach == 685 and cost.currency == "CZK"


@pytest.mark.parametrize(
    "case",
    ["no funding", "no reach", "amount missing", "two currencies", "two reach figures", "zero"],
)
def test_no_cost_per_participant_without_both_figures(project, case):
    if case != "no funding":
        add_funding(project, Decimal("500000"))
    if case == "amount missing":
        FundingLine.objects.create(project=project, amount=None, year=2022)
    if case == "two currencies":
        add_funding(project, Decimal("1000"), currency="EUR")
    if case != "no reach":
        add_figure(project, 0 if case == "zero" else 100, counts_reach=True)
    if case == "two reach figures":
        add_figure(project, 50, counts_reach=True, label="Children")
    assert cost_per_participant(project.funding_lines.all(), project.key_figures.all()) is None
    assert what_worked(project).cost_per_participant is None


def test_project_page_shows_the_card_with_how_the_cost_was_computed(client, project):
    add_funding(project, Decimal("1370000"))
    add_figure(project, 685, counts_reach=True, label="Zapsaní účastníci")
    html = client.get(f"/cs/projects/{project.slug}/").content.decode()
    assert "Co fungovalo" in html
    assert "Externí evaluace" in html
    assert "Náklady na účastníka" in html and "2\xa0000\xa0Kč" in html
    assert "1\xa0370\xa0000\xa0Kč" in html and "Zapsaní účastníci" in html
    english = client.get(f"/en/projects/{project.slug}/").content.decode()
    assert "Cost per participant" in english and "CZK\xa02,000" in english


def test_project_page_without_reach_shows_no_cost(client, project):
    add_funding(project, Decimal("1370000"))
    add_figure(project, 685, counts_reach=False)
    html = client.get(f"/en/projects/{project.slug}/").content.decode()
    assert "What worked" in html and "Cost per participant" not in html


def test_list_rows_show_evidence_and_reach_and_sort_by_evidence(client, db):
    weak = make_project(title_cs="A projekt", evidence_level=EvidenceLevel.NOT_EVALUATED)
    strong = make_project(title_cs="B projekt", evidence_level=EvidenceLevel.IMPACT)
    add_figure(strong, 120, counts_reach=True)
    html = client.get("/en/projects/?sort=evidence").content.decode()
    assert html.index(strong.title_en) < html.index(weak.title_en)
    assert "Reach: 120" in html and "Impact evaluation" in html
    html = client.get("/en/instruments/?sort=evidence").content.decode()
    assert "Strongest evidence first" in html
