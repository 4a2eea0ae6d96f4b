import ipaddress

from django.conf import settings
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle


def trusted_proxies() -> list:
    return [ipaddress.ip_network(item, strict=False) for item in settings.API_TRUSTED_PROXIES]


def _is_trusted(address: str, proxies) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in network for network in proxies)


def client_address(meta) -> str:
    """The address of the visitor, not of the proxy in front of the app server.

    X-Forwarded-For is believed only as far as it was written by a trusted proxy: walking
    from the right, each hop is skipped while it is one of ours, and the first address that
    is not is the client. Anyone may send the header, so from an untrusted peer it is ignored.
    """
    remote = meta.get("REMOTE_ADDR", "")
    proxies = trusted_proxies()
    if not proxies or not _is_trusted(remote, proxies):
        return remote
    hops = [hop.strip() for hop in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _is_trusted(hop, proxies):
            return hop
    return hops[0] if hops else remote


class ClientRateThrottle(AnonRateThrottle):
    """Requests per client address, counted in the shared cache (Redis in production).

    The API is anonymous, so every request is counted. The rate is read on each
    request rather than when the class is imported, so a deployment (or a test)
    can change it through the settings.
    """

    scope = "anon"

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_ident(self, request):
        return client_address(request.META)


def request_client_address(request) -> str:
    """The same client address for the login lockout as for the API throttle."""
    return client_address(request.META)
