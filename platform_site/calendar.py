"""The calls calendar: upcoming and recent deadlines and planned calls, and their iCal feed.

Both read the instrument list's own state (the catalogue registered as providing "funding"), so the
calendar of a filtered list, or of a finder answer, holds exactly that list's deadlines.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from itertools import groupby

from django.conf import settings
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_GET
from icalendar import Calendar, Event

from catalogue import registry
from catalogue.listing import list_state
from instruments.eligibility import status_phrase, who_may_apply
from instruments.models import CallStatus, financial

# How far back the page shows deadlines that have passed.
RECENT_DAYS = 92
# At most this many events in the page's lists and in a feed.
CALENDAR_LIMIT = 200


def deadlines(state):
    """The rows of the list that have a deadline, soonest first (the iCal events)."""
    return (
        state.queryset.filter(next_deadline__isnull=False)
        .order_by("next_deadline", "slug")
        .select_related(None)
        .prefetch_related(None)[:CALENDAR_LIMIT]
    )


@dataclass
class Month:
    label: str
    entries: list


def _months(entries) -> list[Month]:
    return [
        Month(date_format(first_day, "YEAR_MONTH_FORMAT"), list(rows))
        for first_day, rows in groupby(entries, key=lambda e: e.next_deadline.replace(day=1))
    ]


@require_GET
def calendar_page(request):
    state = list_state(request, registry.provider("funding").key)
    today = timezone.localdate()
    dated = state.queryset.filter(next_deadline__isnull=False).select_related(None)
    upcoming = list(
        dated.filter(next_deadline__gte=today).order_by("next_deadline", "slug")[:CALENDAR_LIMIT]
    )
    recent = list(
        dated.filter(
            next_deadline__lt=today, next_deadline__gte=today - datetime.timedelta(days=RECENT_DAYS)
        ).order_by("-next_deadline", "slug")[:CALENDAR_LIMIT]
    )
    planned = list(
        state.queryset.filter(
            financial() & Q(call_status=CallStatus.PLANNED, next_deadline__isnull=True)
        )
        .select_related(None)
        .order_by("slug")[:CALENDAR_LIMIT]
    )
    for entry in [*upcoming, *recent, *planned]:
        entry.calendar_note = " · ".join(
            part for part in (status_phrase(entry), who_may_apply(entry)) if part
        )
    context = {
        "state": state,
        "upcoming": _months(upcoming),
        "recent": recent,
        "planned": planned,
        "today": today,
        "feed_url": state.feed_url,
        "ical_url": state.ical_url,
    }
    return render(request, "platform_site/calendar.html", context)


def _calendar_name(state) -> str:
    label = gettext("deadlines of calls")
    name = f"{settings.SITE_NAME}: {label}"
    filtered = gettext("filtered")
    return f"{name} ({filtered})" if state.querystring else name


@require_GET
def deadlines_ical(request):
    """RFC 5545 calendar of the deadlines of the filtered instrument list, one all-day event each."""
    state = list_state(request, registry.provider("funding").key, with_facets=False)
    host = request.get_host().split(":")[0] or "localhost"
    now = timezone.now()
    calendar = Calendar()
    calendar.add("prodid", f"-//{host}//{settings.SITE_NAME}//{get_language().upper()}")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _calendar_name(state))
    for entry in deadlines(state):
        url = request.build_absolute_uri(entry.get_absolute_url())
        event = Event()
        event.add("uid", f"{entry.slug}-{entry.next_deadline:%Y%m%d}@{host}")
        event.add("dtstamp", now)
        event.add("dtstart", entry.next_deadline)
        event.add("dtend", entry.next_deadline + datetime.timedelta(days=1))
        event.add("summary", gettext("Deadline: %(title)s") % {"title": entry.title})
        note = " · ".join(part for part in (status_phrase(entry), who_may_apply(entry)) if part)
        event.add("description", f"{note}\n{url}" if note else url)
        event.add("url", url)
        if entry.updated_at:
            event.add("last-modified", entry.updated_at)
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="deadlines.ics"'
    return response


def ical_url(querystring: str = "") -> str:
    url = reverse("calendar-ical")
    return f"{url}?{querystring}" if querystring else url
