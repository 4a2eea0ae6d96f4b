"""Settings for the test suite: the development configuration with a fast password hasher."""

import os

os.environ.setdefault("DJANGO_DEBUG", "true")

from platform_site.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
