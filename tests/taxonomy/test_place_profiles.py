"""Place profiles and the regions overview: the figures of a place and the places below it."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue.models import EvidenceLevel, Status
from projects.models import FundingLine
from taxonomy.models import Place
from tests.factories import (
    make_instrument,
    make_place,
    make_project,
    make_strategy,
    make_target_group,
    make_theme,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def region():
    region = make_place(slug="liberecky-kraj", kind=Place.Kind.REGION, name_cs="Liberecký kraj")
    town = make_place(slug="liberec", parent=region, name_cs="Liberec", name_en="Liberec")
    make_place(slug="jablonec", parent=region, name_cs="Jablonec nad Nisou")
    seniors = make_target_group(slug="seniors", name_cs="Senioři", name_en="Seniors")
    make_target_group(slug="children", name_cs="Děti", name_en="Children")
    housing = make_theme(slug="housing", name_cs="Bydlení", name_en="Housing")
    grant = make_instrument(
        title_cs="Dotace MV",
        title_en="Dotace MV",
        level="national",
        eligible_applicants=["municipality"],
        funding_source="state",
    )
    evaluated = make_project(
        title_cs="Kurzy", title_en="Kurzy", evidence_level=EvidenceLevel.EXTERNAL
    )
    evaluated.places.set([town])
    evaluated.themes.set([housing])
    evaluated.target_groups.set([seniors])
    FundingLine.objects.create(
        project=evaluated, instrument=grant, amount=Decimal("500000"), year=2021
    )
    FundingLine.objects.create(project=evaluated, amount=Decimal("250000"), year=2022)
    plain = make_project(title_cs="Poradna")
    plain.places.set([region])
    draft = make_project(
        title_cs="Koncept", title_en="Koncept", status=Status.DRAFT, evidence_level="impact"
    )
    draft.places.set([town])
    make_strategy(title_cs="Strategie pro kraj", title_en="Strategie pro kraj", place_kind="region")
    make_instrument(
        title_cs="Krajský program",
        title_en="Krajský program",
        level="regional",
        eligible_applicants=["ngo"],
    )
    return region


def test_region_profile_counts_its_municipalities_and_never_drafts(client, region):
    html = client.get("/cs/places/liberecky-kraj/").content.decode()
    assert "V číslech" in html
    assert '<span class="count">2</span>' in html
    assert "/cs/projects/?region=liberecky-kraj" in html
    # The evidence distribution: one externally evaluated, one not evaluated, no impact evaluation.
    assert '<th scope="row">Externí evaluace</th><td class="num">1</td>' in html
    assert '<th scope="row">Evaluace dopadů</th><td class="num">0</td>' in html
    assert '<svg class="bar-chart" role="img"' in html and "style=" not in html.split("<main")[1]


def test_profile_shows_funding_by_source_and_year(client, region):
    html = client.get("/en/places/liberecky-kraj/").content.decode()
    assert "State budget" in html and "Source not stated" in html
    assert "CZK\xa0500,000" in html and "CZK\xa0250,000" in html
    assert ">2021</th>" in html and ">2022</th>" in html


def test_profile_shows_coverage_instruments_and_strategies(client, region):
    html = client.get("/en/places/liberecky-kraj/").content.decode()
    assert "1 of 2 pairs of target group and theme" in html
    assert "No entry for:</strong> <span>Children</span>" in html
    assert "/en/coverage/?region=liberecky-kraj" in html
    assert (
        "Dotace MV" in html
        and "Krajský program"
        not in html.split("profile-instruments")[1].split("profile-strategies")[0]
    )
    assert "Strategie pro kraj" in html


def test_municipality_profile_in_both_languages(client, region):
    for lang in ("cs", "en"):
        response = client.get(f"/{lang}/places/liberec/")
        assert response.status_code == 200
        html = response.content.decode()
        assert 'id="profile-heading"' in html and "Kurzy" in html and "Koncept" not in html


def test_regions_overview_compares_the_regions(client, region):
    make_place(slug="jihocesky-kraj", kind=Place.Kind.REGION, name_cs="Jihočeský kraj")
    html = client.get("/cs/regions/").content.decode()
    assert html.index("Jihočeský kraj") < html.index("Liberecký kraj")
    row = html.split("Liberecký kraj</a></th>")[1].split("</tr>")[0]
    assert '?region=liberecky-kraj">2</a>' in row
    assert "evidence=external" in row and '">1</a>' in row
    assert "750\xa0000\xa0Kč" in row
    assert client.get("/en/regions/").status_code == 200


def test_profile_and_overview_queries_are_pinned(client, region, django_assert_max_num_queries):
    with django_assert_max_num_queries(30):
        client.get("/cs/places/liberecky-kraj/")
    with django_assert_max_num_queries(12):
        client.get("/cs/regions/")


def test_overview_queries_do_not_grow_with_the_entries(client, region):
    def queries(url):
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    client.get("/cs/regions/")  # warm the caches of the page
    few = queries("/cs/regions/?n=1")
    town = Place.objects.get(slug="liberec")
    other = make_place(slug="jihocesky-kraj", kind=Place.Kind.REGION, name_cs="Jihočeský kraj")
    for index in range(10):
        entry = (make_project if index % 2 else make_instrument)()
        entry.places.set([town if index % 3 else other])
    many = queries("/cs/regions/?n=2")
    assert many == few
