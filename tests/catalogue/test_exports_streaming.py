"""Exports of a large list stream in the same number of queries as a short one, with every
related row in place, and an export that breaks off midway does not look complete."""

import csv
import gc
import io
import json
import sys
import zipfile

import openpyxl
import pytest
from django.db import OperationalError, connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext

from catalogue import exports
from catalogue.models import Status
from projects.models import FundingLine, Partnership, Project
from tests.factories import body, make_organisation, make_place, make_target_group, make_theme

pytestmark = pytest.mark.django_db

SIZE = 1200  # more than two chunks of the iterator


def generate_projects(count, start=0):
    theme, group, place = make_theme(), make_target_group(), make_place()
    organisation = make_organisation()
    projects = Project.objects.bulk_create(
        Project(
            slug=f"generated-{n}",
            title_cs=f"Projekt {n}",
            title_en=f"Project {n}",
            summary_cs="Shrnutí.",
            summary_en="Summary.",
            status=Status.PUBLISHED,
            start_year=2015 + n % 10,
            lead_organisation=organisation,
        )
        for n in range(start, start + count)
    )
    for relation, value in (("themes", theme), ("target_groups", group), ("places", place)):
        through = getattr(Project, relation).through
        field = {"themes": "theme", "target_groups": "targetgroup", "places": "place"}[relation]
        through.objects.bulk_create(through(project=p, **{field: value}) for p in projects)
    Partnership.objects.bulk_create(
        Partnership(project=p, organisation=organisation) for p in projects
    )
    FundingLine.objects.bulk_create(
        FundingLine(project=p, amount=1000, year=2020) for p in projects
    )
    return projects


def streamed_queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
        assert isinstance(response, StreamingHttpResponse)
        content = b"".join(response.streaming_content)
    return len(captured.captured_queries), content


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_large_export_streams_in_as_many_queries_as_a_short_one(client, fmt):
    generate_projects(3)
    few, _content = streamed_queries(client, f"/cs/projects/export.{fmt}")
    generate_projects(SIZE - 3, start=3)
    many, content = streamed_queries(client, f"/cs/projects/export.{fmt}")
    # One query for the projects and one for each relation their columns read, however
    # many chunks of rows the export streams.
    assert SIZE > 2 * exports.CHUNK_SIZE
    assert many == few
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
        assert len(rows) == SIZE + 1
        assert rows[-1][0].startswith("generated-")
    else:
        document = json.loads(content)
        assert document["count"] == len(document["entries"]) == SIZE
        entry = document["entries"][0]
        # The related rows read beside the entries are all there.
        assert entry["themes"] and entry["target_groups"] and entry["places"]
        assert entry["partners"] and entry["funding_total"] == ["1000.00 CZK"]


def test_xlsx_export_streams_and_opens_with_every_row(client):
    generate_projects(SIZE)
    response = client.get("/cs/projects/export.xlsx")
    assert isinstance(response, StreamingHttpResponse)
    chunks = list(response.streaming_content)
    # The first rows are on their way before the last ones are read.
    assert len(chunks) > SIZE // exports.CHUNK_SIZE
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(chunks)))
    sheet = workbook.active
    assert sheet.max_row == SIZE + 1
    assert sheet.freeze_panes == "C2"
    assert sheet["A1"].font.bold
    assert [cell.value for cell in sheet[SIZE + 1]][0].startswith("generated-")


def break_off_after(monkeypatch, rows):
    """Make reading fail after ``rows`` entries, as a dropped database connection would."""
    iterate = exports.iter_entries

    def failing(*args, **kwargs):
        for number, entry in enumerate(iterate(*args, **kwargs)):
            if number == rows:
                raise OperationalError("server closed the connection unexpectedly")
            yield entry

    monkeypatch.setattr(exports, "iter_entries", failing)


def read_until_failure(response):
    chunks = []
    with pytest.raises(OperationalError):
        for chunk in response.streaming_content:
            chunks.append(chunk)
    return b"".join(chunks)


def test_csv_export_that_breaks_off_ends_with_a_marker_and_fails(client, monkeypatch, caplog):
    generate_projects(20)
    break_off_after(monkeypatch, 5)
    content = read_until_failure(client.get("/cs/projects/export.csv"))
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    assert len(rows) == 1 + 5 + 1
    assert rows[-1] == [
        "# EXPORT NENÍ ÚPLNÝ: při čtení dat došlo k chybě a řádky za tímto řádkem chybí. "
        "Stáhněte prosím soubor znovu."
    ]
    assert "broke off after 5 rows" in caplog.text


def test_json_export_that_breaks_off_does_not_parse(client, monkeypatch, caplog):
    generate_projects(20)
    break_off_after(monkeypatch, 5)
    content = read_until_failure(client.get("/en/projects/export.json"))
    assert content.count(b'"slug": "generated-') == 5
    with pytest.raises(json.JSONDecodeError):
        json.loads(content)
    assert "The json export of projects broke off after 5 rows" in caplog.text


def test_xlsx_export_that_breaks_off_does_not_open(client, monkeypatch, caplog):
    generate_projects(exports.CHUNK_SIZE + 20)
    break_off_after(monkeypatch, exports.CHUNK_SIZE + 5)
    content = read_until_failure(client.get("/en/projects/export.xlsx"))
    assert content  # the first rows had been sent
    with pytest.raises(zipfile.BadZipFile):
        openpyxl.load_workbook(io.BytesIO(content))
    assert f"The xlsx export of projects broke off after {exports.CHUNK_SIZE + 5} rows" in (
        caplog.text
    )


@pytest.mark.django_db(transaction=True)
def test_a_download_stopped_midway_leaves_nothing_open(client, monkeypatch):
    # Outside a test transaction, as in production: the export reads its own snapshot.
    generate_projects(exports.CHUNK_SIZE * 2 + 20)
    unraisable = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    for fmt in ("csv", "json", "xlsx"):
        response = client.get(f"/cs/projects/export.{fmt}")
        chunks = iter(response.streaming_content)
        next(chunks)
        next(chunks)
        response.close()  # the visitor went away: the server closes the response
    gc.collect()
    # Nothing was left for the garbage collector to close with an error.
    assert [str(error.exc_value) for error in unraisable] == []
    # The next download starts from a clean connection.
    assert len(body(client.get("/cs/projects/export.csv")).splitlines()) == 1 + 2 * 500 + 20
