"""Django's PostgreSQL backend with client-side time limits (see platform_site.db.timeouts).

Settings keys beside the usual ones: CONNECT_TIMEOUT (seconds for connecting and for the
health check of a reused connection) and QUERY_TIMEOUT (seconds one wait for a query may
take; a little more than the server's statement_timeout).
"""

from django.db.backends.postgresql import base

from platform_site.db import timeouts


class DatabaseWrapper(base.DatabaseWrapper):
    def connect(self):
        timeouts.install(self.settings_dict.get("QUERY_TIMEOUT"))
        try:
            with timeouts.wait_limit(self.settings_dict.get("CONNECT_TIMEOUT")):
                super().connect()
        except Exception:
            # A connection that failed half-way (say, in its first SET) is closed already:
            # forget it, so that the next request connects afresh instead of failing on it.
            if self.connection is not None:
                try:
                    self.connection.close()
                except Exception:
                    pass
                self.connection = None
            raise

    def is_usable(self):
        with timeouts.wait_limit(self.settings_dict.get("CONNECT_TIMEOUT")):
            return super().is_usable()
