"""A database that stops answering gets a quick 503, never a hanging page or an HTML API error."""

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]

# The real WSGI handler (not the test client, which keeps connections across requests
# where a server would check or close them).
SCRIPT = """
import json, sys, django
django.setup()
from django.core.handlers.wsgi import WSGIHandler
from django.test import RequestFactory

application = WSGIHandler()


def get(url):
    environ = RequestFactory()._base_environ(PATH_INFO=url, HTTP_X_FORWARDED_PROTO="https")
    answer = {}
    def start_response(status, headers):
        answer.update(status=int(status.split()[0]), headers=dict(headers))
    response = application(environ, start_response)
    body = b"".join(response).decode()
    response.close()
    return answer["status"], answer["headers"].get("Content-Type", ""), body


print(get("/healthz")[0], flush=True)
sys.stdin.readline()  # the database is frozen now
answers = {url: get(url) for url in ("/healthz", "/cs/", "/en/projects/", "/api/v1/themes/")}
print(json.dumps(answers), flush=True)
sys.stdin.readline()  # the database answers again
print(get("/healthz")[0], flush=True)
"""


def production_env(**overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="platform_site.settings",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="test-only-" + "x" * 50,
        DJANGO_ALLOWED_HOSTS="testserver",
        PYTHONPATH=str(BASE_DIR),
        **overrides,
    )
    return env


def processes_of(postmaster_pid: int) -> list[int]:
    """The postmaster and its children (the backends, the background workers)."""
    pids = [postmaster_pid]
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == postmaster_pid:
            pids.append(int(stat.parent.name))
    return pids


@pytest.fixture
def own_database(tmp_path):
    """A PostgreSQL server of this test alone, so that freezing it harms nobody else."""
    pgserver = pytest.importorskip("pgserver")
    os.environ.setdefault("XDG_RUNTIME_DIR", "/tmp")
    server = pgserver.get_server(tmp_path / "pgdata", cleanup_mode="stop")
    server.psql("CREATE DATABASE frozen;")
    yield server
    server.cleanup()


def test_frozen_database_answers_503_for_pages_api_and_healthz(own_database, tmp_path):
    log = (tmp_path / "stderr.log").open("w+")
    process = subprocess.Popen(
        [sys.executable, "-c", SCRIPT],
        cwd=BASE_DIR,
        env=production_env(
            DATABASE_URL=own_database.get_uri("frozen"), DATABASE_CONNECT_TIMEOUT="1"
        ),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
    )
    # Without time limits a request would wait for the stopped server forever: give up.
    watchdog = threading.Timer(90, process.kill)
    watchdog.start()
    frozen = []
    try:
        assert process.stdout.readline().strip() == "200"  # a connection is open and kept
        frozen = processes_of(own_database.get_pid())
        for pid in frozen:
            os.kill(pid, signal.SIGSTOP)
        process.stdin.write("frozen\n")
        process.stdin.flush()
        answers = json.loads(process.stdout.readline())
    finally:
        for pid in frozen:
            os.kill(pid, signal.SIGCONT)
    try:
        # Once the server runs again, so does the site: no broken connection is kept.
        output, _errors = process.communicate("thawed\n", timeout=90)
    finally:
        watchdog.cancel()
        if process.poll() is None:
            process.kill()
    log.seek(0)
    assert output.strip() == "200", log.read()[-3000:]

    status, content_type, body = answers["/healthz"]
    assert (status, json.loads(body)["status"]) == (503, "error")

    for page in ("/cs/", "/en/projects/"):
        status, content_type, body = answers[page]
        assert status == 503 and content_type.startswith("text/html")
        assert "Služba je dočasně nedostupná" in body
        assert "The service is temporarily unavailable" in body
        assert "Traceback" not in body and "psycopg2" not in body

    status, content_type, body = answers["/api/v1/themes/"]
    assert status == 503 and content_type == "application/json"
    assert "temporarily unavailable" in json.loads(body)["detail"]
