"""Facets of the project list: what a visitor can narrow the projects down by."""

from django.db.models import F, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalogue.listing import (
    ENTRY_ORDERINGS,
    EVIDENCE_ORDERINGS,
    CatalogueFilterSet,
    ModelFacetFilter,
    ValueFacetFilter,
    YearFilter,
    region_facet,
    target_group_facet,
    theme_facet,
    within_place,
)
from catalogue.models import EvidenceLevel
from instruments.models import Instrument
from projects.models import KeyFigure, Project
from taxonomy.models import Organisation, Place, Theme


def _with_place(places=None):
    """Projects with a place among ``places`` (a queryset of places), or with any place."""
    links = Project.places.through.objects.all()
    if places is not None:
        links = links.filter(place__in=places.values("pk"))
    return Q(pk__in=links.values("project_id"))


def _in_czechia():
    # The places in Czechia are found first (a few thousand), then the projects' links to them.
    code = Place.CZECHIA_CODE
    czech = Q(code=code) | within_place("parent", code, "__code", depth=3)
    return _with_place(Place.objects.filter(czech))


def _abroad():
    return _with_place() & ~_in_czechia()


def active_from(year: int) -> Q:
    """Projects still running in ``year`` or later (an ongoing project runs until now)."""
    condition = Q(end_year__gte=year) | Q(end_year__isnull=True, start_year__gte=year)
    if year <= timezone.localdate().year:
        condition |= Q(ongoing=True)
    return condition


def active_until(year: int) -> Q:
    """Projects that had started by ``year``."""
    condition = Q(start_year__lte=year) | Q(start_year__isnull=True, end_year__lte=year)
    if year >= timezone.localdate().year:
        condition |= Q(start_year__isnull=True, end_year__isnull=True, ongoing=True)
    return condition


class ProjectFilter(CatalogueFilterSet):
    theme = theme_facet()
    target_group = target_group_facet()
    region = region_facet()
    location = ValueFacetFilter(
        label=_("Czech Republic or abroad"),
        choices=[("cz", _("Czech Republic")), ("abroad", _("Abroad"))],
        conditions={"cz": _in_czechia, "abroad": _abroad},
    )
    organisation = ModelFacetFilter(
        label=_("Organisation"),
        queryset=lambda request: Organisation.objects.public(),
        paths=("lead_organisation", "partnerships__organisation"),
    )
    instrument = ModelFacetFilter(
        label=_("Funding instrument"),
        queryset=lambda request: Instrument.objects.published(),
        paths=("funding_lines__instrument",),
    )
    year_from = YearFilter(label=_("Active from (year)"), method="filter_year_from")
    year_to = YearFilter(label=_("Active until (year)"), method="filter_year_to")
    evidence = ValueFacetFilter(
        label=_("Evidence level"), field_name="evidence_level", choices=EvidenceLevel.choices
    )
    good_practice = ValueFacetFilter(
        label=_("Good practice"),
        choices=[("true", _("Good practice only"))],
        conditions={"true": lambda: Q(is_good_practice=True)},
    )

    ranges = {"years": (_("Years active"), ("year_from", "year_to"))}
    orderings = {
        **ENTRY_ORDERINGS,
        **EVIDENCE_ORDERINGS,
        "start": (
            _("Start year, latest first"),
            lambda fs, lang: [F("start_year").desc(nulls_last=True), *fs.title_ordering(lang)],
        ),
    }

    class Meta:
        model = Project
        fields = []

    def filter_year_from(self, queryset, name, value):
        return queryset.filter(active_from(int(value)))

    def filter_year_to(self, queryset, name, value):
        return queryset.filter(active_until(int(value)))

    def select_for_page(self, queryset):
        return queryset.select_related("lead_organisation").prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("position", "slug")),
            Prefetch(
                "key_figures",
                queryset=KeyFigure.objects.filter(counts_reach=True),
                to_attr="reach_figures",
            ),
        )
