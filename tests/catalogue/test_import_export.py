"""Bulk curation: a file is imported whole or not at all, and every error names its row and column."""

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from catalogue.models import Status
from instruments.models import Instrument
from instruments.resources import InstrumentResource
from projects.models import Project
from projects.resources import ProjectResource
from taxonomy.models import Theme
from taxonomy.resources import ThemeResource
from tests.factories import make_organisation, make_project, make_theme

HEADER = "slug,status,title_cs,title_en,summary_cs,summary_en,start_year,end_year,themes"
GOOD_ROW = "kurzy-cestiny,draft,Kurzy češtiny,Czech courses,Kurzy pro dospělé.,Adult courses.,2019,2021,{theme}"


def dataset(*rows):
    return tablib.Dataset().load("\n".join([HEADER, *rows]), format="csv")


@pytest.fixture
def theme(db):
    return make_theme(slug="education")


@pytest.mark.django_db
def test_valid_file_imports_every_row_with_its_themes(theme, publisher):
    result = ProjectResource().import_data(
        dataset(
            GOOD_ROW.format(theme="education"),
            "tlumoceni,review,Tlumočení,,Tlumočení ve školách.,,2020,,education",
        ),
        dry_run=False,
        user=publisher,
    )
    assert not result.has_errors() and not result.has_validation_errors()
    assert Project.objects.count() == 2
    project = Project.objects.get(slug="kurzy-cestiny")
    assert list(project.themes.all()) == [theme]
    assert (project.created_by, project.updated_by) == (publisher, publisher)
    assert project.history.latest().history_user == publisher


@pytest.mark.django_db
@pytest.mark.parametrize(
    "bad_row, column",
    [
        ("spatny-rok,draft,Špatně,,Roky obráceně.,,2022,2020,education", "end_year"),
        ("spatny-stav,pubilshed,Špatně,,Neznámý stav.,,2020,2021,education", "status"),
        ("bez-tematu,draft,Špatně,,Neznámé téma.,,2020,2021,no-such-theme", "themes"),
    ],
)
def test_one_bad_row_imports_nothing_and_names_row_and_column(theme, publisher, bad_row, column):
    result = ProjectResource().import_data(
        dataset(GOOD_ROW.format(theme="education"), bad_row), dry_run=False, user=publisher
    )
    assert result.has_validation_errors()
    assert Project.objects.count() == 0
    [invalid] = result.invalid_rows
    assert invalid.number == 2
    assert column in invalid.error_dict


@pytest.mark.django_db
def test_editor_cannot_publish_by_import(theme, editor):
    result = ProjectResource().import_data(
        dataset("zverejnit,published,Název,,Shrnutí.,,2020,2021,education"),
        dry_run=False,
        user=editor,
    )
    assert result.invalid_rows[0].number == 1
    assert "status" in result.invalid_rows[0].error_dict
    assert not Project.objects.exists()


@pytest.mark.django_db
def test_editor_cannot_change_a_published_entry_by_import(theme, editor):
    make_project(slug="kurzy-cestiny", status=Status.PUBLISHED, title_cs="Původní")
    result = ProjectResource().import_data(
        dataset(GOOD_ROW.format(theme="education")), dry_run=False, user=editor
    )
    assert result.has_validation_errors()
    assert Project.objects.get(slug="kurzy-cestiny").title_cs == "Původní"


@pytest.mark.django_db
def test_unchanged_rows_are_skipped(theme, publisher):
    data = dataset(GOOD_ROW.format(theme="education"))
    ProjectResource().import_data(data, dry_run=False, user=publisher)
    versions = Project.objects.get().history.count()
    result = ProjectResource().import_data(data, dry_run=False, user=publisher)
    assert result.totals["skip"] == 1
    assert Project.objects.get().history.count() == versions


@pytest.mark.django_db
def test_instrument_with_minimum_grant_above_maximum_is_refused_by_column(publisher):
    data = tablib.Dataset().load(
        "slug,status,title_cs,summary_cs,kind,level,grant_min,grant_max,cofinancing_rate\n"
        "program,draft,Program,Shrnutí.,financial,national,100,200,10\n"
        "vyzva,draft,Výzva,Shrnutí.,financial,national,500,200,150\n",
        format="csv",
    )
    result = InstrumentResource().import_data(data, dry_run=False, user=publisher)
    assert not Instrument.objects.exists()
    [invalid] = result.invalid_rows
    assert invalid.number == 2
    assert {"grant_max", "cofinancing_rate"} <= set(invalid.error_dict)


@pytest.mark.django_db
def test_export_holds_both_languages_and_slugs_of_relations(publisher):
    organisation = make_organisation(slug="opu")
    project = make_project(title_cs="Česky", title_en="English", lead_organisation=organisation)
    project.themes.add(make_theme(slug="housing"), make_theme(slug="health"))
    with translation.override("en"):
        exported = ProjectResource().export()
    row = exported.dict[0]
    assert (row["Title (Czech)"], row["Title (English)"], row["Lead organisation"]) == (
        "Česky",
        "English",
        "opu",
    )
    assert set(row["Themes"].split("|")) == {"housing", "health"}


@pytest.mark.django_db
def test_taxonomy_round_trip():
    make_theme(slug="education", name_cs="Vzdělávání", name_en="Education")
    exported = ThemeResource().export()
    Theme.objects.all().delete()
    result = ThemeResource().import_data(exported, dry_run=False)
    assert not result.has_validation_errors()
    assert Theme.objects.get(slug="education").name_en == "Education"


def post_import(client, content):
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
            "import_file": SimpleUploadedFile("projects.csv", content.encode(), "text/csv"),
        },
    )


@pytest.mark.django_db
def test_admin_import_previews_then_saves_on_confirmation(client, theme, editor):
    client.force_login(editor)
    preview = post_import(client, "\n".join([HEADER, GOOD_ROW.format(theme="education")]))
    assert preview.status_code == 200
    assert not Project.objects.exists()
    confirm_form = preview.context["confirm_form"]
    response = client.post(
        reverse("admin:projects_project_process_import"),
        {name: field.initial for name, field in confirm_form.fields.items()}
        | dict(confirm_form.initial),
    )
    assert response.status_code == 302
    project = Project.objects.get()
    assert (project.slug, project.status, project.created_by) == ("kurzy-cestiny", "draft", editor)


@pytest.mark.django_db
def test_admin_import_preview_reports_the_bad_row_and_saves_nothing(client, theme, editor):
    client.force_login(editor)
    content = "\n".join(
        [
            HEADER,
            GOOD_ROW.format(theme="education"),
            "spatny-rok,draft,Špatně,,Roky obráceně.,,2022,2020,education",
        ]
    )
    response = post_import(client, content)
    assert response.status_code == 200
    result = response.context["result"]
    assert result.has_validation_errors()
    assert [row.number for row in result.invalid_rows] == [2]
    assert "confirm_form" not in response.context
    html = response.content.decode()
    assert "Rok ukončení nesmí být dřívější než rok zahájení." in html
    assert "Rok ukončení" in html  # the column, by its label
    assert not Project.objects.exists()
