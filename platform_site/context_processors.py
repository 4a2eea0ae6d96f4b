from django.conf import settings
from django.urls import translate_url


def site(request):
    """Language alternates of the current page and the site name, for the base template."""
    path = request.get_full_path()
    alternates = []
    for code, name in settings.LANGUAGES:
        alternates.append(
            {
                "code": code,
                "name": name,
                "url": request.build_absolute_uri(translate_url(path, code)),
            }
        )
    return {
        "site_name": settings.SITE_NAME,
        "language_alternates": alternates,
        "canonical_url": request.build_absolute_uri(request.path),
        "x_default_url": request.build_absolute_uri(translate_url(request.path, settings.LANGUAGE_CODE)),
    }
