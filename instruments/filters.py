"""Facets of the instrument list: what a visitor can narrow the instruments down by."""

from django.db.models import Case, F, IntegerField, Prefetch, Q, Value, When
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
from instruments.models import (
    ApplicantType,
    CallStatus,
    FundingSource,
    Instrument,
    Kind,
    Level,
    open_call,
    unknown_call,
)
from taxonomy.models import Place, Theme

OPEN_NOW = "open_now"


def _call_status_choices():
    return [(OPEN_NOW, _("Open now")), *CallStatus.choices]


def usable_in(ref) -> Q:
    """Instruments one can use in a region ``ref``: those of the whole country (or Europe) above it,
    its own, and the schemes of its towns and districts; an instrument without a place counts everywhere.
    """
    return (
        Q(places__isnull=True)
        | within_place("places", ref)
        | Q(places__children=ref)
        | Q(places__children__children=ref)
    )


def usable_in_facet() -> ModelFacetFilter:
    return ModelFacetFilter(
        label=_("Can be used in"),
        queryset=lambda request: Place.objects.filter(kind=Place.Kind.REGION),
        lookup=usable_in,
    )


def _deadline_ordering(filterset, language):
    upcoming = Case(
        When(next_deadline__gte=timezone.localdate(), then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return [
        upcoming.asc(),
        F("next_deadline").asc(nulls_last=True),
        *filterset.title_ordering(language),
    ]


class InstrumentFilter(CatalogueFilterSet):
    kind = ValueFacetFilter(label=_("Kind"), choices=Kind.choices)
    level = ValueFacetFilter(label=_("Level"), choices=Level.choices)
    theme = theme_facet()
    target_group = target_group_facet()
    applicant = ValueFacetFilter(
        label=_("Who may apply"),
        choices=ApplicantType.choices,
        conditions={
            value: (lambda value=value: Q(eligible_applicants__contains=[value]))
            for value in ApplicantType.values
        },
    )
    call_status = ValueFacetFilter(
        label=_("Call status"),
        choices=_call_status_choices,
        # "Open now" is an open call of a financial instrument; "unknown" includes entries
        # without a status and calls whose deadline has passed.
        conditions={OPEN_NOW: open_call, CallStatus.UNKNOWN: unknown_call},
    )
    funding_source = ValueFacetFilter(label=_("Funding source"), choices=FundingSource.choices)
    region = region_facet()
    where = usable_in_facet()
    year_from = YearFilter(label=_("Valid from (year)"), method="filter_year_from")
    year_to = YearFilter(label=_("Valid until (year)"), method="filter_year_to")

    ranges = {"years": (_("Years valid"), ("year_from", "year_to"))}
    orderings = {
        **ENTRY_ORDERINGS,
        **EVIDENCE_ORDERINGS,
        "deadline": (_("Next deadline first"), _deadline_ordering),
    }

    class Meta:
        model = Instrument
        fields = []

    def filter_year_from(self, queryset, name, value):
        # An instrument without an end year is not known to have ended.
        return queryset.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=int(value)))

    def filter_year_to(self, queryset, name, value):
        return queryset.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=int(value)))

    def select_for_page(self, queryset):
        return queryset.select_related("administrator").prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("position", "slug")),
        )
