"""Imports in the admin: any app server may confirm, a bad file gets a clear message."""

import pytest
import tablib
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from catalogue.imports import SharedImportStorage
from catalogue.models import Status
from projects.models import Project
from projects.resources import ProjectResource
from tests.factories import make_project, make_theme

pytestmark = pytest.mark.django_db

HEADER = "slug,status,title_cs,title_en,summary_cs,summary_en,themes"
ROW = "kurzy-cestiny,draft,Kurzy češtiny,Czech courses,Kurzy pro dospělé.,Adult courses.,education"


@pytest.fixture(autouse=True)
def theme(db):
    cache.clear()
    return make_theme(slug="education")


def post_import(client, content: str, name="projects.csv"):
    url = reverse("admin:projects_project_import")
    page = client.get(url)
    formats = {
        str(label).lower(): value for value, label in page.context["form"].fields["format"].choices
    }
    return client.post(
        url,
        {
            "resource": "0",
            "format": formats["csv"],
            "import_file": SimpleUploadedFile(name, content.encode(), "text/csv"),
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )


def errors_of(response) -> str:
    result = response.context["result"]
    return " ".join(str(error.error) for error in result.base_errors)


def confirm(client, preview):
    form = preview.context["confirm_form"]
    return client.post(
        reverse("admin:projects_project_process_import"),
        {name: field.initial for name, field in form.fields.items()} | dict(form.initial),
    )


def test_the_file_waits_in_the_shared_cache_and_is_removed_once_confirmed(client, editor):
    client.force_login(editor)
    preview = post_import(client, f"{HEADER}\n{ROW}")
    name = preview.context["confirm_form"].initial["import_file_name"]
    assert "/" not in name
    assert SharedImportStorage(name=name).exists()

    assert confirm(client, preview).status_code == 302
    assert Project.objects.get().slug == "kurzy-cestiny"
    assert not SharedImportStorage(name=name).exists()


def test_a_file_no_longer_kept_is_asked_for_again(client, editor):
    client.force_login(editor)
    preview = post_import(client, f"{HEADER}\n{ROW}")
    cache.clear()  # expired, or a cache the confirming server does not share
    response = confirm(client, preview)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:projects_project_import")
    page = client.get(response["Location"])
    assert "import it again" in page.content.decode() or "znovu" in page.content.decode()
    assert not Project.objects.exists()


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(client, editor, settings):
    settings.IMPORT_MAX_FILE_SIZE = 1000
    client.force_login(editor)
    big = HEADER + "\n" + "\n".join(ROW.replace("kurzy-cestiny", f"k-{n}") for n in range(40))
    response = post_import(client, big)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "1000" in page or "1,0" in page or "KB" in page or "kB" in page
    assert not Project.objects.exists()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("title_cs,summary_cs\nKurzy,Shrnutí.", "slug"),
        (f"{HEADER}\n{ROW}\n{ROW.replace('Kurzy češtiny', 'Jiné')}", "kurzy-cestiny"),
        (f"{HEADER},titel_en\n{ROW},Typo", "titel_en"),
    ],
    ids=["missing-slug-column", "duplicate-slug", "unknown-column"],
)
def test_a_file_level_problem_is_named_without_a_traceback(client, editor, content, expected):
    client.force_login(editor)
    response = post_import(client, content)
    assert response.status_code == 200
    message = errors_of(response)
    assert expected.lower() in message.lower(), message
    html = response.content.decode()
    assert (
        "Traceback" not in html and "site-packages" not in html and 'class="traceback"' not in html
    )
    assert "confirm_form" not in response.context
    assert not Project.objects.exists()


def test_file_messages_are_in_the_editors_language():
    dataset = tablib.Dataset().load("title_cs\nKurzy", format="csv")
    from django.utils import translation

    with translation.override("cs"):
        result = ProjectResource().import_data(dataset, dry_run=True)
    assert "slug" in str(result.base_errors[0].error)
    assert "sloupec" in str(result.base_errors[0].error)


@pytest.mark.parametrize(
    ("role", "stored", "imported"),
    [
        ("editor", Status.REVIEW, Status.PUBLISHED),
        ("publisher", Status.ARCHIVED, Status.REVIEW),
    ],
)
def test_an_import_moves_an_entry_only_as_the_workflow_allows(request, role, stored, imported):
    user = request.getfixturevalue(role)
    make_project(status=stored, slug="kurzy-cestiny", title_cs="Kurzy češtiny")
    dataset = tablib.Dataset().load(f"{HEADER}\n{ROW.replace('draft', imported)}", format="csv")
    result = ProjectResource().import_data(dataset, dry_run=False, user=user)
    assert result.has_validation_errors()
    errors = result.invalid_rows[0].error_dict
    assert "status" in errors, errors
    assert Project.objects.get(slug="kurzy-cestiny").status == stored


def test_a_step_the_workflow_allows_still_imports(publisher):
    make_project(status=Status.REVIEW, slug="kurzy-cestiny", title_cs="Kurzy češtiny")
    dataset = tablib.Dataset().load(f"{HEADER}\n{ROW.replace('draft', 'published')}", format="csv")
    result = ProjectResource().import_data(dataset, dry_run=False, user=publisher)
    assert not result.has_validation_errors() and not result.has_errors()
    assert Project.objects.get(slug="kurzy-cestiny").status == Status.PUBLISHED
