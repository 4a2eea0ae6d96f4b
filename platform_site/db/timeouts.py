"""Time limits on every wait for the database, enforced by the client.

A server that is frozen (stopped, its host unreachable without a reset) keeps the TCP
connection open and never answers; libpq would wait forever, and PostgreSQL's own
``statement_timeout`` cannot fire on a server that does not run. psycopg2 lets a wait
callback do the waiting instead: this one gives up after a limit, which closes the
connection and raises ``OperationalError``, so the page answers 503 instead of hanging.

Limits: connecting and the health check of a reused connection get the short connect
limit; a query gets the statement timeout plus a margin (the server cancels a slow query
itself first); ``time_limit()`` caps everything inside it (``/healthz``).
"""

import select
import threading
import time
from contextlib import contextmanager

import psycopg2
from psycopg2 import extensions

_state = threading.local()


# Seconds one wait for a query may take in any thread (set by install()).
_query_timeout = {"seconds": None}


def _limits():
    if not hasattr(_state, "wait"):
        _state.wait = _query_timeout["seconds"]  # seconds for one wait; None: no limit
        _state.deadline = None  # monotonic time everything must have finished by
    return _state


class DatabaseTimeout(psycopg2.OperationalError):
    pass


def wait_with_timeout(conn):
    """psycopg2 wait callback: poll the connection, never longer than the limits allow."""
    limits = _limits()
    while True:
        state = conn.poll()
        if state == extensions.POLL_OK:
            return
        timeout = limits.wait
        if limits.deadline is not None:
            remaining = max(0.0, limits.deadline - time.monotonic())
            timeout = remaining if timeout is None else min(timeout, remaining)
        if state == extensions.POLL_READ:
            ready = select.select([conn.fileno()], [], [], timeout)[0]
        elif state == extensions.POLL_WRITE:
            ready = select.select([], [conn.fileno()], [], timeout)[1]
        else:
            raise psycopg2.OperationalError(f"unexpected poll state {state!r}")
        if not ready:
            raise DatabaseTimeout(f"the database did not answer within {timeout:.1f} s")


@contextmanager
def wait_limit(seconds):
    """Every single wait for the database inside takes at most this long."""
    limits = _limits()
    previous, limits.wait = limits.wait, seconds
    try:
        yield
    finally:
        limits.wait = previous


@contextmanager
def time_limit(seconds):
    """Everything the database does inside finishes within this many seconds (or fails)."""
    limits = _limits()
    previous = limits.deadline
    deadline = time.monotonic() + seconds
    limits.deadline = deadline if previous is None else min(previous, deadline)
    try:
        yield
    finally:
        limits.deadline = previous


def install(query_timeout):
    """Use the wait callback for every connection of this process; queries get query_timeout."""
    if _query_timeout["seconds"] != query_timeout:
        _query_timeout["seconds"] = query_timeout
        _state.__dict__.clear()
    if extensions.get_wait_callback() is not wait_with_timeout:
        extensions.set_wait_callback(wait_with_timeout)
