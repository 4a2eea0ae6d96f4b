"""Reads from a read replica when one is configured, writes to the primary.

``DATABASE_REPLICA_URL`` names a streaming replica of ``DATABASE_URL``. Reads
go to it, except where they must see a write at once: in a request that has
written, and for a short while after a request that wrote (the replica lags
behind the primary by a moment), the same visitor reads from the primary. The
second case is marked with a cookie that lives ``DATABASE_REPLICA_PIN_SECONDS``.
Without a replica every query goes to the primary and nothing here has any
effect.
"""

from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
PIN_COOKIE = "pin_primary"
_pinned: ContextVar[bool] = ContextVar("pinned_to_primary", default=False)


def pin_to_primary() -> None:
    _pinned.set(True)


def pinned_to_primary() -> bool:
    return _pinned.get()


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        if REPLICA in settings.DATABASES and not _pinned.get():
            return REPLICA
        return "default"

    def db_for_write(self, model, **hints):
        _pinned.set(True)
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the same rows as the primary.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


class PinToPrimaryMiddleware:
    """Unsafe requests and the requests shortly after them read from the primary."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _pinned.set(
            request.method not in ("GET", "HEAD", "OPTIONS") or PIN_COOKIE in request.COOKIES
        )
        try:
            response = self.get_response(request)
            if _pinned.get() and request.method not in ("GET", "HEAD", "OPTIONS"):
                response.set_cookie(
                    PIN_COOKIE,
                    "1",
                    max_age=settings.DATABASE_REPLICA_PIN_SECONDS,
                    secure=request.is_secure(),
                    httponly=True,
                    samesite="Lax",
                )
            return response
        finally:
            _pinned.reset(token)
