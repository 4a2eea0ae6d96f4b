"""Comparing two to four entries of one catalogue: aligned rows, clear refusals, CSV, shareable link."""

import csv
import io
from decimal import Decimal

import pytest

from catalogue.models import EvidenceLevel, Status
from projects.models import FundingLine, KeyFigure
from tests.factories import make_instrument, make_organisation, make_project, make_target_group


@pytest.fixture
def grants(db):
    office = make_organisation(name_cs="Ministerstvo vnitra", name_en="Ministry of the Interior")
    return [
        make_instrument(
            title_cs="Dotace pro obce",
            title_en="Grants for municipalities",
            level="national",
            eligible_applicants=["municipality"],
            grant_min=Decimal("100000"),
            grant_max=Decimal("2000000"),
            cofinancing_rate=Decimal("10"),
            call_status="open",
            administrator=office,
            strengths_cs="Pružné.",
            strengths_en="Flexible.",
        ),
        make_instrument(
            title_cs="Krajský program",
            title_en="Regional programme",
            level="regional",
            eligible_applicants=["ngo", "municipality"],
            evidence_level=EvidenceLevel.EXTERNAL,
        ),
        make_instrument(title_cs="Evropský fond", title_en="European fund", level="eu"),
    ]


def compare_url(lang, *entries):
    return f"/{lang}/compare/?" + "&".join(f"compare={key}:{slug}" for key, slug in entries)


def test_three_grants_side_by_side_with_aligned_rows(client, grants):
    url = compare_url("en", *[("instruments", grant.slug) for grant in grants])
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('<th scope="col">') == 3
    for label in ["Who may apply", "Grant", "Co-financing by the applicant", "Evidence level"]:
        assert f'<th scope="row">{label}' in html
    assert "CZK\xa0100,000 – CZK\xa02,000,000" in html
    assert "External evaluation" in html and "Flexible." in html
    rows = html.split("<tr")[2:]
    assert all(row.count("<td") == 3 for row in rows)


def test_projects_compare_reach_funding_and_target_groups(client, db):
    seniors = make_target_group(name_en="Seniors")
    first, second = make_project(start_year=2019, end_year=2021), make_project(ongoing=True)
    first.target_groups.set([seniors])
    FundingLine.objects.create(project=first, amount=Decimal("100000"), year=2020)
    KeyFigure.objects.create(
        project=first, label_cs="Účastníci", label_en="Participants", value=50, counts_reach=True
    )
    html = client.get(
        compare_url("en", ("projects", first.slug), ("projects", second.slug))
    ).content.decode()
    assert "Seniors" in html and "2019–2021" in html and "ongoing" in html
    assert "CZK\xa0100,000 · CZK\xa02,000 per participant" in html
    cs = client.get(compare_url("cs", ("projects", first.slug), ("projects", second.slug)))
    assert "Cílové skupiny" in cs.content.decode()


def test_more_than_four_are_refused_with_a_message(client, grants):
    more = grants + [make_instrument(), make_instrument()]
    response = client.get(compare_url("en", *[("instruments", grant.slug) for grant in more]))
    assert response.status_code == 200
    assert "At most four entries" in response.content.decode()
    assert "<table" not in response.content.decode()
    cs = client.get(compare_url("cs", *[("instruments", grant.slug) for grant in more]))
    assert "Porovnat lze nejvýše čtyři záznamy" in cs.content.decode()


def test_mixed_catalogues_are_refused_with_a_message(client, grants):
    project = make_project()
    response = client.get(
        compare_url("en", ("instruments", grants[0].slug), ("projects", project.slug))
    )
    assert "different catalogues cannot be compared" in response.content.decode()
    assert "<table" not in response.content.decode()


def test_drafts_unknown_and_single_entries_are_not_compared(client, grants):
    draft = make_instrument(status=Status.DRAFT)
    response = client.get(
        compare_url("en", ("instruments", grants[0].slug), ("instruments", draft.slug))
    )
    html = response.content.decode()
    assert "was not found" in html and draft.title_en not in html
    assert "<table" not in html
    assert (
        "at least two"
        in client.get(compare_url("en", ("instruments", grants[0].slug))).content.decode()
    )
    assert client.get("/en/compare/?compare=nothing&compare=%00:x").status_code == 200
    assert client.get("/cs/compare/").status_code == 200


def test_csv_export_and_shareable_link(client, grants):
    url = compare_url("en", ("instruments", grants[0].slug), ("instruments", grants[1].slug))
    html = client.get(url).content.decode()
    assert f"compare=instruments%3A{grants[0].slug}" in html
    response = client.get(url.replace("/compare/?", "/compare/export.csv?"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["", "Grants for municipalities", "Regional programme"]
    level = next(row for row in rows if row[0] == "Level")
    assert level[1:] == ["National", "Regional"]


def test_list_rows_carry_a_compare_checkbox_in_a_get_form(client, grants):
    html = client.get("/en/instruments/").content.decode()
    assert 'form="compare-form"' in html and f'value="instruments:{grants[0].slug}"' in html
    assert 'id="compare-form"' in html and 'method="get"' in html


def test_compare_page_queries_are_pinned(client, db, django_assert_num_queries):
    projects = [make_project() for _ in range(4)]
    url = compare_url("en", *[("projects", project.slug) for project in projects])
    client.get(url)
    # The projects, then their places, target groups, themes, key figures and funding lines.
    with django_assert_num_queries(6):
        client.get(url)
