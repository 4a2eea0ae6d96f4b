"""The Docker image's exact gunicorn command serves the site over real HTTP (Docker cannot run here)."""

import json
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from tests.factories import BASE_DIR, manage, production_env

# The only host name the server accepts, as in production behind a load balancer.
PUBLIC_HOST = "integrace.example.cz"


def dockerfile_command() -> list[str]:
    """The CMD of the Dockerfile, in its exec (JSON) form."""
    text = (BASE_DIR / "Dockerfile").read_text()
    match = re.search(r"^CMD (\[.*\])\s*$", text, re.MULTILINE)
    assert match, "the Dockerfile should end with an exec-form CMD"
    return json.loads(match.group(1))


def healthcheck_command() -> list[str]:
    """The HEALTHCHECK's command of the Dockerfile, in its exec (JSON) form."""
    text = (BASE_DIR / "Dockerfile").read_text()
    match = re.search(r"^HEALTHCHECK [^\n]*\\\n\s*CMD (\[.*\])\s*$", text, re.MULTILINE)
    assert match, "the Dockerfile should have an exec-form HEALTHCHECK"
    return json.loads(match.group(1))


def database_url() -> str:
    """The URL of the test database this test run uses (server or embedded socket)."""
    db = connection.settings_dict
    host = quote(db["HOST"] or "", safe="")
    user = quote(db["USER"] or "", safe="")
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{user}{password}@{host}{port}/{db['NAME']}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url: str, headers: dict | None = None):
    """(status, headers, body) of one request, redirects not followed."""
    request = urllib.request.Request(url, headers={"Host": PUBLIC_HOST, **(headers or {})})
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.fixture
def gunicorn_server(db, tmp_path):
    static_root = tmp_path / "static"
    env = production_env(
        DATABASE_URL=database_url(),
        DJANGO_ALLOWED_HOSTS=PUBLIC_HOST,
        DJANGO_STATIC_ROOT=str(static_root),
    )
    collected = manage("collectstatic", "--noinput", "--verbosity", "0", env=env)
    assert collected.returncode == 0, collected.stderr
    port = free_port()
    env.update({"PORT": str(port), "WEB_CONCURRENCY": "1"})
    command = dockerfile_command()
    command[0] = str(Path(sys.executable).parent / command[0])
    log = (tmp_path / "gunicorn.log").open("w")
    process = subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):  # wait for the server to accept connections
            if process.poll() is not None:
                break
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.1)
        assert process.poll() is None, (tmp_path / "gunicorn.log").read_text()
        # The master accepts connections before its worker has loaded the site: wait for
        # the worker's first answer, so that the tests measure the site, not its start-up.
        for _ in range(60):
            try:
                fetch(f"{base}/healthz")
                break
            except OSError:
                time.sleep(0.5)
        yield base, env
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def test_dockerfile_runs_gunicorn_serving_the_wsgi_application():
    command = dockerfile_command()
    assert command[0] == "gunicorn"
    assert "platform_site.wsgi:application" in command
    # Which proxies gunicorn believes comes from FORWARDED_ALLOW_IPS, never a wildcard.
    assert "--forwarded-allow-ips" not in command and "*" not in command
    text = (BASE_DIR / "Dockerfile").read_text()
    assert "FORWARDED_ALLOW_IPS=127.0.0.1" in text
    assert "HEALTHCHECK" in text and "/healthz" in text
    assert re.search(r"^USER app$", text, re.MULTILINE)
    assert "collectstatic" in text and "compile_catalogues" in text


def test_gunicorn_serves_healthz_over_plain_http_and_pages_over_https(gunicorn_server):
    gunicorn_server, env = gunicorn_server
    status, _headers, body = fetch(f"{gunicorn_server}/healthz")
    assert status == 200, body
    assert json.loads(body)["status"] == "ok"

    status, headers, _body = fetch(f"{gunicorn_server}/cs/")
    assert status == 301 and headers["Location"].startswith("https://")

    https = {"X-Forwarded-Proto": "https"}
    status, headers, html = fetch(f"{gunicorn_server}/cs/", https)
    assert status == 200
    assert '<html lang="cs"' in html
    assert "max-age=" in headers["Strict-Transport-Security"]
    assert headers["X-Frame-Options"] == "DENY"
    assert "unsafe-inline" not in headers["Content-Security-Policy"]

    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]+\.css)"', html)
    assert stylesheet, "pages should link the hashed stylesheet"
    status, headers, _css = fetch(f"{gunicorn_server}{stylesheet.group(1)}", https)
    assert status == 200
    assert "immutable" in headers["Cache-Control"]

    status, _headers, html = fetch(f"{gunicorn_server}/en/no-such-page/", https)
    assert status == 404
    assert "Page not found" in html


def test_the_image_health_check_passes_against_the_running_server(gunicorn_server):
    _base, env = gunicorn_server
    command = healthcheck_command()
    assert command[0] == "python"
    result = subprocess.run(
        [sys.executable, *command[1:]], env=env, capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 0, result.stderr
