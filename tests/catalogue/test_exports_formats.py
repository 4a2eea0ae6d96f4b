"""Exports of every list page in CSV, XLSX and JSON hold exactly the rows the page counts."""

import io

import openpyxl
import pytest

from catalogue.models import Status
from taxonomy.models import Organisation
from tests.factories import (
    download,
    make_instrument,
    make_organisation,
    make_project,
    make_scenario,
    make_strategy,
    make_theme,
    page_slugs,
)

pytestmark = pytest.mark.django_db

CATALOGUES = ["projects", "instruments", "strategies", "organisations"]
FORMATS = ["csv", "xlsx", "json"]
FORMULA = '=HYPERLINK("http://evil.example","x")'


@pytest.fixture
def theme():
    return make_theme(name_cs="Bydlení", name_en="Housing")


def make_entry(catalogue, themed=None, **fields):
    if catalogue == "organisations":
        fields.pop("status", None)
        for name in ("title_cs", "title_en"):
            if name in fields:
                fields[name.replace("title", "name")] = fields.pop(name)
        return make_organisation(kind=fields.pop("kind", Organisation.Kind.NGO), **fields)
    if catalogue == "strategies":
        fields.setdefault("scenario", make_scenario())
    maker = {"projects": make_project, "instruments": make_instrument, "strategies": make_strategy}[
        catalogue
    ]
    entry = maker(**fields)
    if themed is not None:
        entry.themes.add(themed)
    return entry


def matching_params(catalogue, theme):
    return {"kind": "ngo"} if catalogue == "organisations" else {"theme": theme.slug}


@pytest.fixture
def entries(request, theme):
    """Published entries, a few matching a filter, plus drafts and archived ones that would match."""
    catalogue = request.param
    matching = [
        make_entry(catalogue, theme, title_cs="Alfa", title_en="Alpha"),
        make_entry(catalogue, theme, title_cs=FORMULA, title_en=FORMULA),
    ]
    other = [
        make_entry(catalogue, title_cs="Beta", title_en="Beta", kind="municipality")
        if catalogue == "organisations"
        else make_entry(catalogue, title_cs="Beta", title_en="Beta")
    ]
    hidden = []
    if catalogue != "organisations":  # organisations have no workflow
        hidden = [
            make_entry(catalogue, theme, title_cs="Koncept", status=Status.DRAFT),
            make_entry(catalogue, theme, title_cs="V revizi", status=Status.REVIEW),
            make_entry(catalogue, theme, title_cs="Archiv", status=Status.ARCHIVED),
        ]
    return catalogue, matching, other, hidden


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("entries", CATALOGUES, indirect=True)
def test_export_holds_exactly_the_rows_the_page_counts(client, entries, fmt, theme):
    catalogue, matching, other, hidden = entries
    for params in ({}, matching_params(catalogue, theme)):
        export = download(client, catalogue, fmt, params)
        assert export.slugs == page_slugs(client, catalogue, params)
    assert sorted(export.slugs) == sorted(e.slug for e in matching)
    if fmt == "json":
        assert export.document["count"] == len(matching)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("entries", CATALOGUES, indirect=True)
def test_filtered_export_holds_only_matching_rows(client, entries, fmt, theme):
    catalogue, matching, other, hidden = entries
    export = download(client, catalogue, fmt, matching_params(catalogue, theme))
    assert other[0].slug not in export.slugs
    for row in export.rows:
        if catalogue == "organisations":
            assert row["kind"] in ("Nevládní organizace", "Non-governmental organisation")
        else:
            themes = row["themes"] if fmt == "json" else row["themes"].split("; ")
            assert "Bydlení" in themes


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("entries", CATALOGUES, indirect=True)
def test_drafts_and_archived_entries_are_never_exported(client, entries, fmt, staff_user):
    catalogue, matching, other, hidden = entries
    client.force_login(staff_user)  # not even for editors
    export = download(client, catalogue, fmt)
    for entry in hidden:
        assert entry.slug not in export.slugs
    assert len(export.rows) == len(matching) + len(other)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("entries", CATALOGUES, indirect=True)
