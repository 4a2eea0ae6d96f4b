from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle


class ClientRateThrottle(AnonRateThrottle):
    """Requests per client address, counted in the shared cache (Redis in production).

    The API is anonymous, so every request is counted. The rate is read on each
    request rather than when the class is imported, so a deployment (or a test)
    can change it through the settings.
    """

    scope = "anon"

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
