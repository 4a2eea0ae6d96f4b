from dataclasses import replace

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_cache_control

# The Django admin ships inline scripts and styles of its own (its translation tabs too).
LOOSER_POLICY_PREFIXES = ("/admin/",)
# The API serves JSON only: nothing in it may load, run or be framed.
API_PREFIX = "/api/"
API_POLICY = {
    "default-src": ["'none'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'none'"],
}


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with a looser policy for the admin and a stricter one for the API."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        if request.path_info.startswith(LOOSER_POLICY_PREFIXES):
            parts = replace(parts, config=settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"])
        elif request.path_info.startswith(API_PREFIX):
            parts = replace(parts, config=API_POLICY)
        return parts


class ResponseHeadersMiddleware:
    """Headers every response carries, and who may keep a copy of it.

    - Permissions-Policy: the site uses no camera, microphone, location and the like;
    - Cross-Origin-Resource-Policy: pages stay on this site; the open API and the
      downloads (exports, citations) may be read from anywhere;
    - Cache-Control: the admin is never stored; a page served to a signed-in member of
      staff (a preview, say) only by their own browser; a download for a short while.
    """

    DOWNLOAD_MAX_AGE = 300

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        path = request.path_info
        download = "attachment" in response.get("Content-Disposition", "")
        response.headers.setdefault(
            "Cross-Origin-Resource-Policy",
            "cross-origin" if path.startswith(API_PREFIX) or download else "same-origin",
        )
        user = getattr(request, "user", None)
        if path.startswith("/admin/"):
            patch_cache_control(response, no_store=True, private=True)
        elif user is not None and user.is_authenticated and user.is_staff:
            patch_cache_control(response, private=True)
        elif download and not response.has_header("Cache-Control"):
            patch_cache_control(response, public=True, max_age=self.DOWNLOAD_MAX_AGE)
        return response


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
