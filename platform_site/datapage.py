"""The Data page (what each export column means, the allowed values of every vocabulary,
the licence and how to cite) and the human-readable description of the API."""

from dataclasses import dataclass

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from catalogue.columns import columns_for
from catalogue.exports import FORMATS, LICENCE, PUBLISHER
from catalogue.listing import filterset_class
from catalogue.models import EVIDENCE_LEVEL_EXPLANATIONS, Currency, EvidenceLevel
from instruments.models import ApplicantType, CallFrequency, CallStatus, FundingSource, Kind, Level
from projects.models import Partnership
from strategies.models import PlaceKind, Scenario, Step
from taxonomy.models import Organisation, Place, TargetGroup, Theme


@dataclass
class Value:
    code: str
    label: str
    description: str = ""


@dataclass
class Vocabulary:
    key: str
    title: str
    values: list
    note: str = ""


def choices(options, descriptions=None) -> list[Value]:
    descriptions = descriptions or {}
    return [Value(code, label, descriptions.get(code, "")) for code, label in options]


def vocabularies() -> list[Vocabulary]:
    regions = Place.objects.filter(kind=Place.Kind.REGION).order_by("code", "slug")
    return [
        Vocabulary(
            "themes",
            _("Themes"),
            [Value(t.slug, t.name, t.description) for t in Theme.objects.all()],
            _("The code is the value of the filter “theme” in addresses, exports and the API."),
        ),
        Vocabulary(
            "target_groups",
            _("Target groups"),
            [Value(t.slug, t.name, t.description) for t in TargetGroup.objects.all()],
            _("The code is the value of the filter “target_group”."),
        ),
        Vocabulary(
            "place_kinds",
            _("Kinds of place"),
            choices(Place.Kind.choices),
            _(
                "Every place has an official code: ISO 3166 for countries, CZ-NUTS for Czech "
                "regions, LAU or the municipality code for municipalities and city districts."
            ),
        ),
        Vocabulary(
            "regions",
            _("Regions"),
            [Value(p.slug, f"{p.name} ({p.code})" if p.code else p.name) for p in regions],
            _(
                "The code is the value of the filter “region”; a region includes its "
                "municipalities and city districts. The official CZ-NUTS code is in brackets."
            ),
        ),
        Vocabulary(
            "organisation_kinds", _("Kinds of organisation"), choices(Organisation.Kind.choices)
        ),
        Vocabulary("partner_roles", _("Roles of partners"), choices(Partnership.Role.choices)),
        Vocabulary(
            "evidence_levels",
            _("Evidence levels"),
            choices(EvidenceLevel.choices, EVIDENCE_LEVEL_EXPLANATIONS),
        ),
        Vocabulary("instrument_kinds", _("Kinds of instrument"), choices(Kind.choices)),
        Vocabulary("instrument_levels", _("Levels of instrument"), choices(Level.choices)),
        Vocabulary("funding_sources", _("Funding sources"), choices(FundingSource.choices)),
        Vocabulary("applicant_types", _("Eligible applicants"), choices(ApplicantType.choices)),
        Vocabulary("call_frequencies", _("Call frequencies"), choices(CallFrequency.choices)),
        Vocabulary("call_statuses", _("Call statuses"), choices(CallStatus.choices)),
        Vocabulary(
            "scenarios",
            _("Crisis scenarios"),
            [Value(s.slug, s.title) for s in Scenario.objects.all()],
        ),
        Vocabulary(
            "strategy_place_kinds",
            _("Kinds of place a strategy is for"),
            choices(PlaceKind.choices),
        ),
        Vocabulary("step_phases", _("Phases of a strategy"), choices(Step.Phase.choices)),
        Vocabulary("currencies", _("Currencies"), choices(Currency.choices)),
    ]


EXPORTED_CATALOGUES = [
    ("projects", "projects:list", "projects:export"),
    ("instruments", "instruments:list", "instruments:export"),
    ("strategies", "strategies:list", "strategies:export"),
    ("organisations", "taxonomy:organisations", "taxonomy:organisations-export"),
    ("search", "search", "search-export"),
]


def catalogue_tables() -> list[dict]:
    tables = []
    for key, list_name, export_name in EXPORTED_CATALOGUES:
        spec = columns_for(key)
        tables.append(
            {
                "key": key,
                "label": spec.label,
                "list_url": reverse(list_name),
                "exports": [(fmt, reverse(export_name, kwargs={"fmt": fmt})) for fmt in FORMATS]
                if key != "search"
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


@require_GET
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


@require_GET
def api_page(request):
    root = request.build_absolute_uri("/api/v1/")

    def page_filters(catalogue):
        return tuple(filterset_class(catalogue).base_filters)

    endpoints = [
        Endpoint("projects/", _("Projects"), page_filters("projects")),
        Endpoint("instruments/", _("Instruments"), page_filters("instruments")),
        Endpoint("strategies/", _("Strategies"), page_filters("strategies")),
        Endpoint("organisations/", _("Organisations"), page_filters("organisations")),
        Endpoint("themes/", _("Themes")),
        Endpoint("target-groups/", _("Target groups")),
        Endpoint("places/", _("Places"), ("kind", "parent", "code")),
        Endpoint("sources/", _("Sources")),
        Endpoint("scenarios/", _("Crisis scenarios")),
    ]
    return render(
        request,
        "platform_site/api.html",
        {
            "api_root": root,
            "schema_url": request.build_absolute_uri(reverse("api:schema")),
            "endpoints": endpoints,
            "example_list": f"{root}projects/?target_group=labour-migrants&region=praha&lang=en",
            "example_detail": f"{root}projects/<slug>/?lang=cs",
            "example_export": request.build_absolute_uri(
                reverse("projects:export", kwargs={"fmt": "csv"})
            )
            + "?target_group=labour-migrants&region=praha",
            "licence": LICENCE,
            "throttle": throttle_rate(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"]),
        },
    )
