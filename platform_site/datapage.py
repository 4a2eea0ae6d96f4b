"""The Data page (what each export column means, the allowed values of every vocabulary,
the licence and how to cite) and the human-readable description of the API."""

from dataclasses import dataclass

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from catalogue import registry
from catalogue.columns import SEARCH, Vocabulary, columns_for, core_vocabularies
from catalogue.exports import FORMATS, LICENCE, PUBLISHER


def vocabularies() -> list[Vocabulary]:
    """The allowed values of every coded column: reference lists first, then each catalogue's."""
    result = []
    for catalogue in sorted(registry.all_catalogues(), key=lambda c: c.entries):
        result.extend(catalogue.vocabulary_list())
    return result + core_vocabularies()


def exported_lists() -> list[tuple[str, str, str]]:
    """(columns, list page, export) of every list with exports, and of the global search."""
    lists = [(c.key, c.list_url_name, c.export_url_name) for c in registry.all_catalogues()]
    return [*lists, (SEARCH, "search", "search-export")]


def catalogue_tables() -> list[dict]:
    tables = []
    for key, list_name, export_name in exported_lists():
        spec = columns_for(key)
        tables.append(
            {
                "key": key,
                "label": spec.label,
                "list_url": reverse(list_name),
                "exports": [(fmt, reverse(export_name, kwargs={"fmt": fmt})) for fmt in FORMATS]
                if key != SEARCH
                else [],
                "columns": spec.columns,
            }
        )
    return tables


def citation_examples(request) -> dict:
    today = timezone.localdate().isoformat()
    home = request.build_absolute_uri(reverse("home"))
    return {
        "publisher": PUBLISHER,
        "site": settings.SITE_NAME,
        "home": home,
        "today": today,
        "year": timezone.localdate().year,
    }


@require_safe
def data_page(request):
    return render(
        request,
        "platform_site/data.html",
        {
            "tables": catalogue_tables(),
            "vocabularies": vocabularies(),
            "licence": LICENCE,
            "citation": citation_examples(request),
            "api_root": request.build_absolute_uri("/api/v1/"),
            "schema_url": request.build_absolute_uri(reverse("api:schema")),
        },
    )


THROTTLE_PERIODS = {
    "s": _("per second"),
    "m": _("per minute"),
    "h": _("per hour"),
    "d": _("per day"),
}


def throttle_rate(rate: str) -> dict:
    """DRF's "120/minute" as words for the API page."""
    requests, _slash, period = rate.partition("/")
    return {"requests": requests, "period": THROTTLE_PERIODS.get(period[:1], period)}


@dataclass
class Endpoint:
    path: str
    title: str
    filters: tuple[str, ...] = ()


def api_description() -> str:
    """The API page's description: the lists with an endpoint, as each catalogue names them."""
    names = [
        str(c.phrase("api", default=c.name)) for c in registry.all_catalogues() if c.api_endpoint()
    ]
    return gettext(
        "A read-only JSON API for the %(lists)s and vocabularies of the platform, "
        "with an OpenAPI 3 description."
    ) % {"lists": ", ".join(names)}


def example_catalogue():
    """The first catalogue of entries with an API endpoint: the examples of the API page."""
    return next(c for c in registry.catalogues() if c.api_endpoint())


@require_safe
def api_page(request):
    root = request.build_absolute_uri("/api/v1/")
    endpoints = [
        Endpoint(f"{e.prefix}/", e.title, e.filter_names()) for e in registry.api_endpoints()
    ]
    example = example_catalogue()
    example_filters = "target_group=labour-migrants&region=praha"
    return render(
        request,
        "platform_site/api.html",
        {
            "api_root": root,
            "description": api_description(),
            "schema_url": request.build_absolute_uri(reverse("api:schema")),
            "endpoints": endpoints,
            "example_list": f"{root}{example.api_prefix}/?{example_filters}&lang=en",
            "example_detail": f"{root}{example.api_prefix}/<slug>/?lang=cs",
            "example_export": request.build_absolute_uri(
                reverse(example.export_url_name, kwargs={"fmt": "csv"})
            )
            + f"?{example_filters}",
            "licence": LICENCE,
            "throttle": throttle_rate(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"]),
        },
    )
