"""The finder: "What can we use?" for a kind of applicant, a size of municipality, a region and a situation.

The answer is the instrument list's own state (the list of the catalogue registered as
providing "funding", ``list_state(request, registry.provider("funding").key)``:
the same FilterSet, so the same themes, target groups and "can be used in" region
filter as the list, its exports and its feeds), sorted into four groups, each
instrument with a one-line reason in the page language. The finder adds only what
describes the visitor — who they are, how big the place is, which situation — and
never states that a call is open unless it is known to be.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.apps import apps
from django.db.models import Case, Count, IntegerField, Prefetch, Q, Value, When, Window
from django.db.models.functions import RowNumber
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from catalogue import registry
from catalogue.listing import list_state
from catalogue.models import Status
from catalogue.templatetags.platform import number
from instruments.eligibility import applicants_phrase, join_names, status_phrase, who_may_apply
from instruments.models import ApplicantType, CallStatus, available_call, financial
from strategies.models import PlaceKind

# How many instruments each group shows; the rest are one link away, in the list.
GROUP_LIMIT = 30
EXAMPLE_PROJECTS = 3


class SizeBand:
    """Bands of the number of inhabitants; they choose the strategy that fits the place."""

    SMALL = "under-10000"
    CHOICES = (
        ("under-2000", _("fewer than 2,000 inhabitants")),
        ("under-10000", _("2,000 to 9,999 inhabitants")),
        ("under-50000", _("10,000 to 49,999 inhabitants")),
        ("50000-plus", _("50,000 inhabitants or more")),
    )
    SMALL_BANDS = ("under-2000", "under-10000")


class FinderForm(forms.Form):
    """Who the visitor is; the themes, groups and region come from the instrument FilterSet."""

    who = forms.ChoiceField(label=_("We are"), required=False)
    size = forms.ChoiceField(
        label=_("Size of the municipality"),
        required=False,
        choices=(("", _("Not stated")), *SizeBand.CHOICES),
    )
    scenario = forms.ModelChoiceField(
        label=_("Our situation (optional)"),
        required=False,
        queryset=None,
        to_field_name="slug",
        empty_label=_("No particular situation"),
    )

    # Set by a strategy's link to the finder: the kind of place its strategy is for, used
    # when the size is not given (kept as a hidden field, never guessed into a size band).
    place_kind = forms.ChoiceField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place_kind"].choices = [("", ""), *PlaceKind.choices]
        self.fields["who"].choices = (("", _("Choose who you are")), *ApplicantType.choices)
        self.fields["scenario"].queryset = registry.model("scenario").objects.all()


# ---------------------------------------------------------------------------
# The answer


@dataclass
class Finding:
    instrument: object
    reason: str
    recommended: bool = False
    projects: list = field(default_factory=list)
    successor: object = None


@dataclass
class Group:
    key: str
    heading: str
    intro: str
    count: int
    findings: list[Finding]


GROUP_KEYS = ("apply", "partners", "help", "ended")


def group_case(applicant: str) -> Case:
    """The group of each instrument, in SQL: 1 you can apply, 2 partners, 3 help, 4 ended or unknown."""
    year = timezone.localdate().year
    ended = Q(call_status=CallStatus.ENDED) | Q(valid_to__lt=year)
    eligible = Q(eligible_applicants__contains=[applicant])
    return Case(
        When(available_call() & ~Q(valid_to__lt=year) & eligible, then=Value(1)),
        When(available_call() & ~Q(valid_to__lt=year), then=Value(2)),
        When(~financial() & ~ended, then=Value(3)),
        default=Value(4),
        output_field=IntegerField(),
    )


def local_places(instrument, region) -> list:
    """The instrument's places when all lie inside the visitor's region (a city's or a district's own scheme)."""
    places = list(instrument.places.all())
    if region is None or not places:
        return []
    inside = [place for place in places if place.pk != region.pk and _below(place, region)]
    return inside if len(inside) == len(places) else []


def _below(place, region) -> bool:
    parent = place.parent
    while parent is not None:
        if parent.pk == region.pk:
            return True
        parent = parent.parent
    return False


def reason_for(instrument, group: int, applicant: str, region, recommended: bool) -> str:
    parts = []
    if instrument.is_financial:
        applicants = list(instrument.eligible_applicants)
        if applicant in applicants:
            parts.append(
                capfirst(
                    gettext("%(applicants)s may apply")
                    % {"applicants": applicants_phrase([applicant])}
                )
            )
        elif applicants:
            parts.append(who_may_apply(instrument))
            if group == 2 and applicant != "individual":
                parts.append(gettext("consider a partnership"))
        else:
            parts.append(gettext("Who may apply is not stated"))
        status = status_phrase(instrument)
        if status:
            parts.append(status)
        if instrument.cofinancing_rate is not None:
            parts.append(
                gettext("co-financing %(rate)s")
                % {"rate": f"{number(instrument.cofinancing_rate)}\u00a0%"}
            )
    else:
        parts.append(capfirst(instrument.get_kind_display()))
        if group == 4:
            status = status_phrase(instrument)
            if status:
                parts.append(status)
    places = local_places(instrument, region)
    if places:
        parts.append(
            gettext("only in %(places)s") % {"places": join_names([str(p) for p in places])}
        )
    if recommended:
        parts.append(gettext("recommended for this situation"))
    return " · ".join(str(part) for part in parts)


def strategy_for(scenario, applicant: str, size: str, place_kind: str = ""):
    """The published strategy of the scenario that fits the kind of place, if there is one."""
    if scenario is None:
        return None
    Strategy = registry.provider("situations").model
    strategies = list(
        Strategy.objects.published().filter(scenario=scenario).order_by("place_kind", "slug")
    )
    if not strategies:
        return None
    wanted = {
        "city_district": "city_district",
        "region": "region",
    }.get(applicant)
    if wanted is None and size:
        wanted = "small_municipality" if size in SizeBand.SMALL_BANDS else "city"
    if wanted is None and place_kind:
        wanted = place_kind
    for strategy in strategies:
        if strategy.place_kind == wanted:
            return strategy
    return strategies[0] if wanted is None else None


def recommended_ids(scenario) -> set[int]:
    if scenario is None:
        return set()
    Step = registry.model("step")
    return set(
        Step.instruments.through.objects.filter(
            step__strategy__scenario=scenario, step__strategy__status=Status.PUBLISHED
        ).values_list("instrument_id", flat=True)
    )


def example_projects(instrument_ids) -> dict[int, list]:
    """Up to three published projects each instrument funded, in one query."""
    if not instrument_ids:
        return {}
    FundingLine = registry.model("funding_line")
    Project = registry.provider("practice").model
    lines = (
        FundingLine.objects.filter(
            instrument_id__in=instrument_ids,
            project__in=Project.objects.published(),
        )
        .select_related("project")
        .order_by("instrument_id", "-project__published_at", "project_id")
    )
    result: dict[int, list] = {}
    for line in lines:
        projects = result.setdefault(line.instrument_id, [])
        if line.project not in projects and len(projects) < EXAMPLE_PROJECTS:
            projects.append(line.project)
    return result


GROUP_TEXTS = {
    "apply": (
        _("You can apply"),
        _(
            "You are among those who may apply, and the call is open, planned or permanently available."
        ),
    ),
    "partners": (
        _("Your partners can apply"),
        _(
            "The call is available, but only others may apply: a partnership can bring the money to your place."
        ),
    ),
    "help": (
        _("Non-financial help"),
        _("Legislation, institutions, strategies and methods that apply to you."),
    ),
    "ended": (
        _("Ended or status unknown"),
        _(
            "Not known to be open today: ended, closed, or with a status nobody has verified. "
            "Verify at the official source before applying; the successor is named where known."
        ),
    ),
}


@dataclass
class Answer:
    applicant: str
    region: object
    scenario: object
    strategy: object
    groups: list[Group]
    total: int

    @property
    def known_open(self) -> int:
        return self.groups[0].count + self.groups[1].count


def build_answer(state, applicant: str, region, scenario, size: str, place_kind="") -> Answer:
    """Sort the rows of the instrument list state into the four groups, with their reasons."""
    language = get_language() or "cs"
    recommended = recommended_ids(scenario)
    Place = apps.get_model("taxonomy", "Place")
    # Within a group: what the situation's strategy recommends, then what the visitor may
    # apply for themselves, then by title.
    own = Case(
        When(eligible_applicants__contains=[applicant], then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    order = [own.asc(), *state.filterset.title_ordering(language)]
    flagged = Case(
        When(pk__in=list(recommended), then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    rows = (
        state.queryset.order_by()
        .annotate(finder_group=group_case(applicant), finder_flag=flagged)
        .annotate(
            finder_row=Window(
                RowNumber(), partition_by=["finder_group"], order_by=[flagged.asc(), *order]
            )
        )
        .filter(finder_row__lte=GROUP_LIMIT)
        .select_related("successor")
        .prefetch_related(
            Prefetch("places", queryset=Place.objects.select_related("parent__parent__parent"))
        )
        .order_by("finder_group", "finder_row")
    )
    counts = (
        state.queryset.order_by()
        .annotate(finder_group=group_case(applicant))
        .aggregate(
            **{
                key: Count("pk", filter=Q(finder_group=index))
                for index, key in enumerate(GROUP_KEYS, start=1)
            }
        )
    )
    rows = list(rows)
    projects = example_projects([row.pk for row in rows if row.is_financial])
    groups = []
    for index, key in enumerate(GROUP_KEYS, start=1):
        heading, intro = GROUP_TEXTS[key]
        findings = [
            Finding(
                instrument=row,
                reason=reason_for(row, index, applicant, region, row.pk in recommended),
                recommended=row.pk in recommended,
                projects=projects.get(row.pk, []),
                successor=row.successor
                if row.successor and row.successor.status == Status.PUBLISHED
                else None,
            )
            for row in rows
            if row.finder_group == index
        ]
        groups.append(Group(key, str(heading), str(intro), counts[key], findings))
    return Answer(
        applicant=applicant,
        region=region,
        scenario=scenario,
        strategy=strategy_for(scenario, applicant, size, place_kind),
        groups=groups,
        total=sum(group.count for group in groups),
    )


def _choices(state, name: str) -> list[dict]:
    """The values of one FilterSet field (regions, themes, groups) with the chosen ones marked."""
    chosen = {obj.pk for obj in state.filterset.form.cleaned_data.get(name) or []}
    return [
        {"slug": obj.slug, "name": str(obj), "selected": obj.pk in chosen}
        for obj in state.filterset.form.fields[name].queryset
    ]


# The applicant a strategy's kind of place stands for, when its page links to the finder.
PLACE_KIND_APPLICANT = {
    "small_municipality": "municipality",
    "city": "municipality",
    "city_district": "city_district",
    "region": "region",
}


def finder_url_for(strategy) -> str:
    """The finder, pre-filled with the strategy's situation, kind of place and (if one) region."""
    params = {
        "who": PLACE_KIND_APPLICANT.get(strategy.place_kind, ""),
        "place_kind": strategy.place_kind,
        "scenario": strategy.scenario.slug,
    }
    regions = {_region_of(place) for place in strategy.places.all()} - {None}
    if len(regions) == 1:
        params["where"] = regions.pop()
    return f"{reverse('finder')}?{urlencode(params)}"


