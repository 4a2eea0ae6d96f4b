"""PDF editions of pages, rendered by WeasyPrint.

WeasyPrint needs Pango and HarfBuzz from the system. A machine without them still
serves every HTML page; only a PDF link answers a page (HTTP 503) that says what
to install, and the PDF tests skip with the same reason.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import socket
import threading
import time
from concurrent import futures
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.shortcuts import render

logger = logging.getLogger(__name__)

# The Debian packages WeasyPrint loads at run time (installed by .ci/run and the Dockerfile).
SYSTEM_PACKAGES = ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0")
# Tagged PDF with the document title and language, for screen readers.
PDF_VARIANT = "pdf/ua-1"
# A stored PDF nobody has asked for in this long is deleted (its content has changed since).
CACHE_SECONDS = 7 * 24 * 60 * 60
# A rendering lock older than this belongs to a rendering that will not finish.
STALE_LOCK_SECONDS = 30 * 60
# The page shown while a PDF is being rendered reloads itself this often.
PENDING_REFRESH_SECONDS = 5


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


def pdf_key(html: str, stylesheets: tuple[str, ...] = ()) -> str:
    """The content version of a document: a digest of its HTML and its stylesheets.

    Publishing, changing or archiving anything the document shows changes the HTML,
    so its next request asks for a PDF that was never rendered.
    """
    digest = hashlib.sha256(html.encode())
    digest.update(_stylesheet_digest(tuple(stylesheets)).encode())
    return digest.hexdigest()


# Rendered PDFs are files named by their content version, in a directory that every
# worker process of the server shares, so that a PDF rendered by one serves all.


def _store_dir() -> Path:
    directory = Path(settings.PDF_CACHE_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def _pdf_path(key: str) -> Path:
    return _store_dir() / f"{key}.pdf"


def stored_pdf(key: str) -> bytes | None:
    """The PDF of this content version if it was rendered already."""
    path = _pdf_path(key)
    try:
        content = path.read_bytes()
        os.utime(path)  # read now: kept for another CACHE_SECONDS
    except FileNotFoundError:
        return None
    return content


def _store(key: str, content: bytes) -> None:
    path = _pdf_path(key)
    partial = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.part")
    partial.write_bytes(content)
    os.replace(partial, path)  # atomic: a reader sees the whole file or none
    _forget_unused(path.parent)


def _forget_unused(directory: Path) -> None:
    """Delete the PDFs nobody asked for in CACHE_SECONDS (earlier versions of the content)."""
    cutoff = time.time() - CACHE_SECONDS
    for path in directory.glob("*.pdf"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
        except FileNotFoundError:
            pass


def cached_pdf(html: str, *, stylesheets: tuple[str, ...] = (), base_url: str = "") -> bytes:
    """The PDF of a document, rendered in this request once for each version of its content."""
    key = pdf_key(html, stylesheets)
    content = stored_pdf(key)
    if content is None:
        content = render_pdf(html, stylesheets=stylesheets, base_url=base_url)
        _store(key, content)
    return content


# Long documents (the full manual of a large catalogue) take longer to render than a
# request may last. A request that finds no stored PDF starts its rendering in a thread
# of its process and waits for it a few seconds; a PDF ready by then is the answer, else
# the visitor gets a page that reloads itself until the PDF is stored. A lock file per
# content version (holding the host name and process id) keeps the other processes from
# rendering the same document meanwhile; the lock of a process that has died, or that
# has held it longer than any rendering lasts, is taken over.

_renders: dict[str, Future] = {}
_renders_lock = threading.Lock()
_executor: ThreadPoolExecutor | None = None


def _render_executor() -> ThreadPoolExecutor:
    """One rendering at a time in each process: WeasyPrint is memory- and CPU-bound."""
    global _executor
    if _executor is None:
        _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pdf-render")
    return _executor


def _lock_path(key: str) -> Path:
    return _store_dir() / f"{key}.lock"


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _take_lock(key: str) -> bool:
    """Whether this process may render the document now (no live process is rendering it)."""
    path = _lock_path(key)
    for _attempt in range(2):
        try:
            descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            try:
                host, _space, pid = path.read_text().rpartition(" ")
                pid = int(pid or 0)
                age = time.time() - path.stat().st_mtime
            except (FileNotFoundError, ValueError):
                host, pid, age = "", 0, 0.0
            # A process of another server sharing the directory is taken to be alive.
            alive = host not in ("", socket.gethostname()) or _process_alive(pid)
            if pid and alive and age < STALE_LOCK_SECONDS:
                return False
            if not pid and age < 5:
                return False  # another process has just created it and is writing its id
            path.unlink(missing_ok=True)  # a dead process's lock
            continue
        with os.fdopen(descriptor, "w") as lock:
            lock.write(f"{socket.gethostname()} {os.getpid()}")
        return True
    return False


def _render_and_store(key: str, html: str, stylesheets: tuple[str, ...], base_url: str) -> None:
    try:
        _store(key, render_pdf(html, stylesheets=stylesheets, base_url=base_url))
    except Exception:
        logger.exception("Rendering the PDF %s failed", key)
        raise
    finally:
        _lock_path(key).unlink(missing_ok=True)
        with _renders_lock:
            _renders.pop(key, None)


def start_render(
    html: str, *, stylesheets: tuple[str, ...] = (), base_url: str = ""
) -> Future | None:
    """Render the document in the background unless it is stored or being rendered elsewhere.

    Returns the rendering of this process (to wait for), or None when there is nothing
    to wait for here: the PDF is stored, or another process is rendering it.
    """
    key = pdf_key(html, stylesheets)
    with _renders_lock:
        future = _renders.get(key)
        if future is not None:
            return future
        if _pdf_path(key).exists() or not _take_lock(key):
            return None
        future = _render_executor().submit(
            _render_and_store, key, html, tuple(stylesheets), base_url
        )
        _renders[key] = future
        return future


def pdf_or_start_render(
    html: str, *, stylesheets: tuple[str, ...] = (), base_url: str = ""
) -> bytes | None:
    """The stored PDF; else its rendering starts and, if it is done within
    ``PDF_RENDER_WAIT_SECONDS``, the new PDF; else None (answer ``pdf_pending_response``)."""
    key = pdf_key(html, stylesheets)
    content = stored_pdf(key)
    if content is not None:
        return content
    future = start_render(html, stylesheets=stylesheets, base_url=base_url)
    if future is not None:
        try:
            future.result(timeout=settings.PDF_RENDER_WAIT_SECONDS)
        except FutureTimeout:
            return None
    return stored_pdf(key)


def wait_for_renders(timeout: float | None = None) -> None:
    """Wait until this process's background renderings are finished (tests, commands)."""
    with _renders_lock:
        pending = list(_renders.values())
    futures.wait(pending, timeout=timeout)


def pdf_pending_response(request, html_url: str = "") -> HttpResponse:
    """The page a visitor sees while the PDF is being rendered: it reloads itself (meta refresh)."""
    context = {"html_url": html_url, "refresh_seconds": PENDING_REFRESH_SECONDS}
    response = render(request, "platform_site/pdf_pending.html", context, status=202)
    response["Retry-After"] = str(PENDING_REFRESH_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


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