def test_language_of_the_page_sets_headers_and_values(client, entries, fmt, theme):
    catalogue, matching, other, hidden = entries
    czech = download(client, catalogue, fmt, language="cs")
    english = download(client, catalogue, fmt, language="en")
    title = "name" if catalogue == "organisations" else "title"
    assert czech.headers != english.headers
    assert english.headers[0] == "Identifier"
    assert czech.headers[0] == "Identifikátor"
    by_slug_cs = {row["slug"]: row for row in czech.rows}
    by_slug_en = {row["slug"]: row for row in english.rows}
    alpha = matching[0].slug
    assert by_slug_cs[alpha][title] == "Alfa"
    assert by_slug_en[alpha][title] == "Alpha"
    assert "/cs/" in by_slug_cs[alpha]["permalink"]
    assert "/en/" in by_slug_en[alpha]["permalink"]
    if catalogue != "organisations":
        assert "Bydlení" in by_slug_cs[alpha]["themes"]
        assert "Housing" in by_slug_en[alpha]["themes"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("entries", CATALOGUES, indirect=True)
def test_both_languages_side_by_side(client, entries, fmt):
    catalogue, matching, other, hidden = entries
    export = download(client, catalogue, fmt, {"lang": "both"})
    title = "name" if catalogue == "organisations" else "title"
    row = {r["slug"]: r for r in export.rows}[matching[0].slug]
    assert row[f"{title}_cs"] == "Alfa"
    assert row[f"{title}_en"] == "Alpha"
    assert "slug" in row  # untranslated columns appear once
    if fmt != "json":
        assert any(h.endswith("(cs)") for h in export.headers)
        assert any(h.endswith("(en)") for h in export.headers)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("entries", CATALOGUES, indirect=True)
def test_formula_like_cells_are_neutralised_in_spreadsheets(client, entries, fmt):
    catalogue, matching, other, hidden = entries
    title = "name" if catalogue == "organisations" else "title"
    export = download(client, catalogue, fmt)
    row = {r["slug"]: r for r in export.rows}[matching[1].slug]
    if fmt == "csv":
        assert row[title] == "'" + FORMULA
    else:
        # XLSX cells have types: the text stays as typed, in a text cell, never a formula.
        assert row[title] == FORMULA
        sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
        assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


@pytest.mark.parametrize("entries", CATALOGUES, indirect=True)
def test_json_keeps_formula_like_text_as_data(client, entries):
    """JSON is not run by spreadsheets: the text stays as the editors wrote it."""
    catalogue, matching, other, hidden = entries
    title = "name" if catalogue == "organisations" else "title"
    export = download(client, catalogue, "json")
    assert {r["slug"]: r for r in export.rows}[matching[1].slug][title] == FORMULA


@pytest.mark.parametrize("fmt", FORMATS)
def test_file_name_says_catalogue_date_and_language(client, fmt):
    make_project()
    response = download(client, "projects", fmt, language="en").response
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="projects-')
    assert disposition.endswith(f'-en.{fmt}"')
    both = download(client, "projects", fmt, {"lang": "both"}).response
    assert both["Content-Disposition"].endswith(f'-both.{fmt}"')


def test_json_carries_metadata(client, theme):
    make_entry("projects", theme)
    document = download(client, "projects", "json", {"theme": theme.slug}).document
    assert document["count"] == 1
    assert document["filters"] == {"theme": theme.slug}
    assert document["licence"]["name"] == "CC BY 4.0"
    assert document["generated_at"]
    assert f"theme={theme.slug}" in document["source"]
    assert document["source"] in document["how_to_cite"]


def test_unknown_format_is_not_found(client):
    assert client.get("/cs/projects/export.pdf").status_code == 404


def test_multi_valued_fields_are_joined_in_csv_and_arrays_in_json(client):
    first = make_theme(name_cs="Bydlení", name_en="Housing")
    second = make_theme(name_cs="Zdraví", name_en="Health")
    project = make_project()
    project.themes.add(first, second)
    assert download(client, "projects", "csv").rows[0]["themes"] == "Bydlení; Zdraví"
    assert download(client, "projects", "xlsx").rows[0]["themes"] == "Bydlení; Zdraví"
    assert download(client, "projects", "json").rows[0]["themes"] == ["Bydlení", "Zdraví"]
