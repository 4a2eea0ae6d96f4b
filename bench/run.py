"""The benchmark: every page type over HTTP, on a generated catalogue, under production settings.

    make bench               # 5,000 generated projects
    make bench SIZE=50000    # 50,000

1. The benchmark database (``BENCH_DATABASE_URL``, by default
   ``postgres://postgres@127.0.0.1:5432/platform_bench``) is set up like any
   other (``setup_site``: migrations, seed content) and filled with ``SIZE``
   generated projects and everything around them (``bench/generate.py``). A
   database that already holds that many generated projects is reused;
   ``BENCH_FRESH=true`` starts again from an empty one.
2. gunicorn serves the site with production settings (``DJANGO_DEBUG=false``,
   hashed static files through whitenoise) through ``bench/server.py``, which
   records each request's queries, SQL time and the worker's peak memory.
3. Each page is requested several times (the first request warms up and is
   not counted unless it is slow); the table gives the median and 95th
   percentile seen by the client, the queries and SQL time of the page
   itself, how many times its SQL the page takes, and how many times a static
   file served by the same server. Exports give the time per 1,000 rows and
   the worker's peak memory.

Nothing is asserted: the figures depend on the machine. Pages are asked with a
``bench=<n>`` parameter that no view reads, so that each request is a new
address to a page cache; the "cached" rows ask the same address again.
"""

import csv
import http.client
import io
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/platform_bench"
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL") or DEFAULT_DATABASE_URL
ARGS = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
SIZE = int(os.environ.get("SIZE") or (ARGS[0] if ARGS else 5000))
# --generate-only: prepare the database and stop (measure later with the same SIZE).
GENERATE_ONLY = "--generate-only" in sys.argv
REPEAT = int(os.environ.get("BENCH_REPEAT", "9"))
# Stop repeating a page after this many seconds (slow pages get fewer samples).
BUDGET_SECONDS = float(os.environ.get("BENCH_BUDGET", "20"))
TIMEOUT_SECONDS = 60  # the server's, as in the Docker image

os.environ["DATABASE_URL"] = DATABASE_URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "platform_site.settings")
os.environ.setdefault("DJANGO_DEBUG", "true")


def env_true(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


# --- the database ------------------------------------------------------------------------


def recreate_database(url: str) -> None:
    import psycopg2

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    connection = psycopg2.connect(admin)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


def database_exists(url: str) -> bool:
    import psycopg2

    parts = urlsplit(url)
    admin = parts._replace(path="/postgres").geturl()
    connection = psycopg2.connect(admin)
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [parts.path.lstrip("/")])
        found = cursor.fetchone() is not None
    connection.close()
    return found


def prepare_database() -> None:
    """Set up the benchmark database and fill it with SIZE generated projects (if not already)."""
    fresh = env_true("BENCH_FRESH") or not database_exists(DATABASE_URL)
    if fresh:
        recreate_database(DATABASE_URL)
    import django

    django.setup()
    from django.core.management import call_command

    from bench import generate

    print(f"Benchmark database {urlsplit(DATABASE_URL).path.lstrip('/')}: setting up")
    call_command("setup_site", verbosity=0)
    existing = generate.generated_count()
    if existing != SIZE:
        if existing:
            from django.db import connections

            connections.close_all()
            recreate_database(DATABASE_URL)
            call_command("setup_site", verbosity=0)
        print(f"Generating {SIZE} projects and what goes with them")
        started = time.monotonic()
        generate.generate(SIZE)
        print(f"Generated in {time.monotonic() - started:.0f} s")
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    else:
        print(f"Reusing {SIZE} generated projects")


# --- what to measure ---------------------------------------------------------------------


