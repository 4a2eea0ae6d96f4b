"""Where an uploaded import file waits between its preview and its confirmation.

django-import-export keeps it in the local /tmp by default, which another app server
behind the load balancer cannot read. Here it waits in the shared cache (Redis in
production) for a limited time, so that any app server can confirm it and a file
nobody confirms goes away by itself.
"""

from django.conf import settings
from django.core.cache import cache
from import_export.tmp_storages import CacheStorage


class SharedImportStorage(CacheStorage):
    CACHE_PREFIX = "import-file-"

    @property
    def CACHE_LIFETIME(self):  # noqa: N802 (the name CacheStorage reads)
        return settings.IMPORT_FILE_LIFETIME

    def exists(self) -> bool:
        return bool(self.name) and cache.get(self.CACHE_PREFIX + self.name) is not None
