"""The content version: one number that moves on whenever published content may change.

The page cache (``platform_site.pagecache``) moves it on after every save, deletion or
change of relations of a content model; whatever is cached under it (whole pages, the
sitemaps, facet counts) is stale from then on, without deleting anything.
"""

import time

from django.core.cache import cache

VERSION_KEY = "pagecache:version"


def content_version() -> int:
    """The current content version (nanoseconds since the epoch of the last change)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        version = time.time_ns()
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY, version)
    return version
