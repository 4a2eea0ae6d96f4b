"""The coverage map and the neglected groups: counts equal the lists they link to, gaps are marked."""

import csv
import io
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from catalogue.listing import list_state
from catalogue.models import EvidenceLevel, Status
from platform_site.coverage import build_coverage, plain_line
from taxonomy.models import Place
from tests.factories import (
    make_instrument,
    make_place,
    make_project,
    make_target_group,
    make_theme,
)


@pytest.fixture
def catalogue(db):
    """Two themes × three groups, with a draft in one cell and nothing in others."""
    housing = make_theme(slug="housing", name_cs="Bydlení", name_en="Housing")
    school = make_theme(slug="school", name_cs="Vzdělávání", name_en="Education")
    workers = make_target_group(slug="workers", name_cs="Pracovní migranti", name_en="Workers")
    seniors = make_target_group(slug="seniors", name_cs="Senioři", name_en="Seniors")
    children = make_target_group(slug="children", name_cs="Děti", name_en="Children")
    region = make_place(slug="liberecky", kind=Place.Kind.REGION, name_cs="Liberecký kraj")
    town = make_place(slug="liberec", parent=region, name_cs="Liberec")
    district = make_place(slug="liberec-1", kind=Place.Kind.DISTRICT, parent=town)
    other = make_place(slug="jihocesky", kind=Place.Kind.REGION, name_cs="Jihočeský kraj")

    def project(themes, groups, places=(), **extra):
        entry = make_project(**extra)
        entry.themes.set(themes)
        entry.target_groups.set(groups)
        entry.places.set(places)
        return entry

    def instrument(themes, groups, **extra):
        entry = make_instrument(**extra)
        entry.themes.set(themes)
        entry.target_groups.set(groups)
        return entry

    project([housing], [workers], [town], evidence_level=EvidenceLevel.EXTERNAL, start_year=2019)
    project([housing], [workers], [district], start_year=2022, end_year=2023)
    project([school], [workers, children], [other], start_year=2015, end_year=2016)
    project([school], [seniors], [town], evidence_level=EvidenceLevel.NOT_EVALUATED)
    project([housing], [seniors], [town], status=Status.DRAFT, evidence_level="impact")
    project([housing], [children], status=Status.REVIEW)
    instrument([housing], [seniors], level="regional", valid_from=2021, valid_to=2027)
    instrument([school], [children], level="national", evidence_level=EvidenceLevel.SURVEY)
    instrument([school], [seniors], level="national", status=Status.DRAFT)
    return {
        "themes": {"housing": housing, "school": school},
        "groups": {"workers": workers, "seniors": seniors, "children": children},
        "regions": [region, other],
    }


def coverage_for(query: str = "", lang: str = "en"):
    request = RequestFactory().get(f"/{lang}/coverage/?{query}")
    with translation.override(lang):
        return build_coverage(request)


def list_count(url: str) -> int:
    parts = urlsplit(url)
    catalogue = parts.path.strip("/").split("/")[-1]
    request = RequestFactory().get(parts.path, data=None, QUERY_STRING=parts.query)
    return list_state(request, catalogue, with_facets=False).queryset.count()


def cell(coverage, group: str, theme: str):
    row = next(row for row in coverage.rows if row.item.slug == group)
    return next(cell for cell in row.cells if cell.theme.slug == theme)


def test_counts_and_gaps_on_a_constructed_catalogue(catalogue):
    coverage = coverage_for()
    workers_housing = cell(coverage, "workers", "housing")
    assert [item.count for item in workers_housing.counts] == [2, 0]
    assert workers_housing.best == EvidenceLevel.EXTERNAL
    assert workers_housing.state == "covered"
    # Only a draft exists: a coverage gap, and the draft's evidence counts nowhere.
    seniors_housing = cell(coverage, "seniors", "housing")
    assert [item.count for item in seniors_housing.counts] == [0, 1]
    assert seniors_housing.state == "evidence-gap"
    seniors_school = cell(coverage, "seniors", "school")
    assert seniors_school.total == 1 and seniors_school.evidence_gap
    children_housing = cell(coverage, "children", "housing")
    assert children_housing.coverage_gap and children_housing.state == "coverage-gap"
    assert cell(coverage, "children", "school").best == EvidenceLevel.SURVEY
    assert coverage.gaps == 1 and coverage.evidence_gaps == 3


def test_region_includes_its_municipalities_and_districts(catalogue):
    coverage = coverage_for("region=liberecky&catalogue=projects")
    assert [item.count for item in cell(coverage, "workers", "housing").counts] == [2]
    assert cell(coverage, "workers", "school").coverage_gap
    assert "region=liberecky" in cell(coverage, "workers", "housing").counts[0].url


def test_level_applies_to_instruments_only_and_says_so(catalogue):
    coverage = coverage_for("level=regional")
    assert [item.count for item in cell(coverage, "seniors", "housing").counts] == [0, 1]
    assert [item.count for item in cell(coverage, "children", "school").counts] == [1, 0]
    assert "level=" not in cell(coverage, "workers", "housing").counts[0].url
    assert coverage.notes


