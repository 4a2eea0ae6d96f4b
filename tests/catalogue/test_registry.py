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


def string_literals(path: Path) -> set[str]:
    """The string constants of a module, without its docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    }


def names_written_out(folder: Path, names: set[str]) -> set[str]:
    """``path: literal`` for each literal naming one of ``names`` (a key, a URL name, a path)."""
    found = set()
    for path in folder.rglob("*.py"):
        for literal in string_literals(path):
            for name in names:
                if literal == name or literal.startswith(f"{name}:") or f"/{name}/" in literal:
                    found.add(f"{path.relative_to(settings.BASE_DIR)}: {literal!r}")
    return found


def test_the_api_is_built_from_the_registry_without_a_catalogue_name_in_the_core_or_shell():
    keys = {c.key for c in registry.all_catalogues()}
    endpoints = registry.api_endpoints()
    # Every catalogue, and each app's reference lists, reach the API through the registry.
    assert {c.api_prefix for c in registry.all_catalogues()} <= {e.prefix for e in endpoints}
    for endpoint in endpoints:
        assert reverse(f"api:{endpoint.basename}-list") == f"/api/v1/{endpoint.prefix}/"
    api_names = keys | {e.prefix for e in endpoints} | {e.basename for e in endpoints}
    assert not names_written_out(Path(settings.BASE_DIR) / "platform_site" / "api", api_names)
    assert not names_written_out(CORE, keys)


def test_each_catalogue_names_its_own_serializer_and_viewset():
    for catalogue in registry.all_catalogues():
        viewset, serializer = catalogue.viewset_class(), catalogue.serializer_class()
        assert viewset.catalogue == catalogue.key
        assert viewset.serializer_class is serializer
        assert serializer.Meta.model is catalogue.model
        # Each app keeps them beside its models: <app>/serializers.py and <app>/api.py.
        assert viewset.__module__ == f"{catalogue.app_label}.api"
        assert serializer.__module__ == f"{catalogue.app_label}.serializers"
