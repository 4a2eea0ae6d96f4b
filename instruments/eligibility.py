"""Who may use an instrument and whether one can apply, in a few words of the page language.

Shared by the finder, the strategy steps and the calendar, so that an instrument is
described the same way everywhere and never as open unless its call is known to be.
"""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from instruments.models import CallStatus

# The applicant kinds in the plural, as a sentence names them ("municipalities may apply").
APPLICANTS_PLURAL = {
    "municipality": _("municipalities"),
    "region": _("regions"),
    "city_district": _("city districts"),
    "ngo": _("non-governmental organisations"),
    "school": _("schools"),
    "employer": _("employers"),
    "university": _("universities and research institutes"),
    "state": _("state bodies"),
    "individual": _("individuals (foreign nationals)"),
}


def join_names(names) -> str:
    names = [str(name) for name in names]
    if len(names) <= 1:
        return "".join(names)
    return gettext("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def applicants_phrase(values) -> str:
    """ "municipalities, city districts and non-governmental organisations"."""
    return join_names(APPLICANTS_PLURAL.get(value, value) for value in values)


def who_may_apply(instrument) -> str:
    """ "Only non-governmental organisations may apply", or "" when anyone listed is fine to say."""
    applicants = list(instrument.eligible_applicants)
    if not applicants:
        return ""
    return gettext("Only %(applicants)s may apply") % {"applicants": applicants_phrase(applicants)}


def _short(day) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def status_phrase(instrument) -> str:
    """The call status in a few words: "call open until 15. 3. 2027", "ended 2013", "status unknown …"."""
    status = instrument.effective_call_status
    deadline = instrument.next_deadline
    year = timezone.localdate().year
    if status == CallStatus.ENDED or (instrument.valid_to and instrument.valid_to < year):
        if instrument.valid_to:
            return gettext("ended %(year)s") % {"year": instrument.valid_to}
        return gettext("ended")
    if status == CallStatus.OPEN:
        if deadline:
            return gettext("call open until %(date)s") % {"date": _short(deadline)}
        return gettext("call open")
    if status == CallStatus.PLANNED:
        if deadline:
            return gettext("call planned, deadline %(date)s") % {"date": _short(deadline)}
        return gettext("call planned")
    if status == CallStatus.CLOSED:
        return gettext("call closed")
    if status == CallStatus.UNKNOWN:
        return gettext("status unknown – verify before applying")
    if status == CallStatus.PERMANENT and instrument.is_financial:
        return gettext("applications accepted continuously")
    return ""


def applicability(instrument) -> str:
    """Who may apply and the status, for a strategy step: "only NGOs may apply · ended 2013"."""
    parts = []
    if instrument.eligible_applicants:
        parts.append(
            gettext("who may apply: %(applicants)s")
            % {"applicants": applicants_phrase(instrument.eligible_applicants)}
        )
    status = status_phrase(instrument)
    if status:
        parts.append(status)
    return " · ".join(parts)
