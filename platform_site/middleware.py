from dataclasses import replace

from csp.middleware import CSPMiddleware
from django.conf import settings

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
