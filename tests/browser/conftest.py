"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Tests here are marked ``browser`` and skipped when /usr/bin/chromium is missing
(`.ci/run` installs it).
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

# Playwright's sync API runs an event loop in this thread; Django's ORM would refuse to run.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pytest_collection_modifyitems(config, items):
    browser_tests = [
        item for item in items if "tests/browser/" in str(item.fspath).replace(os.sep, "/")
    ]
    for item in browser_tests:
        item.add_marker(pytest.mark.browser)
        if not CHROMIUM.exists():
            item.add_marker(
                pytest.mark.skip(reason=f"{CHROMIUM} is not installed (apt-get install chromium)")
            )


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab whose relative URLs go to the live server."""
    context = browser.new_context(
        base_url=live_server.url, locale="cs-CZ", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    context.close()


def load_seed_content() -> list[Path]:
    """Load every fixtures/*.yaml and index it for search; skip when there is none."""
    from catalogue.search import rebuild_all

    files = sorted(FIXTURES_DIR.glob("*.yaml"))
    if not files:
        pytest.skip("fixtures/ holds no seed content")
    call_command("loaddata", *[str(path) for path in files], verbosity=0)
    rebuild_all()
    return files


@pytest.fixture
def seed_content(transactional_db):
    """The real seed content from fixtures/*.yaml, loaded and indexed for search.

    Skips only when there are no fixture files at all; tests add their own data
    (tests/factories.py) for whatever the seeds do not cover yet.
    """
    return load_seed_content()


@pytest.fixture(scope="module")
def seeded_database(django_db_setup, django_db_blocker):
    """The seed content committed once for a whole module of read-only browser tests.

    Loading the seeds takes long, so a module that only reads pages shares one
    load instead of one per test; the database is emptied again after the module.
    Yields a function that runs code with database access (e.g. to build data).
    """

    def with_database(function):
        with django_db_blocker.unblock():
            return function()

    with_database(load_seed_content)
    try:
        yield with_database
    finally:
        with_database(lambda: call_command("flush", interactive=False, verbosity=0))


@pytest.fixture(autouse=True)
def _live_server_helper(request, django_db_blocker):
    """pytest-django's helper of the same name, except for tests on the module's shared seeds.

    Those must not run in a transactional test case (its flush at the end of each
    test would delete the shared content); the live server thread just gets
    database access for the duration of the test.
    """
    if "live_server" not in request.fixturenames:
        yield
        return
    shared = "seeded_database" in request.fixturenames
    if shared:
        django_db_blocker.unblock()
    else:
        request.getfixturevalue("transactional_db")
    live_server = request.getfixturevalue("live_server")
    live_server._live_server_modified_settings.enable()
    try:
        yield
    finally:
        live_server._live_server_modified_settings.disable()
        if shared:
            django_db_blocker.restore()


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"[{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})"
        )
        for node in violation["nodes"][:5]:
            lines.append(f"    at {', '.join(map(str, node['target']))}")
            lines.append(f"       {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"       {summary[:300]}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more elements")
    return "\n".join(lines)


def axe_violations(page) -> list[dict]:
    """WCAG 2.1 A and AA violations axe-core finds on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    results = Axe().run(page, options=options)
    return results.response["violations"]


@pytest.fixture
def assert_accessible():
    """Assert that axe finds no WCAG 2.1 A/AA violation on the page; print them readably if it does."""

    def check(page, label: str = ""):
        violations = axe_violations(page)
        if violations:
            report = format_violations(violations)
            print(f"\nAccessibility violations on {label or page.url}:\n{report}")
            pytest.fail(
                f"{len(violations)} WCAG 2.1 A/AA violation(s) on {label or page.url}:\n{report}"
            )

    return check
