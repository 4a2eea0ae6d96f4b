"""Time the manual of instruments: the full edition as a web page and as a PDF.

Run with ``make bench`` (after the page benchmark, on the same database:
``BENCH_DATABASE_URL``) or ``python bench/manual.py``. Measured on the catalogue
in that database, then with generated instruments added inside a transaction
that is rolled back. The PDF cache is bypassed, so each
figure is a full rendering; "cpu s" is the processor time of the rendering, which a
busy machine does not inflate as it does the wall-clock "pdf s". An edition that takes
longer than ``PDF_RENDER_WAIT_SECONDS`` is rendered off the request (catalogue/pdf.py).
The figures are printed, not asserted.
"""

import io
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DATABASE_URL"] = (
    os.environ.get("BENCH_DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/platform_bench"
)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "platform_site.settings")
os.environ.setdefault("DJANGO_DEBUG", "true")

import django  # noqa: E402
import pypdf  # noqa: E402

django.setup()

from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.template.loader import render_to_string  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import translation  # noqa: E402

from catalogue import pdf  # noqa: E402
from catalogue.models import Status  # noqa: E402
from instruments.models import Instrument  # noqa: E402
from platform_site import manual  # noqa: E402

GENERATED = (200,)
PREFIX = "bench-manual-"


class Rollback(Exception):
    pass


def generate(count: int) -> None:
    text = "Odstavec o tom, k čemu nástroj slouží a kdo z něj může čerpat: obce a kraje. " * 4
    Instrument.objects.bulk_create(
        Instrument(
            slug=f"{PREFIX}{n}",
            title_cs=f"Dotační program {n} pro obce a kraje",
            title_en=f"Grant programme {n} for towns and regions",
            summary_cs="Krátké shrnutí nástroje s diakritikou: příliš žluťoučký kůň.",
            summary_en="A short summary of the instrument.",
            purpose_cs=text,
            strengths_cs=text,
            weaknesses_cs=text,
            kind=("financial", "methodological", "legislative")[n % 3],
            level=("national", "regional", "municipal")[n % 3],
            eligible_applicants=["municipality", "region", "ngo"],
            grant_max=1_000_000,
            cofinancing_rate=10,
            call_status="open",
            status=Status.PUBLISHED,
        )
        for n in range(count)
    )


def measure_manual(language: str) -> dict:
    """Seconds and SQL queries of one full edition as HTML, then seconds, pages and size as PDF."""
    request = RequestFactory().get(f"/{language}/manual.pdf")
    request.user = AnonymousUser()
    with translation.override(language):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            edition = manual.build_edition(request)
            html = render_to_string(
                "platform_site/manual_pdf.html",
                manual.manual_context(request, edition),
                request=request,
            )
        html_seconds = time.perf_counter() - started
        started, cpu_started = time.perf_counter(), time.process_time()
        content = pdf.render_pdf(html, stylesheets=manual.MANUAL_STYLESHEETS)
        pdf_seconds = time.perf_counter() - started
        pdf_cpu_seconds = time.process_time() - cpu_started
    pages = len(pypdf.PdfReader(io.BytesIO(content)).pages)
    return {
        "instruments": len(edition.instruments),
        "queries": len(queries),
        "html": html_seconds,
        "pdf": pdf_seconds,
        "pdf_cpu": pdf_cpu_seconds,
        "pages": pages,
        "size": len(content),
    }


def report(language: str) -> None:
    row = measure_manual(language)
    print(
        f"{row['instruments']:>11} {language:>4} {row['queries']:>7} {row['html']:>8.2f} "
        f"{row['pdf']:>8.2f} {row['pdf_cpu']:>8.2f} {row['pages']:>6} {row['size'] / 2**10:>8.0f}"
    )


def main() -> None:
    if pdf.unavailable_reason():
        print(f"Manual PDF not measured: {pdf.unavailable_reason()} ({pdf.install_hint()})")
        return
    print("The manual of instruments, full edition, uncached")
    print(
        f"{'instruments':>11} {'lang':>4} {'queries':>7} {'html s':>8} {'pdf s':>8} {'cpu s':>8} "
        f"{'pages':>6} {'KiB':>8}"
    )
    for language in ("cs", "en"):
        report(language)
    for count in GENERATED:
        try:
            with transaction.atomic():
                generate(count)
                report("cs")
                raise Rollback
        except Rollback:
            pass


if __name__ == "__main__":
    main()
