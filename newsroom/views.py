"""The editors' worklist: what is missing, what is stale, what waits for someone."""

import datetime

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.db.models import Q
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue.models import Status
from catalogue.registry import catalogues
from newsroom.completeness import all_catalogues
from suggestions.models import Suggestion

LONGEST_WAITING_SHOWN = 20


def unverified_statuses():
    """Entries with a call status nobody knows, or knew too long ago, per catalogue that has one."""
    months = settings.INSTRUMENT_STATUS_STALE_MONTHS
    stale_before = timezone.localdate() - datetime.timedelta(days=round(months * 30.44))
    result = []
    for entry in catalogues():
        fields = {field.name for field in entry.model._meta.get_fields()}
        if "call_status" not in fields:
            continue
        manager = entry.model.objects
        if hasattr(manager, "status_to_verify"):
            # The catalogue knows which of its entries have a call status at all.
            queryset = manager.status_to_verify(stale_before)
        else:
            unknown = Q(call_status="") | Q(call_status="unknown")
            if "status_verified_on" in fields:
                unknown |= Q(status_verified_on__isnull=True) | Q(
                    status_verified_on__lt=stale_before
                )
            queryset = manager.filter(unknown)
        queryset = queryset.exclude(status=Status.ARCHIVED)
        result.append(
            {
                "name": entry.model._meta.verbose_name_plural,
                "count": queryset.count(),
                "entries": list(queryset.order_by("slug")[:LONGEST_WAITING_SHOWN]),
            }
        )
    return result


def waiting_in_review():
    """Entries sent for review, those waiting longest first, across every catalogue."""
    waiting = []
    for entry in catalogues():
        waiting.extend(
            entry.model.objects.filter(status=Status.REVIEW).order_by("updated_at")[
                :LONGEST_WAITING_SHOWN
            ]
        )
    waiting.sort(key=lambda item: item.updated_at)
    return waiting[:LONGEST_WAITING_SHOWN]


@staff_member_required
def worklist(request):
    waiting_suggestions = Suggestion.objects.waiting()
    context = {
        **admin.site.each_context(request),
        "title": _("Editors' worklist"),
        "completeness": all_catalogues(),
        "unverified": unverified_statuses(),
        "stale_months": settings.INSTRUMENT_STATUS_STALE_MONTHS,
        "suggestion_count": waiting_suggestions.count(),
        "suggestions": list(waiting_suggestions[:LONGEST_WAITING_SHOWN]),
        "in_review": waiting_in_review(),
    }
    return TemplateResponse(request, "admin/newsroom/worklist.html", context)
