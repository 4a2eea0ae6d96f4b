"""The rows of instruments compared side by side (``Catalogue.compare_rows``)."""

from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalogue.comparison import Value, amount, choice, evidence, markdown, names
from catalogue.templatetags.platform import money, number


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


def rows() -> list:
    """The rows in the order the page shows them."""
    return [
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
        (gettext_lazy("Evidence level"), evidence),
        (gettext_lazy("Strengths"), lambda e: markdown(e, "strengths")),
        (gettext_lazy("Weaknesses"), lambda e: markdown(e, "weaknesses")),
    ]


def queryset(entries):
    return entries.select_related("administrator")
