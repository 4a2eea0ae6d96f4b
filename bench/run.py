"""Time and peak memory of the research exports over a large generated catalogue.

Run with ``make bench``. The projects are generated inside a transaction that
is rolled back at the end, so the database is left as it was. The figures are
printed, not asserted: they depend on the machine.

CSV is streamed, so its peak memory should stay about the same whatever the
number of rows; XLSX and JSON are built whole and grow with the rows.
"""

import os
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "platform_site.settings")
os.environ.setdefault("DJANGO_DEBUG", "true")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from django.utils import translation  # noqa: E402

from catalogue import exports  # noqa: E402
from catalogue.models import Status  # noqa: E402
from projects.models import FundingLine, Partnership, Project  # noqa: E402
from taxonomy.models import Organisation, Place, TargetGroup, Theme  # noqa: E402

SIZES = (1000, 5000)
PREFIX = "bench-export-"


class Rollback(Exception):
    pass


def generate(count: int) -> None:
    themes = [
        Theme.objects.create(slug=f"{PREFIX}theme-{n}", name_cs=f"Téma {n}", name_en=f"Theme {n}")
        for n in range(3)
    ]
    group = TargetGroup.objects.create(
        slug=f"{PREFIX}group", name_cs="Pracovní migranti", name_en="Labour migrants"
    )
    place = Place.objects.create(
        slug=f"{PREFIX}place", kind="municipality", name_cs="Obec", name_en="Town"
    )
    organisation = Organisation.objects.create(
        slug=f"{PREFIX}org", kind="ngo", name_cs="Organizace", name_en="Organisation"
    )
    text = "Odstavec textu projektu s diakritikou: příliš žluťoučký kůň. " * 20
    projects = Project.objects.bulk_create(
        Project(
            slug=f"{PREFIX}{n}",
            title_cs=f"Projekt {n}",
            title_en=f"Project {n}",
            summary_cs="Krátké shrnutí projektu.",
            summary_en="A short summary of the project.",
            objectives_cs=text,
            activities_cs=text,
            results_cs=text,
            status=Status.PUBLISHED,
            start_year=2010 + n % 15,
            lead_organisation=organisation,
        )
        for n in range(count)
    )
    Project.themes.through.objects.bulk_create(
        Project.themes.through(project=p, theme=themes[i % 3]) for i, p in enumerate(projects)
    )
    Project.target_groups.through.objects.bulk_create(
        Project.target_groups.through(project=p, targetgroup=group) for p in projects
    )
    Project.places.through.objects.bulk_create(
        Project.places.through(project=p, place=place) for p in projects
    )
    Partnership.objects.bulk_create(
        Partnership(project=p, organisation=organisation) for p in projects
    )
    FundingLine.objects.bulk_create(
        FundingLine(project=p, amount=1_000_000, year=2020) for p in projects
    )


def measure(fmt: str) -> tuple[float, float, int]:
    """Seconds, peak MiB of Python allocations and bytes of one export of every project."""
    request = RequestFactory().get(f"/cs/projects/export.{fmt}")
    tracemalloc.start()
    started = time.perf_counter()
    with translation.override("cs"):
        response = exports.export_view(request, fmt=fmt, catalogue="projects")
        if response.streaming:
            size = sum(len(chunk) for chunk in response.streaming_content)
        else:
            size = len(response.content)
    seconds = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, peak / 2**20, size


def main() -> None:
    connection.force_debug_cursor = False
    print(f"{'rows':>6} {'format':>6} {'seconds':>8} {'peak MiB':>9} {'file MiB':>9}")
    for count in SIZES:
        try:
            with transaction.atomic():
                existing = Project.objects.published().count()
                generate(count)
                for fmt in ("csv", "xlsx", "json"):
                    seconds, peak, size = measure(fmt)
                    rows = existing + count
                    print(f"{rows:>6} {fmt:>6} {seconds:>8.2f} {peak:>9.1f} {size / 2**20:>9.1f}")
                raise Rollback
        except Rollback:
            pass


if __name__ == "__main__":
    main()
