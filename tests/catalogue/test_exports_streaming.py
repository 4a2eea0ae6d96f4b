"""A CSV export of a large list streams, with a fixed number of queries whatever its length."""

import csv
import io

import pytest
from django.http import StreamingHttpResponse

from catalogue.models import Status
from projects.models import FundingLine, Partnership, Project
from tests.factories import make_organisation, make_place, make_target_group, make_theme

pytestmark = pytest.mark.django_db

SIZE = 1200  # more than two chunks of the iterator


def generate_projects(count):
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
        for n in range(count)
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


def test_large_csv_export_streams_without_a_query_per_row(client, django_assert_max_num_queries):
    generate_projects(SIZE)
    response = client.get("/cs/projects/export.csv")
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    # Each chunk of the iterator prefetches its related rows: a few queries per chunk.
    with django_assert_max_num_queries(40):
        body = b"".join(response.streaming_content)
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))
    assert len(rows) == SIZE + 1