def pages() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(label, path) of every page type, and of the exports."""
    from django.urls import NoReverseMatch, reverse
    from django.utils import translation

    from catalogue.models import Status
    from instruments.models import Instrument
    from projects.models import Project
    from strategies.models import Scenario, Strategy
    from taxonomy.models import Organisation, Place, Theme

    def sample(model, **filters):
        return model.objects.filter(**filters).order_by("pk").first()

    published = {"status": Status.PUBLISHED}
    project = sample(Project, slug__startswith="gen-", title_en__gt="", **published)
    project = project or sample(Project, **published)
    instrument = sample(Instrument, **published)
    strategy = sample(Strategy, **published)
    scenario = Scenario.objects.order_by("pk").first()
    organisation = (
        Organisation.objects.filter(led_projects__status=Status.PUBLISHED).order_by("pk").first()
    )
    place = Place.objects.filter(kind=Place.Kind.REGION).order_by("pk").first()
    theme = Theme.objects.order_by("position", "slug").first()
    last_page = max(1, Project.objects.published().count() // 20)

    listed = [
        ("home", "home", None, ""),
        ("projects list", "projects:list", None, ""),
        ("projects list, sorted by title", "projects:list", None, "sort=title"),
        ("projects list, newest", "projects:list", None, "sort=newest"),
        ("projects list, filtered", "projects:list", None, f"theme={theme.slug}&evidence=survey"),
        ("projects list, searched", "projects:list", None, "q=cizinců"),
        ("projects list, filtered+searched", "projects:list", None, f"theme={theme.slug}&q=kurz"),
        ("projects list, middle page", "projects:list", None, f"page={last_page // 2}"),
        ("projects list, last page", "projects:list", None, f"page={last_page}"),
        ("instruments list", "instruments:list", None, ""),
        ("strategies list", "strategies:list", None, ""),
        ("organisations list", "taxonomy:organisations", None, ""),
        ("search page", "search", None, "q=integrace cizinců"),
        ("project detail", "projects:detail", {"slug": project.slug}, ""),
        ("project detail, English", "projects:detail", {"slug": project.slug}, "", "en"),
        ("instrument detail", "instruments:detail", {"slug": instrument.slug}, ""),
        ("strategy detail", "strategies:detail", {"slug": strategy.slug}, ""),
        ("scenario detail", "strategies:scenario", {"slug": scenario.slug}, ""),
        ("organisation detail", "taxonomy:organisation", {"slug": organisation.slug}, ""),
        ("place (region) detail", "taxonomy:place", {"slug": place.slug}, ""),
        ("data page", "data", None, ""),
        ("projects feed", "projects:feed", None, ""),
        ("instruments feed", "instruments:feed", None, ""),
        ("API projects", "api:project-list", None, ""),
        ("API projects, filtered", "api:project-list", None, f"theme={theme.slug}"),
        ("API projects, last page", "api:project-list", None, f"page={last_page * 20 // 50}"),
        ("API project", "api:project-detail", {"slug": project.slug}, ""),
        ("API instruments", "api:instrument-list", None, ""),
        ("API organisations", "api:organisation-list", None, ""),
        ("sitemap.xml", "sitemap", None, ""),
        # Pages that exist only in some versions of the site are measured when present.
        ("finder", "finder", None, ""),
        ("coverage", "coverage", None, ""),
        ("coverage, a region", "coverage", None, f"region={place.slug}"),
        ("neglected groups", "coverage-groups", None, ""),
        ("regions compared", "taxonomy:regions", None, ""),
        ("calendar", "calendar", None, ""),
        ("manual", "manual", None, ""),
    ]
    result = []
    for label, name, kwargs, query, *language in listed:
        with translation.override(language[0] if language else "cs"):
            try:
                path = reverse(name, kwargs=kwargs)
            except NoReverseMatch:
                continue
        query = urlencode(parse_qsl(query))
        result.append((label, f"{path}?{query}" if query else path))
    with translation.override("cs"):
        export = reverse("projects:export", kwargs={"fmt": "csv"})[: -len("csv")]
    # start_year is spread evenly over 2005–2025: year_to=2006 holds about a tenth.
    exports = [(f"{fmt}, all", f"{export}{fmt}") for fmt in ("csv", "json", "xlsx")]
    exports += [(f"{fmt}, tenth", f"{export}{fmt}?year_to=2006") for fmt in ("csv", "json", "xlsx")]
    return result, exports


# --- the server --------------------------------------------------------------------------


class Server:
    """gunicorn with one worker; ``max_requests`` restarts it after that many requests."""

    def __init__(self, max_requests: int = 0, workdir: Path | None = None):
        self.max_requests = max_requests
        self.collect = workdir is None
        self.workdir = workdir or Path(tempfile.mkdtemp(prefix="bench-"))
        self.log = self.workdir / f"requests-{max_requests}.jsonl"
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.env = {
            **os.environ,
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_STATIC_ROOT": str(self.workdir / "static"),
            "DJANGO_LOG_LEVEL": "WARNING",
            "API_THROTTLE_RATE": "1000000/minute",
            # Each request counts its facets, as the first request after a change does
            # (BENCH_FACET_CACHE_SECONDS=3600 measures the production default instead).
            "FACET_CACHE_SECONDS": os.environ.get("BENCH_FACET_CACHE_SECONDS", "0"),
            "DATABASE_URL": DATABASE_URL,
            "BENCH_LOG": str(self.log),
        }
        self.process = None
        self.counter = 0

    def start(self):
        if self.collect:
            subprocess.run(
                [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
                cwd=ROOT,
                env=self.env,
                check=True,
            )
        self.process = subprocess.Popen(
            [
                *(sys.executable, "-m", "gunicorn", "bench.server:application"),
                *("--bind", f"127.0.0.1:{self.port}", "--workers", "1"),
                *("--timeout", str(TIMEOUT_SECONDS), "--log-level", "warning"),
                # gunicorn.conf.py logs every request; the table is the benchmark's output.
                *("--access-logfile", os.devnull),
                *("--max-requests", str(self.max_requests)),
            ],
            cwd=ROOT,
            env=self.env,
        )
        deadline = time.monotonic() + 60
        if self.max_requests:
            # Every request counts towards max_requests: wait for the socket only (a connection
            # without a request is not counted); the first warm-up waits for the worker.
            while time.monotonic() < deadline:
                try:
                    socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                    return
                except OSError:
                    time.sleep(0.3)
        while time.monotonic() < deadline:
            try:
                if self.get("/healthz", measured=False)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise SystemExit("gunicorn did not answer /healthz within a minute")

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=30)
            self.process = None

    def get(self, path: str, measured: bool = True):
        """(status, body, client seconds, server record or None)."""
        self.counter += 1
        bench_id = str(self.counter)
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT_SECONDS + 5)
        headers = {"Host": "127.0.0.1"}
        if measured:
            headers["X-Bench-Id"] = bench_id
        started = time.perf_counter()
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            body = response.read()
            status = response.status
        except (http.client.HTTPException, OSError):
            return None, b"", time.perf_counter() - started, None
        finally:
            connection.close()
        seconds = time.perf_counter() - started
        return status, body, seconds, self.record(bench_id) if measured else None

    def record(self, bench_id: str):
        # The worker writes the line when it closes the body, just after the last byte.
        for _attempt in range(50):
            if self.log.exists():
                for line in reversed(self.log.read_text().splitlines()):
                    record = json.loads(line)
                    if record["id"] == bench_id:
                        return record
            time.sleep(0.02)
        return None


# --- measuring ---------------------------------------------------------------------------


def with_buster(path: str, number: int) -> str:
    return f"{path}{'&' if '?' in path else '?'}bench={number}"


def measure(server: Server, path: str, cached: bool = False) -> dict:
    samples, records, statuses = [], [], set()
    spent = 0.0
    first = True
    while len(samples) < REPEAT and not (spent > BUDGET_SECONDS and samples):
        target = path if cached else with_buster(path, server.counter)
        status, _body, seconds, record = server.get(target)
        spent += seconds
        statuses.add(status)
        if status is None:  # the worker was killed (timeout): no point asking again
            samples.append(seconds)
            break
        if first and seconds < 5:
            first = False
            continue
        first = False
        samples.append(seconds)
        if record:
            records.append(record)
    ordered = sorted(samples)
    return {
        "median": statistics.median(ordered) * 1000,
        "p95": ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] * 1000,
        "queries": statistics.median(r["queries"] for r in records) if records else None,
        "sql": statistics.median(r["sql_ms"] for r in records) if records else None,
        "status": ",".join(str(s) if s else "timeout" for s in sorted(statuses, key=str)),
        "samples": len(samples),
    }


def count_rows(fmt: str, body: bytes, csv_rows: int | None) -> int | None:
    if fmt == "csv":
        text = body.decode("utf-8-sig", errors="replace")
        return max(0, sum(1 for _ in csv.reader(io.StringIO(text))) - 1)
    if fmt == "json":
        data = json.loads(body)
        if isinstance(data, dict):
            data = data.get("results") or data.get("items") or data.get("entries") or []
        return len(data)
    return csv_rows


def measure_export(server: Server, path: str, csv_rows: int | None) -> dict:
    """One export, in a worker that has served one page before it and stops after it."""
    fmt = path.rsplit(".", 1)[1].split("?")[0]
    server.get("/cs/data/", measured=False)
    status, body, seconds, record = server.get(with_buster(path, server.counter))
    if record:
        seconds = record["server_ms"] / 1000
    rows = count_rows(fmt, body, csv_rows) if status == 200 else None
    return {
        "status": status or "timeout",
        "rows": rows,
        "seconds": seconds,
        "per_1000": seconds / rows * 1000 * 1000 if rows else None,
        "queries": record["queries"] if record else None,
        "sql": record["sql_ms"] if record else None,
        "peak_mib": record["peak_kib"] / 1024
        if record and record["peak_kib"] is not None
        else None,
        "mib": len(body) / 2**20,
    }


def fmt_number(value, spec: str, empty: str = "–") -> str:
    return empty if value is None else format(value, spec)


def main() -> None:
    prepare_database()
    if GENERATE_ONLY:
        return
    listed, exports = pages()
    server = Server()
    server.start()
    try:
        home = server.get("/cs/", measured=False)[1].decode()
        static = next(
            part.split('"')[0]
            for part in home.split('href="')[1:]
            if part.startswith("/static/") and '.css"' in part.split(">")[0]
        )
        static_result = measure(server, static, cached=True)
        static_ms = static_result["median"]
        print(f"\n{SIZE} generated projects; static file {static}: {static_ms:.1f} ms median\n")
        header = (
            f"{'page':<36} {'median':>8} {'p95':>8} {'queries':>7} {'SQL ms':>8} "
            f"{'×SQL':>6} {'×static':>8} {'n':>3} status"
        )
        print(header)
        print("-" * len(header))

        def row(label, result):
            ratio_sql = (
                result["median"] / result["sql"] if result["sql"] and result["sql"] > 0 else None
            )
            print(
                f"{label:<36} {result['median']:>8.1f} {result['p95']:>8.1f} "
                f"{fmt_number(result['queries'], '.0f'):>7} {fmt_number(result['sql'], '.1f'):>8} "
                f"{fmt_number(ratio_sql, '.1f'):>6} {result['median'] / static_ms:>8.1f} "
                f"{result['samples']:>3} {result['status']}",
                flush=True,
            )

        for label, path in listed:
            row(label, measure(server, path))
        for label, path in (("home, cached", "/cs/"), ("projects list, cached", "/cs/projects/")):
            row(label, measure(server, path, cached=True))
        row(f"static file {static.rsplit('/', 1)[1][:22]}", static_result)

        print(
            f"\n{'export':<16} {'rows':>7} {'seconds':>8} {'ms/1000 rows':>13} {'queries':>7} "
            f"{'SQL ms':>8} {'peak MiB':>9} {'file MiB':>9} status"
        )
        server.stop()
        # Each export in a fresh worker, so that its peak memory is its own.
        server = Server(max_requests=2, workdir=server.workdir)
        server.start()
        csv_rows: dict[str, int | None] = {}
        for label, path in exports:
            part = label.split(", ")[1]
            result = measure_export(server, path, csv_rows.get(part))
            if label.startswith("csv"):
                csv_rows[part] = result["rows"]
            print(
                f"{label:<16} {fmt_number(result['rows'], 'd'):>7} {result['seconds']:>8.2f} "
                f"{fmt_number(result['per_1000'], '.0f'):>13} "
                f"{fmt_number(result['queries'], 'd'):>7} {fmt_number(result['sql'], '.0f'):>8} "
                f"{fmt_number(result['peak_mib'], '.1f'):>9} {result['mib']:>9.1f} "
                f"{result['status']}",
                flush=True,
            )
    finally:
        server.stop()


if __name__ == "__main__":
    main()
