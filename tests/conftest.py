"""Shared fixtures: named users and the seed content."""

import pytest
from django.contrib.auth import get_user_model


@pytest.fixture
def staff_user(db):
    return get_user_model().objects.create_user("staff", password="staff-pass", is_staff=True)
