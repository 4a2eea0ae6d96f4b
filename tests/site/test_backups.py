"""Backups: pg_dump/pg_restore bring back every entry, history version and user; dumpdata works."""

import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import psycopg2
import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection

from catalogue.models import Status
from projects.models import Partnership, Project
from tests.factories import make_organisation, make_project


def _client_for(tool: str, server_major: int) -> str | None:
    """A pg_dump/pg_restore of the server's major version: on PATH, Debian's, or pgserver's."""
    candidates = [shutil.which(tool), f"/usr/lib/postgresql/{server_major}/bin/{tool}"]
    try:
        import pgserver

        candidates.append(str(Path(pgserver.__file__).parent / "pginstall" / "bin" / tool))
    except ImportError:
        pass
    for candidate in filter(None, candidates):
        if not Path(candidate).is_file():
            continue
        version = subprocess.run([candidate, "--version"], capture_output=True, text=True).stdout
        match = re.search(r"\) (\d+)", version)
        if match and int(match.group(1)) == server_major:
            return candidate
    return None


def _dsn(dbname: str) -> str:
    settings = connection.settings_dict
    parts = {
        "dbname": dbname,
        "host": settings["HOST"],
        "port": settings["PORT"],
        "user": settings["USER"],
        "password": settings["PASSWORD"],
    }
    return " ".join(f"{k}='{v}'" for k, v in parts.items() if v)


def _history_models():
    return [m for m in apps.get_models() if m.__name__.startswith("Historical")]


def _catalogue_contents(cursor) -> dict:
    """Entries by slug, history rows by id, users by name, read with plain SQL."""
    contents = {}
    history = _history_models()
    for model in [*apps.get_models(), get_user_model()]:
        if model in history:
            continue
        if model is get_user_model():
            column = "username"
        elif any(f.name == "slug" for f in model._meta.fields):
            column = "slug"
        else:
            continue
        cursor.execute(f'SELECT "{column}" FROM "{model._meta.db_table}"')
        contents[model._meta.label] = sorted(row[0] for row in cursor.fetchall())
    for model in history:
        cursor.execute(f'SELECT history_id FROM "{model._meta.db_table}"')
        contents[model._meta.label] = sorted(row[0] for row in cursor.fetchall())
    return contents


@pytest.mark.django_db(transaction=True)
def test_pg_dump_restores_into_an_empty_database_with_every_entry_version_and_user(tmp_path):
    connection.ensure_connection()
    server_major = connection.pg_version // 10000
    pg_dump = _client_for("pg_dump", server_major)
    pg_restore = _client_for("pg_restore", server_major)
    if not (pg_dump and pg_restore):
        pytest.skip(f"pg_dump/pg_restore of PostgreSQL {server_major} not installed")

    get_user_model().objects.create_user("backup-editor", password="x" * 16)
    project = make_project(lead_organisation=make_organisation())
    project.title_cs = "Upravený název"
    project.save()
    make_project(status=Status.DRAFT)
    with connection.cursor() as cursor:
        expected = _catalogue_contents(cursor)
    assert expected["projects.Project"] and expected["projects.HistoricalProject"]

    source = connection.settings_dict["NAME"]
    target = f"{source}_restore"
    dump = tmp_path / "platform.dump"
    admin = psycopg2.connect(_dsn("postgres"))
    admin.autocommit = True
    cursor = admin.cursor()
    cursor.execute(f'DROP DATABASE IF EXISTS "{target}"')
    cursor.execute(f'CREATE DATABASE "{target}" TEMPLATE template0')
    try:
        subprocess.run(
            [pg_dump, "--format=custom", f"--file={dump}", f"--dbname={_dsn(source)}"],
            check=True,
        )
        subprocess.run(
            [pg_restore, "--clean", "--if-exists", "--no-owner", f"--dbname={_dsn(target)}"]
            + [str(dump)],
            check=True,
        )
        restored = psycopg2.connect(_dsn(target))
        try:
            assert _catalogue_contents(restored.cursor()) == expected
        finally:
            restored.close()
    finally:
        cursor.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
        admin.close()


@pytest.mark.django_db
def test_dumpdata_with_natural_keys_keeps_history_of_deleted_rows():
    organisation = make_organisation()
    partner = make_organisation()
    project = make_project(lead_organisation=organisation)
    Partnership.objects.create(project=project, organisation=partner)
    organisation_id, partner_id = organisation.pk, partner.pk
    project.partnerships.all().delete()
    Project.objects.filter(pk=project.pk).delete()
    organisation.delete()
    partner.delete()

    out = io.StringIO()
    call_command(
        "dumpdata",
        "projects",
        "taxonomy",
        natural_foreign=True,
        natural_primary=True,
        stdout=out,
    )
    rows = json.loads(out.getvalue())
    partnerships = [r for r in rows if r["model"] == "projects.historicalpartnership"]
    assert partner_id in [r["fields"]["organisation"] for r in partnerships]
    leads = [
        r["fields"]["lead_organisation"] for r in rows if r["model"] == "projects.historicalproject"
    ]
    assert organisation_id in leads
