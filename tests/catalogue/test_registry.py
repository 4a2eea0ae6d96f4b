"""The catalogue core knows the catalogues only through the registry."""

import ast
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from catalogue import registry

CORE = Path(settings.BASE_DIR) / "catalogue"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def test_the_core_imports_no_catalogue_app_and_not_the_site():
    forbidden = {c.app_label for c in registry.catalogues()} | {"platform_site"}
    offenders = {
        f"{path.relative_to(CORE)}: {module}"
        for path in CORE.rglob("*.py")
        for module in imported_modules(path)
        if module.split(".")[0] in forbidden
    }
    assert not offenders


def test_every_catalogue_of_entries_is_registered_with_its_pages():
    keys = [c.key for c in registry.catalogues()]
    assert keys == ["projects", "instruments", "strategies"]
    for catalogue in registry.catalogues():
        assert reverse(catalogue.list_url_name).endswith(f"/{catalogue.key}/")
        assert reverse(catalogue.feed_url_name)
        assert reverse(catalogue.export_url_name, kwargs={"fmt": "csv"})
        assert catalogue.filterset_class()._meta.model is catalogue.model
        assert catalogue.export_columns().columns


def test_a_catalogue_adds_panels_to_another_without_an_import():
    # Strategies cite projects; the project page gets the panel through the registry.
    assert "strategies" not in imported_modules(Path(settings.BASE_DIR) / "projects" / "related.py")
    names = registry._contributed["projects"]
    assert "citing_strategies" in names
