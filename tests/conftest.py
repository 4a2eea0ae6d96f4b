"""Shared fixtures: named users and the seed content."""

import pytest
from django.contrib.auth import get_user_model


@pytest.fixture
def staff_user(db):
    return get_user_model().objects.create_user("staff", password="staff-pass", is_staff=True)


def _member_of(group_name, username):
    from django.contrib.auth.models import Group

    from platform_site.management.commands.ensure_roles import ensure_roles

    ensure_roles()
    user = get_user_model().objects.create_user(
        username, password=f"{username}-pass", is_staff=True
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(db):
    """A staff member in the Editors group: writes drafts, submits them for review."""
    return _member_of("Editors", "editor")


@pytest.fixture
def publisher(db):
    """A staff member in the Publishers group: also publishes, unpublishes and archives."""
    return _member_of("Publishers", "publisher")


TOY_CATALOGUE = "toys"


@pytest.fixture(scope="session", autouse=True)
def _root_urls_with_every_catalogue():
    """The root URLs are built once, while every catalogue (the toy one too) is registered."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imports the URL modules


class _WithoutToyCatalogue(dict):
    """The registry's catalogues as the lists of catalogues see them, without the toy one;
    looked up by its key it is still there (its URLs and API endpoint stay routed)."""

    def values(self):
        return [spec for spec in super().values() if spec.key != TOY_CATALOGUE]


@pytest.fixture(autouse=True)
def _toy_catalogue_only_where_asked(request, monkeypatch):
    """The toy catalogue registers itself as a real app does; only the tests marked
    ``toy_catalogue`` see it among the catalogues, so that the others keep counting
    exactly the catalogues of the site."""
    from catalogue import registry

    if not request.node.get_closest_marker("toy_catalogue"):
        monkeypatch.setattr(registry, "_catalogues", _WithoutToyCatalogue(registry._catalogues))


@pytest.fixture(autouse=True)
def _fresh_search_index():
    """Each test starts without the search vocabulary and thesaurus an earlier test left
    in this process's memory (its rows were rolled back)."""
    from catalogue.search import forget_index

    forget_index()


@pytest.fixture(scope="session", autouse=True)
def _pdf_store(tmp_path_factory):
    """Rendered PDFs are stored for this test run only, never served from an earlier run's."""
    from django.conf import settings

    settings.PDF_CACHE_DIR = str(tmp_path_factory.mktemp("pdf"))


@pytest.fixture
def pdf_renderer():
    """Skip a test that renders a PDF on a machine without WeasyPrint's system libraries."""
    from catalogue import pdf

    reason = pdf.unavailable_reason()
    if reason:
        pytest.skip(f"{reason} Install them with: {pdf.install_hint()}")
    return pdf.render_pdf
