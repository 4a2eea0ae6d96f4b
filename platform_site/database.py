"""Database configuration: DATABASE_URL when given, otherwise an embedded PostgreSQL.

The embedded server comes from the ``pgserver`` package and keeps its data in
``.data/pgdata`` inside the project. It is started on first use and shared by
every process of the project; pgserver stops it when the last of them exits.
"""

from pathlib import Path

import dj_database_url

EMBEDDED_DATA_DIR = Path(__file__).resolve().parent.parent / ".data" / "pgdata"
EMBEDDED_DB_NAME = "platform"


# The backend: Django's PostgreSQL backend with client-side time limits.
ENGINE = "platform_site.db"
# Seconds the client waits beyond the server's statement_timeout before it gives up itself.
QUERY_TIMEOUT_MARGIN = 5


def database_config(url: str, connect_timeout: int = 3, statement_timeout: int = 30) -> dict:
    """Settings of the default database; both timeouts in seconds (0: no limit)."""
    if url:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    else:
        config = dj_database_url.parse(embedded_database_url())
        # pgserver names its socket directory in the query string (?host=…); keep it
        # in HOST, where Django and anything that rebuilds a URL from the settings look.
        config["HOST"] = config.pop("OPTIONS", {}).get("host", "")
    config.setdefault("TEST", {})
    config["ENGINE"] = ENGINE
    options = config.setdefault("OPTIONS", {})
    if connect_timeout:
        options["connect_timeout"] = connect_timeout
        config["CONNECT_TIMEOUT"] = connect_timeout
    # No JIT compilation: the site's queries read tens of thousands of rows at most, and
    # compiling one (a list's facet counts: 150 ms) takes longer than it saves.
    server_options = ["-c jit=off"]
    if statement_timeout:
        # The server cancels a query that runs too long; the client stops waiting a little later.
        server_options.append(f"-c statement_timeout={statement_timeout * 1000}")
        config["QUERY_TIMEOUT"] = statement_timeout + QUERY_TIMEOUT_MARGIN
    options["options"] = " ".join(server_options)
    return config


def embedded_database_url() -> str:
    import os
    import warnings

    # platformdirs warns when XDG_RUNTIME_DIR is unset (containers, CI); pgserver copes.
    os.environ.setdefault("XDG_RUNTIME_DIR", "/tmp")
    warnings.filterwarnings("ignore", module="platformdirs")
    import pgserver  # imported lazily: production never needs it

    EMBEDDED_DATA_DIR.parent.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(EMBEDDED_DATA_DIR, cleanup_mode="stop")
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{EMBEDDED_DB_NAME}';")
    if "(1 row)" not in exists:
        server.psql(f"CREATE DATABASE {EMBEDDED_DB_NAME};")
    # Keep a reference so the server is not cleaned up while this process lives.
    _servers.append(server)
    return server.get_uri(EMBEDDED_DB_NAME)


_servers: list = []
