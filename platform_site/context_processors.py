from django.conf import settings
from django.urls import reverse, translate_url

from catalogue import registry

# Each language named in itself, for the language switcher.
LOCAL_NAMES = {"cs": "Česky", "en": "English"}


def _in_language(path: str, code: str) -> str:
    """The same page in another language, query string included.

    translate_url() only knows pages that resolve; for anything else (a 404)
    swap the language prefix so the switcher still stays on the same address.
    """
    translated = translate_url(path, code)
    if translated == path:
        for other, _name in settings.LANGUAGES:
            prefix = f"/{other}/"
            if other != code and path.startswith(prefix):
                return f"/{code}/" + path[len(prefix) :]
    return translated


def _nav_section(request) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    for catalogue in registry.catalogues():
        if catalogue.in_navigation and match.namespace == catalogue.key:
            return catalogue.key
    if match.url_name == "about":
        return "about"
    return ""


def site(request):
    """Language alternates of the current page and the site name, for the base template."""
    path = request.get_full_path()
    alternates = []
    for code, name in settings.LANGUAGES:
        alternates.append(
            {
                "code": code,
                "name": name,
                "local_name": LOCAL_NAMES.get(code, code),
                # The switcher keeps the query string; the hreflang alternate is the page itself.
                "url": request.build_absolute_uri(_in_language(path, code)),
                "page_url": request.build_absolute_uri(_in_language(request.path, code)),
            }
        )
    return {
        "site_name": settings.SITE_NAME,
        "language_alternates": alternates,
        "canonical_url": request.build_absolute_uri(request.path),
        "x_default_url": request.build_absolute_uri(
            _in_language(request.path, settings.LANGUAGE_CODE)
        ),
        "nav_section": _nav_section(request),
        "nav_catalogues": [
            {"key": c.key, "name": c.name, "url": reverse(c.list_url_name)}
            for c in registry.catalogues()
            if c.in_navigation
        ],
    }
