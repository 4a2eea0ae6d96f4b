"""/healthz tells a load balancer or container runtime whether the site can serve pages."""

import subprocess
import sys

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper

from tests.factories import production_env


@pytest.mark.django_db
def test_healthz_is_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_is_503_when_the_database_is_unreachable(client, monkeypatch):
    def unreachable(self, *args, **kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(BaseDatabaseWrapper, "cursor", unreachable)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "error"
    assert "could not connect" not in response.content.decode()


def test_healthz_is_503_with_a_database_that_does_not_exist(tmp_path):
    """A real process whose DATABASE_URL points nowhere: nothing is listening on port 9."""
    script = (
        "import django; django.setup()\n"
        "from django.test import Client\n"
        "response = Client().get('/healthz', headers={'x-forwarded-proto': 'https'})\n"
        "print(response.status_code, response.content.decode())\n"
    )
    env = production_env(
        DATABASE_URL="postgres://nobody@127.0.0.1:9/nothing", DJANGO_ALLOWED_HOSTS="testserver"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("503 "), result.stdout
