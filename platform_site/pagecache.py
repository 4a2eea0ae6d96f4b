"""Whole-page cache for anonymous visitors, invalidated by a content version.

A public GET page asked by someone without a session is stored once per
language, path and query string, and served from the cache (Redis when
``REDIS_URL`` is set, local memory otherwise) until the content changes. Any
save, deletion or change of relations of a content model (an entry published,
changed or archived, an organisation renamed, a fixture loaded) moves the
content version on, so the next request builds the page afresh: a published
entry shows up at once. Editors (anyone with a session), pages that show
messages, pages that hand out a CSRF token, streamed responses (exports) and
anything but a plain 200 are never stored.

Browsers and a CDN in front revalidate with ``ETag`` and ``Last-Modified``
(``304 Not Modified`` when nothing changed); ``Cache-Control`` lets a CDN keep
a page for ``PAGE_CACHE_CDN_SECONDS`` and the ``Surrogate-Key`` header names
the content version, so a CDN can purge on publish (``CDN_PURGE_URL``).
"""

import hashlib
import logging
import time
import urllib.request

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language

from catalogue.content_version import VERSION_KEY, content_version

logger = logging.getLogger(__name__)

SURROGATE_KEY = "content"
# Paths whose answers are not pages for everyone (the admin, the API with its throttle, …).
EXCLUDED_PREFIXES = ("/admin/", "/api/", "/i18n/", "/healthz", "/static/")
# Models whose changes do not show on public pages.
IGNORED_APPS = {"sessions", "admin", "contenttypes", "auth"}
STORED_HEADERS = ("Content-Type", "Content-Language", "Content-Disposition", "Link")


def bump_content_version() -> None:
    """Content changed: every cached page (and the sitemaps) is stale from now on."""
    cache.set(VERSION_KEY, time.time_ns(), timeout=None)
    purge_cdn()


def purge_cdn() -> None:
    url = getattr(settings, "CDN_PURGE_URL", "")
    if not url:
        return
    request = urllib.request.Request(url, method="POST", headers={"Surrogate-Key": SURROGATE_KEY})
    try:
        urllib.request.urlopen(request, timeout=2).close()  # noqa: S310 - configured by the operator
    except OSError as error:
        logger.warning("CDN purge at %s failed: %s", url, error)


def content_changed(sender, raw=False, **kwargs) -> None:
    if sender._meta.app_label in IGNORED_APPS:
        return
    bump_content_version()
    # A request that reads between this change and its commit may cache the old page:
    # move the version on once more when the transaction commits.
    transaction.on_commit(bump_content_version)


def connect_signals() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(content_changed, dispatch_uid=f"pagecache-{signal}")


def _cacheable_request(request) -> bool:
    if not getattr(settings, "PAGE_CACHE_SECONDS", 0):
        return False
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path_info.startswith(EXCLUDED_PREFIXES):
        return False
    # Anyone signed in (editors previewing drafts) has a session; anonymous visitors have none.
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    return not len(messages.get_messages(request))


def _cache_key(request, version: int) -> str:
    address = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"page:{version}:{get_language()}:{address}"


def _cacheable_response(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Set-Cookie")
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def _validators(response, content: bytes, version: int) -> None:
    response["ETag"] = f'"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"'
    response["Last-Modified"] = http_date(version // 1_000_000_000)
    response["Surrogate-Key"] = SURROGATE_KEY
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        s_maxage=getattr(settings, "PAGE_CACHE_CDN_SECONDS", 0),
        must_revalidate=True,
    )


class AnonymousPageCacheMiddleware:
    """Serve anonymous GET pages from the cache; store the ones that may be shared."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES and not response.has_header(
                "Cache-Control"
            ):
                # What a signed-in editor sees (drafts) must never be kept by a shared cache.
                patch_cache_control(response, private=True)
            return response
        version = content_version()
        key = _cache_key(request, version)
        stored = cache.get(key)
        if stored is not None:
            response = HttpResponse(stored["content"], status=200)
            for name, value in stored["headers"]:
                response[name] = value
            _validators(response, stored["content"], version)
            response["X-Page-Cache"] = "hit"
            return get_conditional_response(
                request,
                etag=response["ETag"],
                last_modified=version // 1_000_000_000,
                response=response,
            )
        response = self.get_response(request)
        if not _cacheable_response(request, response):
            return response
        headers = [(name, response[name]) for name in STORED_HEADERS if response.has_header(name)]
        cache.set(
            key, {"content": response.content, "headers": headers}, settings.PAGE_CACHE_SECONDS
        )
        _validators(response, response.content, version)
        response["X-Page-Cache"] = "miss"
        return get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=version // 1_000_000_000,
            response=response,
        )
