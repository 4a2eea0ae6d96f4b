"""Two to four entries of one catalogue side by side, with the same rows for each.

The address carries the entries as ``compare=<catalogue>:<slug>`` (what the
checkboxes on the list pages send), so a comparison can be shared and printed.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_safe

from catalogue import registry
from catalogue.exports import CONTENT_TYPES, neutralise
from catalogue.languages import fallback_language
from catalogue.markdown import render_markdown
from catalogue.templatetags.platform import markdown_text, money, number
from projects.what_worked import cost_per_participant, funding_totals

PARAMETER = "compare"
MIN_ENTRIES, MAX_ENTRIES = 2, 4


@dataclass
class Value:
    text: str  # plain text, for the CSV and for screen readers
    html: SafeString | str = ""  # what the page shows, when it is richer than the text
    lang: str | None = None  # the language the content is in when it is not the page's

    def __str__(self):
        return self.text


@dataclass
class Row:
    label: str
    values: list[Value]

    @property
    def same(self) -> bool:
        return len({value.text for value in self.values}) == 1


@dataclass
class Comparison:
    catalogue: str | None = None
    entries: list = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    requested: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and len(self.entries) >= MIN_ENTRIES

    @property
    def querystring(self) -> str:
        from django.http import QueryDict

        params = QueryDict(mutable=True)
        params.setlist(PARAMETER, [f"{self.catalogue}:{entry.slug}" for entry in self.entries])
        return params.urlencode()


# ---------------------------------------------------------------------------
# Values


def text(obj, name: str) -> Value:
    value = getattr(obj, name, "") or ""
    return Value(str(value), lang=fallback_language(obj, name) if value else None)


def markdown(obj, name: str) -> Value:
    value = getattr(obj, name, "") or ""
    if not value:
        return Value("–")
    return Value(markdown_text(value), render_markdown(value), fallback_language(obj, name))


def names(items) -> Value:
    labels = [str(item) for item in items]
    return Value("; ".join(labels) if labels else "–")


def amount(value, currency) -> Value:
    if value is None:
        return Value("–")
    shown = money(value, currency)
    return Value(str(shown), shown)


def choice(obj, name: str) -> Value:
    return Value(str(getattr(obj, f"get_{name}_display")() or "–"))


def _years(project) -> Value:
    start, end = project.start_year, project.end_year
    parts = []
    if start:
        parts.append(str(start))
    if end and end != start:
        parts.append(str(end))
    shown = "–".join(parts)
    if project.ongoing:
        shown = f"{shown} – {_('ongoing')}" if shown else _("ongoing")
    return Value(shown or "–")


def _reach(project) -> Value:
    figures = [figure for figure in project.key_figures.all() if figure.counts_reach]
    if not figures:
        return Value(_("Not stated"))
    return Value(
        "; ".join(
            f"{number(figure.value)} {figure.unit} ({figure.label})".strip() for figure in figures
        )
    )


def _funding(project) -> Value:
    lines = list(project.funding_lines.all())
    totals, complete = funding_totals(lines)
    if not totals:
        return Value(_("Not stated"))
    shown = " + ".join(str(money(total.amount, total.currency)) for total in totals)
    cost = cost_per_participant(lines, project.key_figures.all())
    if cost:
        shown += " · " + _("%(amount)s per participant") % {
            "amount": money(cost.amount, cost.currency)
        }
    if not complete:
        shown += " (" + _("some funding lines have no amount") + ")"
    return Value(shown)


def _grant(instrument) -> Value:
    low, high = instrument.grant_min, instrument.grant_max
    if low is None and high is None:
        return Value("–")
    low_text = money(low, instrument.currency) if low is not None else ""
    high_text = money(high, instrument.currency) if high is not None else ""
    if low is not None and high is not None:
        shown = f"{low_text} – {high_text}"
    elif high is not None:
        shown = _("up to %(amount)s") % {"amount": high_text}
    else:
        shown = _("from %(amount)s") % {"amount": low_text}
    return Value(str(shown), mark_safe(conditional_escape(shown)))


def _cofinancing(instrument) -> Value:
    rate = instrument.cofinancing_rate
    return Value("–" if rate is None else f"{number(rate)} %")


def _status(instrument) -> Value:
    status = instrument.get_call_status_display() if instrument.call_status else _("Unknown")
    if instrument.next_deadline:
        deadline = instrument.next_deadline.isoformat()
        return Value(f"{status} · {_('next deadline')} {deadline}")
    return Value(str(status))


def _evidence(entry) -> Value:
    return Value(str(entry.get_evidence_level_display()))


# The rows of each catalogue, in the order the page shows them.
ROWS = {
    "instruments": [
        (gettext_lazy("Kind"), lambda e: choice(e, "kind")),
        (gettext_lazy("Level"), lambda e: choice(e, "level")),
        (
            gettext_lazy("Who may apply"),
            lambda e: Value("; ".join(e.get_eligible_applicants_display()) or "–"),
        ),
        (gettext_lazy("Allocation"), lambda e: amount(e.allocation, e.currency)),
        (gettext_lazy("Grant"), _grant),
        (gettext_lazy("Co-financing by the applicant"), _cofinancing),
        (gettext_lazy("Call status and deadline"), _status),
        (
            gettext_lazy("Administered by"),
            lambda e: names([e.administrator] if e.administrator else []),
        ),
        (gettext_lazy("Evidence level"), _evidence),
        (gettext_lazy("Strengths"), lambda e: markdown(e, "strengths")),
        (gettext_lazy("Weaknesses"), lambda e: markdown(e, "weaknesses")),
    ],
    "projects": [
        (gettext_lazy("Places"), lambda e: names(e.places.all())),
        (gettext_lazy("Years"), _years),
        (gettext_lazy("Target groups"), lambda e: names(e.target_groups.all())),
        (gettext_lazy("Themes"), lambda e: names(e.themes.all())),
        (gettext_lazy("Reach"), _reach),
        (gettext_lazy("Funding"), _funding),
        (gettext_lazy("Evidence level"), _evidence),
        (gettext_lazy("Results and outputs"), lambda e: markdown(e, "results")),
        (gettext_lazy("Lessons and transferability"), lambda e: markdown(e, "lessons")),
    ],
}


def _queryset(catalogue: str):
    model = registry.catalogue(catalogue).model
    queryset = model.objects.published()
    if catalogue == "projects":
        from projects.models import FundingLine

        return queryset.prefetch_related(
            "places",
            "target_groups",
            "themes",
            "key_figures",
            Prefetch("funding_lines", queryset=FundingLine.objects.all()),
        )
    return queryset.select_related("administrator")


def parse(values: list[str]) -> Comparison:
    """The entries an address asks for, with a message for anything that cannot be compared."""
    comparison = Comparison()
    wanted: list[tuple[str, str]] = []
    for raw in values[:50]:
        catalogue, _sep, slug = raw.partition(":")
        if (catalogue, slug) not in wanted and slug and len(raw) <= 200:
            wanted.append((catalogue, slug))
    comparison.requested = [f"{catalogue}:{slug}" for catalogue, slug in wanted]
    catalogues = {catalogue for catalogue, _slug in wanted}
    if len(catalogues) > 1:
        comparison.errors.append(
            _(
                "Entries of different catalogues cannot be compared: choose only projects or only instruments."
            )
        )
        return comparison
    if len(wanted) > MAX_ENTRIES:
        comparison.errors.append(
            _("At most four entries can be compared side by side; you chose %(count)d.")
            % {"count": len(wanted)}
        )
        return comparison
    if not wanted:
        return comparison
    catalogue = next(iter(catalogues))
    if catalogue not in ROWS:
        comparison.errors.append(_("This kind of entry cannot be compared."))
        return comparison
    comparison.catalogue = catalogue
    slugs = [slug for _catalogue, slug in wanted]
    found = {entry.slug: entry for entry in _queryset(catalogue).filter(slug__in=slugs)}
    comparison.entries = [found[slug] for slug in slugs if slug in found]
    missing = len(slugs) - len(comparison.entries)
    if missing:
        comparison.errors.append(
            ngettext(
                "%(count)d of the chosen entries was not found; it may have been removed.",
                "%(count)d of the chosen entries were not found; they may have been removed.",
                missing,
            )
            % {"count": missing}
        )
    if len(comparison.entries) < MIN_ENTRIES and not missing:
        comparison.errors.append(_("Choose at least two entries to compare."))
    comparison.rows = [
        Row(str(label), [getter(entry) for entry in comparison.entries])
        for label, getter in ROWS[catalogue]
    ]
    return comparison


@require_safe
def compare_page(request):
    comparison = parse(request.GET.getlist(PARAMETER))
    list_urls = [
        (entry.model._meta.verbose_name_plural, reverse(f"{entry.key}:list"))
        for entry in registry.catalogues()
        if entry.key in ROWS
    ]
    return render(
        request,
        "platform_site/compare.html",
        {"comparison": comparison, "list_urls": list_urls},
    )


@require_safe
def compare_export(request, fmt):
    if fmt != "csv":
        raise Http404
    comparison = parse(request.GET.getlist(PARAMETER))
    if not comparison.entries or comparison.errors and len(comparison.entries) < MIN_ENTRIES:
        raise Http404
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([""] + [neutralise(entry.title) for entry in comparison.entries])
    writer.writerow(
        [_("Address")]
        + [request.build_absolute_uri(entry.get_absolute_url()) for entry in comparison.entries]
    )
    for row in comparison.rows:
        writer.writerow([row.label] + [neutralise(value.text) for value in row.values])
    response = HttpResponse(
        ("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type=CONTENT_TYPES["csv"]
    )
    filename = f"compare-{comparison.catalogue}-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
