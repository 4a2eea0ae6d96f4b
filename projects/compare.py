"""The rows of projects compared side by side (``Catalogue.compare_rows``)."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalogue.comparison import Value, evidence, markdown, names
from catalogue.templatetags.platform import money, number
from projects.models import FundingLine
from projects.what_worked import cost_per_participant, funding_totals


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


def rows() -> list:
    """The rows in the order the page shows them."""
    return [
        (gettext_lazy("Places"), lambda e: names(e.places.all())),
        (gettext_lazy("Years"), _years),
        (gettext_lazy("Target groups"), lambda e: names(e.target_groups.all())),
        (gettext_lazy("Themes"), lambda e: names(e.themes.all())),
        (gettext_lazy("Reach"), _reach),
        (gettext_lazy("Funding"), _funding),
        (gettext_lazy("Evidence level"), evidence),
        (gettext_lazy("Results and outputs"), lambda e: markdown(e, "results")),
        (gettext_lazy("Lessons and transferability"), lambda e: markdown(e, "lessons")),
    ]


def queryset(entries):
    return entries.prefetch_related(
        "places",
        "target_groups",
        "themes",
        "key_figures",
        Prefetch("funding_lines", queryset=FundingLine.objects.all()),
    )
