from dataclasses import replace

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.utils import translation

# Pages outside the public site that ship inline scripts and styles of their own
# (the Django admin with its translation tabs, the API's interactive documentation).
LOOSER_POLICY_PREFIXES = ("/admin/", "/api/")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with a looser policy for the admin and the API documentation only."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(LOOSER_POLICY_PREFIXES):
            parts = replace(parts, config=settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"])
        return parts


class AdminInCzechMiddleware:
    """The admin speaks Czech to editors unless they chose English with the switch.

    LocaleMiddleware would follow the browser's Accept-Language; editors of a Czech
    platform get the Czech admin until they pick English (the choice is kept in the
    language cookie).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.path_info.startswith("/admin/")
            and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
        ):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
        return self.get_response(request)
