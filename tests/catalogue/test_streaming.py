"""Entries streamed with their related rows hold exactly what Django's prefetch gives them,
in every order a list offers, in one query per relation however many entries there are."""

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from catalogue import streaming
from catalogue.models import EvidenceLevel
from projects.models import FundingLine, KeyFigure, Partnership, Project
from tests.factories import (
    make_instrument,
    make_organisation,
    make_place,
    make_project,
    make_source,
    make_theme,
)

pytestmark = pytest.mark.django_db

LOOKUPS = (
    "themes",
    "places",
    "sources",
    "partnerships__organisation",
    "funding_lines__instrument",
    "key_figures",
)


def catalogue_of(count):
    """Projects with none, one or several related rows of each kind, in uneven numbers."""
    themes = [make_theme() for _ in range(3)]
    places = [make_place() for _ in range(2)]
    sources = [make_source(year=2020 + n) for n in range(2)]
    organisations = [make_organisation() for _ in range(3)]
    instrument = make_instrument()
    levels = list(EvidenceLevel.values)
    for n in range(count):
        project = make_project(
            title_cs=f"Projekt {count - n:03d}", evidence_level=levels[n % len(levels)]
        )
        project.themes.set(themes[: n % 4])
        project.places.set(places[: n % 3])
        project.sources.set(sources[: (n + 1) % 3])
        for k in range(n % 3):
            Partnership.objects.create(project=project, organisation=organisations[k])
        for k in range((n + 2) % 3):
            FundingLine.objects.create(
                project=project, instrument=instrument if k else None, year=2022 - k
            )
        if n % 5 == 0:
            KeyFigure.objects.create(project=project, label_cs="Účastníci", value=n, position=1)


def described(entries):
    """What the export columns read of each entry, as plain values."""
    return [
        (
            entry.slug,
            [theme.slug for theme in entry.themes.all()],
            [place.slug for place in entry.places.all()],
            [source.slug for source in entry.sources.all()],
            [(p.pk, p.organisation.slug) for p in entry.partnerships.all()],
            [
                (f.pk, f.year, f.instrument.slug if f.instrument else None)
                for f in entry.funding_lines.all()
            ],
            [figure.pk for figure in entry.key_figures.all()],
        )
        for entry in entries
    ]


ORDERINGS = [
    ("title_sort_cs", "pk"),
    (F("published_at").desc(nulls_last=True), F("pk").desc()),
    ("-evidence_level", "title_sort_cs"),
    (),
]


@pytest.mark.parametrize("ordering", ORDERINGS)
def test_entries_carry_what_a_prefetch_gives_them_in_the_list_order(ordering):
    catalogue_of(13)
    queryset = Project.objects.published().select_related("lead_organisation")
    if ordering:
        queryset = queryset.order_by(*ordering)
    expected = described(queryset.prefetch_related(*LOOKUPS))
    streamed = described(
        streaming.stream_entries(queryset, ("lead_organisation",), LOOKUPS, chunk_size=4)
    )
    assert streamed == expected
    assert len(streamed) == 13


def test_the_number_of_queries_does_not_grow_with_the_entries():
    def count_queries():
        with CaptureQueriesContext(connection) as captured:
            entries = list(
                streaming.stream_entries(Project.objects.published(), (), LOOKUPS, chunk_size=4)
            )
            described(entries)
        return len(captured.captured_queries)

    catalogue_of(3)
    few = count_queries()
    catalogue_of(30)
    assert count_queries() == few


def test_a_list_filtered_through_a_relation_still_gets_all_related_rows():
    catalogue_of(9)
    theme = make_theme()
    project = Project.objects.published().filter(themes__isnull=False).first()
    project.themes.add(theme)
    # A filter joining the themes would be reused by a joined query and cut its rows down.
    queryset = Project.objects.published().filter(themes=theme)
    streamed = described(streaming.stream_entries(queryset, (), LOOKUPS))
    assert streamed == described(queryset.prefetch_related(*LOOKUPS))
    assert len(streamed[0][1]) > 1


def test_rows_out_of_step_stop_the_stream_instead_of_mixing_entries():
    rows = streaming.Rows(iter([(1, "a"), (1, "b"), (3, "c")]))
    assert rows.take_for(1) == [(1, "a"), (1, "b")]
    with pytest.raises(streaming.OutOfStep):
        rows.take_for(2)


def test_a_further_filter_on_the_related_rows_asks_the_database_for_that_entry():
    catalogue_of(6)
    entries = list(streaming.stream_entries(Project.objects.published(), (), LOOKUPS))
    entry = next(entry for entry in entries if len(entry.themes.all()) > 1)
    first = entry.themes.all()[0]
    assert list(entry.themes.filter(pk=first.pk)) == [first]
    assert set(entry.themes.all().order_by("-slug")) == set(entry.themes.all())
    assert entry.themes.exclude(pk=first.pk).count() == len(entry.themes.all()) - 1
