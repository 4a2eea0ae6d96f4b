"""Settings for the test suite: the development configuration with a fast password hasher."""

import os

os.environ.setdefault("DJANGO_DEBUG", "true")

from platform_site.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Most tests log in with force_login (no request for django-axes, no second factor);
# the tests of the login lockout and of two-factor authentication switch them on.
AXES_ENABLED = False
TWO_FACTOR_REQUIRED = False
# Tests that exercise the page cache switch it on themselves.
PAGE_CACHE_SECONDS = 0

# A catalogue that exists only here: its registration alone gives it every shared page.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.toycatalogue"]  # noqa: F405
