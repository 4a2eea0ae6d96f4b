"""PDF editions of pages, rendered by WeasyPrint.

WeasyPrint needs Pango and HarfBuzz from the system. A machine without them still
serves every HTML page; only a PDF link answers a page (HTTP 503) that says what
to install, and the PDF tests skip with the same reason.
"""

from __future__ import annotations

import functools
import hashlib
import logging

from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render

logger = logging.getLogger(__name__)

# The Debian packages WeasyPrint loads at run time (installed by .ci/run and the Dockerfile).
SYSTEM_PACKAGES = ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0")
# Tagged PDF with the document title and language, for screen readers.
PDF_VARIANT = "pdf/ua-1"
# A rendered PDF is kept this long unless its content changes first.
CACHE_SECONDS = 24 * 60 * 60


@functools.cache
def unavailable_reason() -> str:
    """Why PDFs cannot be rendered on this machine, or "" when they can."""
    try:
        import weasyprint  # noqa: F401  (loads Pango through ctypes on import)
    except (ImportError, OSError) as error:
        return f"WeasyPrint cannot load its system libraries ({error})."
    return ""


def install_hint() -> str:
    return "apt-get install " + " ".join(SYSTEM_PACKAGES)


def _no_fetching(weasyprint):
    """A URL fetcher that fetches nothing.

    Everything a PDF needs is in its HTML and its stylesheets: a URL found in content
    never makes the server request another host or read a file.
    """

    class NoFetching(weasyprint.URLFetcher):
        def fetch(self, url, headers=None):
            raise ValueError(f"PDF rendering does not fetch {url!r}")

    return NoFetching()


def render_pdf(html: str, *, stylesheets: tuple[str, ...] = (), base_url: str = "") -> bytes:
    """The PDF of an HTML document, styled by static stylesheets (paths under static/)."""
    import weasyprint

    css = [weasyprint.CSS(filename=finders.find(path)) for path in stylesheets]
    document = weasyprint.HTML(
        string=html, base_url=base_url or None, url_fetcher=_no_fetching(weasyprint)
    )
    return document.write_pdf(stylesheets=css, pdf_variant=PDF_VARIANT)


@functools.cache
def _stylesheet_digest(paths: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        with open(finders.find(path), "rb") as stylesheet:
            digest.update(stylesheet.read())
    return digest.hexdigest()


def cached_pdf(html: str, *, stylesheets: tuple[str, ...] = (), base_url: str = "") -> bytes:
    """The PDF of a document, rendered once for each version of its content.

    The key is a digest of the HTML and its stylesheets: publishing, changing or archiving
    anything the document shows changes the HTML, so the next request renders afresh.
    """
    digest = hashlib.sha256(html.encode())
    digest.update(_stylesheet_digest(tuple(stylesheets)).encode())
    key = f"pdf:{digest.hexdigest()}"
    content = cache.get(key)
    if content is None:
        content = render_pdf(html, stylesheets=stylesheets, base_url=base_url)
        cache.set(key, content, CACHE_SECONDS)
    return content


def pdf_unavailable_response(request, html_url: str = "") -> HttpResponse:
    """What a PDF link answers on a machine without the libraries: what to install, in both languages."""
    logger.warning("PDF requested but not available: %s", unavailable_reason())
    context = {"install_hint": install_hint(), "html_url": html_url}
    response = render(request, "platform_site/pdf_unavailable.html", context, status=503)
    response["Retry-After"] = "3600"
    return response


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