def test_plain_language_lines_use_czech_plural_forms(catalogue):
    coverage = coverage_for(lang="cs")
    lines = {row.item.slug: row for row in coverage.rows}
    with translation.override("cs"):
        assert (
            plain_line(lines["seniors"])
            == "Senioři: 1 projekt, žádný hodnocený; 1 nástroj, žádný hodnocený"
        )
        assert (
            plain_line(lines["workers"])
            == "Pracovní migranti: 3 projekty, 1 hodnocený; žádný nástroj"
        )
    with translation.override("en"):
        assert (
            plain_line(lines["seniors"])
            == "Seniors: 1 project, none evaluated; 1 instrument, none evaluated"
        )


def test_every_cell_links_to_a_list_with_its_count(catalogue):
    coverage = coverage_for("region=liberecky")
    for row in coverage.rows:
        for item in [*row.total.counts, *(c for cell in row.cells for c in cell.counts)]:
            assert list_count(item.url) == item.count, item.url


FILTER_VALUES = st.fixed_dictionaries(
    {
        "catalogue": st.sampled_from(["", "all", "projects", "instruments", "strategies"]),
        "region": st.sampled_from(["", "liberecky", "jihocesky", "nowhere"]),
        "level": st.sampled_from(["", "national", "regional", "eu", "bogus"]),
        "year_from": st.sampled_from(["", "2014", "2016", "2022", "2030", "x"]),
        "year_to": st.sampled_from(["", "2015", "2020", "2026", "99999"]),
    }
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(filters=FILTER_VALUES)
def test_property_cell_counts_equal_list_counts(catalogue, filters):
    query = "&".join(f"{key}={value}" for key, value in filters.items() if value)
    coverage = coverage_for(query)
    for line in [*coverage.rows, *coverage.columns]:
        items = [*line.total.counts, *(c for cell in line.cells for c in cell.counts)]
        for item in items:
            assert list_count(item.url) == item.count, (query, item.url)
    for item in coverage.total.counts:
        assert list_count(item.url) == item.count


def test_map_page_is_a_table_with_caption_and_header_scopes(client, catalogue):
    response = client.get("/cs/coverage/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<caption" in html and 'scope="col"' in html and 'scope="row"' in html
    assert "Mezera v pokrytí" in html and "Mezera v hodnocení" in html
    assert client.get("/en/coverage/").status_code == 200


def test_map_queries_are_pinned(client, catalogue, django_assert_num_queries):
    client.get("/cs/coverage/")  # warm the caches of the page
    # Themes, target groups, regions of the form and ONE aggregated query for every count.
    with django_assert_num_queries(4):
        client.get("/cs/coverage/?catalogue=all&level=national")
    # A region: the form finds it, then each catalogue's FilterSet finds it and its
    # municipalities and districts (one query per level below it), as its list does.
    with django_assert_num_queries(13):
        client.get("/cs/coverage/?region=liberecky")


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        "/cs/coverage/",
        "/cs/coverage/?region=liberecky",
        "/cs/coverage/?catalogue=instruments&level=national",
        "/cs/coverage/groups/",
        "/cs/coverage/groups/?region=liberecky&year_from=2016",
    ],
)
def test_map_and_groups_queries_do_not_grow_with_the_entries(client, catalogue, url):
    client.get(url)  # warm the caches of the page
    few = _queries(client, url + ("&" if "?" in url else "?") + "n=1")
    themes, groups = list(catalogue["themes"].values()), list(catalogue["groups"].values())
    town = Place.objects.get(slug="liberec")
    for index in range(12):
        entry = (make_project if index % 2 else make_instrument)(
            evidence_level=EvidenceLevel.EXTERNAL if index % 3 else EvidenceLevel.NOT_EVALUATED
        )
        entry.themes.set(themes[: 1 + index % 2])
        entry.target_groups.set(groups[: 1 + index % 3])
        entry.places.set([town])
    many = _queries(client, url + ("&" if "?" in url else "?") + "n=2")
    assert many == few


def test_bad_filters_give_a_message_not_an_error(client, catalogue):
    response = client.get("/en/coverage/?region=nowhere&year_from=abc&catalogue=x%00&rows=up")
    assert response.status_code == 200
    assert b"could not be used" in response.content


def test_rows_sort_by_coverage(catalogue):
    least = [row.item.slug for row in coverage_for("rows=least").rows]
    most = [row.item.slug for row in coverage_for("rows=most").rows]
    assert least[0] == "children" and most[0] == "workers"


def test_downloads_hold_the_cells_of_the_page(client, catalogue):
    response = client.get("/en/coverage/export.csv?catalogue=projects")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Target group", "Theme", "Catalogue", "Entries"]
    assert len(rows) == 1 + 3 * 2
    workers_housing = next(row for row in rows if row[:2] == ["Workers", "Housing"])
    assert workers_housing[3] == "2" and workers_housing[5] == "External evaluation"
    children_housing = next(row for row in rows if row[:2] == ["Children", "Housing"])
    assert children_housing[6] == "Coverage gap"
    response = client.get("/cs/coverage/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 1 + 3 * 2 * 2
    assert client.get("/cs/coverage/export.pdf").status_code == 404


def test_neglected_groups_page_ranks_the_least_served_first(client, catalogue):
    response = client.get("/cs/coverage/groups/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Děti") < html.index("Pracovní migranti")
    assert "1 projekt, žádný hodnocený" in html
    assert client.get("/en/coverage/groups/?region=liberecky").status_code == 200
