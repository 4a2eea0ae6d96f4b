import datetime
import sys
from urllib.parse import urlencode

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection
from django.db.models import Count, F, Window
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from catalogue import registry
from catalogue.languages import fallback_language
from catalogue.listing import EXPORT_FORMATS
from catalogue.registry import catalogues, resolve
from catalogue.search import clean_query, run_search, search_prefetch, search_result
from platform_site.db import timeouts

HOME_RECENT_ENTRIES = 6
SEARCH_RESULTS_PER_GROUP = 20
# Entries loaded without a publication date go last, not first (PostgreSQL sorts NULL first in DESC).
NEWEST_FIRST = F("published_at").desc(nulls_last=True)
# Seconds /healthz may take (the container's check gives up after 4).
HEALTHZ_TIME_LIMIT = 2.5
SERVICE_UNAVAILABLE_RETRY_AFTER = 30


def _mark_fallback(entries, language):
    """Label each entry with its kind and flag those shown in Czech on a page in another
    language (their text then carries lang="cs")."""
    for entry in entries:
        entry.kind_label = entry._meta.verbose_name
        entry.fallback_lang = fallback_language(entry, "title", language) or ""
    return entries


@require_safe
def home(request):
    language = get_language()
    catalogue_counts = []
    recent = []
    # What a catalogue adds of its own (the scenarios of the strategies, good practice).
    extra = {}
    for catalogue in catalogues():
        published = catalogue.model.objects.published()
        catalogue_counts.append(
            {
                "key": catalogue.key,
                "name": catalogue.model._meta.verbose_name_plural,
                "tagline": catalogue.phrase("tagline"),
                "count": published.count(),
                "url": reverse(catalogue.list_url_name),
            }
        )
        recent.extend(published.order_by(NEWEST_FIRST, "pk")[:HOME_RECENT_ENTRIES])
        if catalogue.home_context:
            extra.update(resolve(catalogue.home_context)())
    recent.sort(
        key=lambda entry: entry.published_at.timestamp() if entry.published_at else 0, reverse=True
    )
    context = {
        "catalogue_counts": catalogue_counts,
        "recent": _mark_fallback(recent[:HOME_RECENT_ENTRIES], language),
        **extra,
    }
    return render(request, "platform_site/home.html", context)


@require_safe
def about(request):
    return render(request, "platform_site/about.html")


# When the accessibility statement was prepared and last reviewed (Act No. 99/2019 Coll.).
ACCESSIBILITY_STATEMENT_DATE = datetime.date(2026, 11, 22)


@require_safe
def accessibility(request):
    context = {
        "statement_date": ACCESSIBILITY_STATEMENT_DATE,
        "contact_email": settings.CONTACT_EMAIL,
    }
    return render(request, "platform_site/accessibility.html", context)


@require_safe
def search(request):
    query = clean_query(request.GET.get("q", ""))
    # "Search for what I typed" after a correction.
    as_typed = request.GET.get("as_typed") == "1"
    language = get_language()
    groups = []
    total = 0
    outcome = None
    if query:
        found = run_search(query, correct=not as_typed)
        outcome = found.outcome
        for key, queryset in found.querysets.items():
            model = queryset.model
            entries = list(
                queryset.prefetch_related(*search_prefetch(model)).annotate(
                    total=Window(Count("pk"))
                )[:SEARCH_RESULTS_PER_GROUP]
            )
            count = entries[0].total if entries else 0
            total += count
            groups.append(
                {
                    "key": key,
                    "name": model._meta.verbose_name_plural,
                    "count": count,
                    "partial": key in found.partial_keys,
                    "results": [
                        search_result(entry, outcome.analysis, language) for entry in entries
                    ],
                    "more_url": f"{reverse(f'{key}:list')}?{urlencode({'q': outcome.searched})}",
                }
            )
    partial = (
        bool(groups)
        and all(g["partial"] or not g["count"] for g in groups)
        and any(g["partial"] for g in groups)
    )
    context = {
        "query": query,
        "groups": groups,
        "total": total,
        "searched": bool(query),
        "outcome": outcome,
        "partial": partial,
        "as_typed_url": f"?{urlencode({'q': query, 'as_typed': 1})}",
        "export_formats": [fmt for fmt, _label in EXPORT_FORMATS],
        "export_query": urlencode({"q": query, **({"as_typed": 1} if as_typed else {})}),
    }
    return render(request, "platform_site/search.html", context)


@never_cache
@require_safe
def healthz(request):
    try:
        # Answer within the health check's own limit, whatever the database does.
        with timeouts.time_limit(HEALTHZ_TIME_LIMIT):
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
    except Exception:  # any database failure means "unhealthy"
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /i18n/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def database_unavailable(exception) -> bool:
    """The error is the database not answering (down, frozen, timed out), not a bug."""
    return isinstance(exception, (OperationalError, InterfaceError))


def service_unavailable(request):
    """503 while the database cannot be reached: JSON for the API, a bilingual page otherwise."""
    if request.path_info.startswith("/api/"):
        response = JsonResponse(
            {"detail": "The service is temporarily unavailable. Please try again in a moment."},
            status=503,
        )
    else:
        # Static, like the 500 page: rendering must not need the database that just failed.
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(SERVICE_UNAVAILABLE_RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request):
    if database_unavailable(sys.exc_info()[1]):
        return service_unavailable(request)
    # A static page without the request context: nothing that could fail again, nothing internal.
    return HttpResponseServerError(loader.get_template("500.html").render())


@require_safe
def methodology(request):
    from catalogue.models import EVIDENCE_LEVEL_EXPLANATIONS, EvidenceLevel

    GoodPracticeCriterion = registry.model("good_practice_criterion")
    context = {
        "evidence_levels": [
            (level, label, EVIDENCE_LEVEL_EXPLANATIONS[level])
            for level, label in EvidenceLevel.choices
        ],
        "criteria": GoodPracticeCriterion.objects.all(),
        "coverage_url": reverse("coverage"),
    }
    return render(request, "platform_site/methodology.html", context)