def _region_of(place):
    while place is not None:
        if place.kind == place.Kind.REGION:
            return place.slug
        place = place.parent
    return None


def manual_editions(state, applicant: str) -> dict:
    """The manual's editions for the finder's answer, as instrument-list query strings.

    The answer holds every instrument of the list state (its region, themes and groups),
    sorted by who may apply: its edition has the same query string. The finder's "who"
    is the list's "Who may apply" filter: the second edition holds only the instruments
    the visitor's kind of applicant may apply for.
    """
    context = {"manual_query": state.querystring, "own_manual_query": "", "own_applicants": ""}
    if applicant:
        params = state.params.copy()
        params.setlist("applicant", [applicant])
        context["own_manual_query"] = params.urlencode()
        context["own_applicants"] = applicants_phrase([applicant])
    return context


@require_GET
def finder(request):
    form = FinderForm(request.GET or None)
    cleaned = {}
    if form.is_bound:
        # A value no field can take is dropped with its message; the others still answer.
        form.is_valid()
        cleaned = form.cleaned_data
    applicant = cleaned.get("who") or ""
    scenario = cleaned.get("scenario")
    size = cleaned.get("size") or ""
    funding = registry.provider("funding")
    state = list_state(request, funding.key, with_facets=False)
    regions = state.filterset.form.cleaned_data.get("where") or []
    region = regions[0] if len(regions) == 1 else None
    place_kind = cleaned.get("place_kind") or ""
    answer = (
        build_answer(state, applicant, region, scenario, size, place_kind) if applicant else None
    )
    list_url = reverse(funding.list_url_name)
    context = {
        **manual_editions(state, applicant),
        "form": form,
        "state": state,
        "answer": answer,
        "regions": _choices(state, "where"),
        "themes": _choices(state, "theme"),
        "groups": _choices(state, "target_group"),
        "more_open": bool(state.params.getlist("theme") or state.params.getlist("target_group")),
        "list_url": f"{list_url}?{state.querystring}" if state.querystring else list_url,
    }
    return render(request, "platform_site/finder.html", context)
