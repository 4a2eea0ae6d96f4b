"""Production settings: `check --deploy` is clean and a missing secret key stops the start."""

import subprocess
import sys

from tests.factories import BASE_DIR, manage, production_env


def test_check_deploy_is_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_missing_secret_key_with_debug_off_fails_with_a_clear_message():
    env = production_env()
    del env["DJANGO_SECRET_KEY"]
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off" in result.stderr


def test_debug_off_without_a_database_url_refuses_to_start():
    env = production_env()
    del env["DATABASE_URL"]
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "DATABASE_URL must be set when DJANGO_DEBUG is off" in result.stderr


def test_debug_must_be_true_or_false():
    result = manage("check", env=production_env(DJANGO_DEBUG="maybe"))
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be true or false" in result.stderr


def test_collectstatic_with_debug_off_writes_hashed_compressed_files(tmp_path):
    result = manage(
        "collectstatic", "--noinput", env=production_env(DJANGO_STATIC_ROOT=str(tmp_path))
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "staticfiles.json").exists()
    hashed = list((tmp_path / "css").glob("site.*.css"))
    assert hashed, "site.css should be stored under a hashed name"
    assert list((tmp_path / "css").glob("site.*.css.gz"))
    assert list((tmp_path / "vendor" / "gov-design-system").glob("tokens.*.css"))


def test_manage_py_assumes_development_only_when_no_secret_key_is_configured():
    env = production_env()
    del env["DJANGO_DEBUG"], env["DJANGO_SECRET_KEY"]
    assert manage("check", env=env).returncode == 0

    # The web server never makes that assumption.
    wsgi = subprocess.run(
        [sys.executable, "-c", "import platform_site.wsgi"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert wsgi.returncode != 0
    assert "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off" in wsgi.stderr
