"""Catalogue keys are written only in their own apps; dependencies point one way.

The shell, the shared core and the other apps reach a catalogue through the registry
(its key, its URL names, its models by the part they play), never by writing its key:
a catalogue is added or renamed in its own app, in INSTALLED_APPS and in the root URLs.
"""

from pathlib import Path

import pytest
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


def test_only_the_site_shell_imports_a_catalogue_app():
    # Reference data, suggestions and news serve every catalogue: they ask the registry.
    others = {p.name for p in BASE.iterdir() if (p / "__init__.py").exists()}
    others -= catalogue_apps() | {"platform_site", "tests"}
    offenders = sorted(
        f"{path.relative_to(BASE)}: {module}"
        for app in others
        for path in (BASE / app).rglob("*.py")
        if "migrations" not in path.parts
        for module in imported_modules(path)
        if module.split(".")[0] in catalogue_apps()
    )
    assert not offenders, offenders


def test_a_page_link_is_empty_when_no_app_has_the_page():
    # The shell registers the finder, whose address a strategy's page shows.
    assert "finder" in registry._page_links
    assert registry.page_link("no-such-page", None) == ""


def test_models_are_found_by_the_part_they_play():
    from django.apps import apps

    assert registry.model("scenario") is apps.get_model("strategies", "Scenario")
    assert registry.model("funding_line") is apps.get_model("projects", "FundingLine")
    assert registry.provider("practice").key == "projects"
    assert registry.provider("situations").key == "strategies"
    with pytest.raises(LookupError):
        registry.model("no-such-part")
