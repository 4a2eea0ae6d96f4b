"""Catalogue keys are written only in their own apps; dependencies point one way.

The shell, the shared core and the other apps reach a catalogue through the registry
(its key, its URL names, its models by the part they play), never by writing its key:
a catalogue is added or renamed in its own app, in INSTALLED_APPS and in the root URLs.
"""

from pathlib import Path

from django.conf import settings

from catalogue import registry
from tests.catalogue.test_registry import imported_modules, string_literals

BASE = Path(settings.BASE_DIR)
# Where a catalogue's key may be written besides its own app: INSTALLED_APPS (and the
# names of the API schema's enums, which drf-spectacular reads from the settings).
ALLOWED = {BASE / "platform_site" / "settings.py"}


def catalogue_apps() -> set[str]:
    return {c.app_label for c in registry.catalogues()}


def modules_outside_catalogue_apps():
    """The project's modules, without the catalogue apps, the tests and the migrations."""
    own = catalogue_apps() | {"tests"}
    for package in sorted(BASE.iterdir()):
        if not (package / "__init__.py").exists() or package.name in own:
            continue
        for path in sorted(package.rglob("*.py")):
            if "migrations" not in path.parts and path not in ALLOWED:
                yield path


def names_a_catalogue(literal: str, key: str) -> bool:
    """The key itself, a URL name in its namespace ("projects:list") or a path below it."""
    return literal == key or literal.startswith(f"{key}:") or f"/{key}/" in literal


def test_catalogue_keys_are_written_only_in_their_own_apps():
    keys = {c.key for c in registry.catalogues()}
    assert keys == {"projects", "instruments", "strategies"}
    offenders = sorted(
        f"{path.relative_to(BASE)}: {literal!r}"
        for path in modules_outside_catalogue_apps()
        for literal in string_literals(path)
        for key in keys
        if names_a_catalogue(literal, key)
    )
    assert not offenders, offenders


def test_no_catalogue_app_imports_the_site_shell():
    offenders = sorted(
        f"{path.relative_to(BASE)}: {module}"
        for app in catalogue_apps()
        for path in (BASE / app).rglob("*.py")
        if "migrations" not in path.parts
        for module in imported_modules(path)
        if module.split(".")[0] == "platform_site"
    )
    assert not offenders, offenders
