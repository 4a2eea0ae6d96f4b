"""Shared fixtures: named users and the seed content."""

import pytest
from django.contrib.auth import get_user_model


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def staff_user(db):
    return get_user_model().objects.create_user("staff", password="staff-pass", is_staff=True)
