"""Import templates an editor can fill: labelled columns in both languages, a help sheet,
rows of projects on their own sheets, and a report naming row, column and problem."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from catalogue.models import Status
from instruments.resources import InstrumentResource
from projects.models import FundingLine, Project
from projects.resources import ProjectResource
from strategies.resources import StrategyResource
from tests.factories import make_instrument, make_organisation, make_project, make_theme

pytestmark = pytest.mark.django_db

CATALOGUES = [
    ("projects", "project", ProjectResource, "Projekty", "Projects"),
    ("instruments", "instrument", InstrumentResource, "Nástroje", "Instruments"),
    ("strategies", "strategy", StrategyResource, "Strategie", "Strategies"),
]


@pytest.fixture(autouse=True)
def vocabulary(db):
    cache.clear()
    make_theme(slug="education", name_cs="Vzdělávání", name_en="Education")
    make_theme(slug="housing", name_cs="Bydlení", name_en="Housing")


def template(client, app, model, file_format="xlsx", language="cs"):
    url = reverse(f"admin:{app}_{model}_import_template", args=[file_format])
    return client.get(url, {"language": language})


def workbook(response):
    return openpyxl.load_workbook(io.BytesIO(response.content))


def header(sheet):
    return [cell.value for cell in next(sheet.iter_rows(max_row=1))]


@pytest.mark.parametrize(("app", "model", "resource_class", "title_cs", "title_en"), CATALOGUES)
@pytest.mark.parametrize("language", ["cs", "en"])
def test_template_of_each_catalogue_has_labelled_columns_and_a_help_sheet(
    client, editor, app, model, resource_class, title_cs, title_en, language
):
    client.force_login(editor)
    response = template(client, app, model, language=language)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    book = workbook(response)
    names = book.sheetnames
    assert names[0] == (title_cs if language == "cs" else title_en)
    assert {"Nápověda", "Číselníky"} <= set(names) if language == "cs" else True
    assert {"Help", "Vocabularies"} <= set(names) if language == "en" else True

    columns = header(book.worksheets[0])
    if language == "cs":
        assert "Název (česky)" in columns and "Název (anglicky)" in columns
        assert "Identifikátor (slug)" in columns
    else:
        assert "Title (Czech)" in columns and "Title (English)" in columns
        assert "Slug" in columns
    assert not [column for column in columns if "_" in column]  # no raw field names

    help_sheet = book[names[-2]]
    text = [cell for row in help_sheet.iter_rows(values_only=True) for cell in row if cell]
    described = {row[1] for row in help_sheet.iter_rows(values_only=True) if row[1]}
    assert set(columns) <= described  # every column is explained
    separator = "svislou čarou „|“" if language == "cs" else "vertical bar “|”"
    assert any(separator in str(cell) for cell in text)
    assert any("education|housing" in str(cell) for cell in text)

    codes = {(row[1], row[2]) for row in book[names[-1]].iter_rows(min_row=2, values_only=True)}
    assert ("education", "Vzdělávání" if language == "cs" else "Education") in codes
    assert ("published", "Zveřejněno" if language == "cs" else "Published") in codes


def test_project_template_has_sheets_for_funding_lines_key_figures_and_partners(client, editor):
    client.force_login(editor)
    names = workbook(template(client, "projects", "project")).sheetnames
    assert names == [
        "Projekty",
        "Položky financování",
        "Klíčová čísla",
        "Partneři",
        "Nápověda",
        "Číselníky",
    ]


def test_csv_template_holds_the_column_names_only(client, editor):
    client.force_login(editor)
    response = template(client, "projects", "project", "csv", "en")
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert text.splitlines() == [",".join(ProjectResource().column_labels().values())] or (
        text.startswith("Slug,Status,Title (Czech),Title (English)")
    )
    assert len(text.strip().splitlines()) == 1


def test_template_needs_the_import_permission(client, staff_user):
    client.force_login(staff_user)
    assert template(client, "projects", "project").status_code == 403


def test_column_labels_are_unique_in_each_language():
    for resource_class in (ProjectResource, InstrumentResource, StrategyResource):
        resource = resource_class()
        for part in [resource, *(row() for row in resource.row_sheets)]:
            for language in ("cs", "en"):
                with translation.override(language):
                    labels = list(part.column_labels().values())
                assert len(labels) == len(set(labels)), (part, language)


def test_the_import_page_links_the_templates_and_explains_the_separator(client, editor):
    client.force_login(editor)
    page = client.get(reverse("admin:projects_project_import")).content.decode()
    assert reverse("admin:projects_project_import_template", args=["xlsx"]) in page
    assert reverse("admin:projects_project_import_template", args=["csv"]) in page
    assert "svislou čarou „|“" in page
    assert "Název (česky)" in page
    changelist = client.get(reverse("admin:projects_project_changelist")).content.decode()
    assert reverse("admin:projects_project_import_template", args=["xlsx"]) in changelist
    assert "Stáhnout šablonu importu" in changelist


# --- importing ---------------------------------------------------------------------------


def formats_of(client, url):
    page = client.get(url)
    return {
        str(label).lower(): value for value, label in page.context["form"].fields["format"].choices
    }


def post_import(client, content: bytes, file_format="xlsx", name="projects.xlsx"):
    url = reverse("admin:projects_project_import")
    return client.post(
        url,
        {
            "resource": "0",
            "format": formats_of(client, url)[file_format],
            "import_file": SimpleUploadedFile(name, content),
        },
    )


def confirm(client, preview):
    form = preview.context["confirm_form"]
    return client.post(
        reverse("admin:projects_project_process_import"),
        {name: field.initial for name, field in form.fields.items()} | dict(form.initial),
    )


def fill(book, sheet_name, values_by_label):
    """Append one row to a template sheet, by the labels of its columns."""
    sheet = book[sheet_name]
    columns = header(sheet)
    unknown = set(values_by_label) - set(columns)
    assert not unknown, unknown
    sheet.append([values_by_label.get(column) for column in columns])


def saved(book) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def filled_template(client, language="cs"):
    book = workbook(template(client, "projects", "project", language=language))
    fill(
        book,
        "Projekty",
        {
            "Identifikátor (slug)": "kurzy-cestiny",
            "Stav": "Koncept",
            "Název (česky)": "Kurzy češtiny",
            "Název (anglicky)": "Czech courses",
            "Shrnutí (česky)": "Kurzy pro dospělé.",
            "Hlavní organizace": "poradna",
            "Rok zahájení": 2019,
            "Rok ukončení": "2021",
            "Probíhá": "ne",
            "Míra doložení výsledků": "monitoring",
            "Témata": "education|housing",
        },
    )
    fill(
        book,
        "Položky financování",
        {
            "Projekt": "kurzy-cestiny",
            "Nástroj": "opz-plus",
            "Částka": "1 250 000,50",
            "Měna": "CZK",
            "Rok": 2020,
            "Poznámka (česky)": "První etapa",
        },
    )
    fill(
        book,
        "Klíčová čísla",
        {
            "Projekt": "kurzy-cestiny",
            "Pořadí": 1,
            "Popisek (česky)": "zapsaných účastníků",
            "Hodnota": 685,
            "Počet podpořených osob": "ano",
        },
    )
    fill(
        book,
        "Partneři",
        {"Projekt": "kurzy-cestiny", "Organizace": "mesto", "Role": "Partner"},
    )
    return book


@pytest.fixture
def references(db):
    make_organisation(slug="poradna")
    make_organisation(slug="mesto")
    return make_instrument(slug="opz-plus")


def test_template_round_trips_with_rows_of_the_project(client, editor, references):
    client.force_login(editor)
    preview = post_import(client, saved(filled_template(client)))
    assert preview.status_code == 200
    assert "confirm_form" in preview.context, preview.context.get("import_report")
    assert not Project.objects.exists()  # the preview saves nothing

    assert confirm(client, preview).status_code == 302
    project = Project.objects.get(slug="kurzy-cestiny")
    assert (project.title_cs, project.title_en, project.status) == (
        "Kurzy češtiny",
        "Czech courses",
        Status.DRAFT,
    )
    assert (project.start_year, project.end_year, project.ongoing) == (2019, 2021, False)
    assert project.evidence_level == "monitoring"
    assert project.lead_organisation.slug == "poradna"
    assert set(project.themes.values_list("slug", flat=True)) == {"education", "housing"}
    [line] = project.funding_lines.all()
    assert (line.instrument, line.amount, line.currency, line.year, line.note_cs) == (
        references,
        Decimal("1250000.50"),
        "CZK",
        2020,
        "První etapa",
    )
    [figure] = project.key_figures.all()
    assert (figure.label_cs, figure.value, figure.counts_reach) == (
        "zapsaných účastníků",
        Decimal("685"),
        True,
    )
    [partner] = project.partnerships.all()
    assert (partner.organisation.slug, partner.role) == ("mesto", "partner")


def test_importing_the_same_workbook_again_keeps_one_set_of_rows(client, editor, references):
    client.force_login(editor)
    content = saved(filled_template(client))
    confirm(client, post_import(client, content))
    versions = FundingLine.history.count()
    confirm(client, post_import(client, content))
    project = Project.objects.get(slug="kurzy-cestiny")
    assert project.funding_lines.count() == 1
    assert project.key_figures.count() == 1
    assert FundingLine.history.count() == versions


def test_english_template_imports_as_well(client, editor, references):
    client.force_login(editor)
    book = workbook(template(client, "projects", "project", language="en"))
    fill(
        book,
        "Projects",
        {
            "Slug": "tlumoceni",
            "Title (Czech)": "Tlumočení",
            "Summary (Czech)": "Tlumočení ve školách.",
            "Themes": "education",
        },
    )
    fill(book, "Funding lines", {"Project": "tlumoceni", "Instrument": "opz-plus", "Amount": 1000})
    confirm(client, post_import(client, saved(book)))
    project = Project.objects.get(slug="tlumoceni")
    assert project.funding_lines.get().amount == 1000


def test_a_bad_value_is_reported_by_row_column_and_message_in_czech(client, editor):
    client.force_login(editor)
    content = (
        "Identifikátor (slug),Název (česky),Shrnutí (česky),Rok zahájení,Témata\n"
        "kurzy,Kurzy,Kurzy pro dospělé.,2019,education\n"
        "tlumoceni,Tlumočení,Tlumočení ve školách.,dvacet,education|bydleni\n"
    )
    response = post_import(client, content.encode(), "csv", "projects.csv")
    assert "confirm_form" not in response.context
    problems = {(p.row, p.column): p.message for p in response.context["import_report"]}
    assert problems[(3, "Rok zahájení")] == "„dvacet“ není celé číslo (například 2021)."
    assert "bydleni" in problems[(3, "Témata")]
    html = response.content.decode()
    assert "Rok zahájení" in html and "není celé číslo" in html
    assert "invalid literal" not in html and "Traceback" not in html and "Decimal" not in html
    assert not Project.objects.exists()


def test_a_bad_row_on_a_further_sheet_imports_nothing(client, editor, references):
    client.force_login(editor)
    book = filled_template(client)
    fill(book, "Položky financování", {"Projekt": "kurzy-cestiny", "Částka": "-5"})
    fill(book, "Klíčová čísla", {"Projekt": "jiny-projekt", "Popisek (česky)": "x", "Hodnota": 1})
    response = post_import(client, saved(book))
    assert "confirm_form" not in response.context
    problems = {(p.sheet, p.row, p.column) for p in response.context["import_report"]}
    assert ("Položky financování", 3, "Částka") in problems
    assert ("Klíčová čísla", 3, "Projekt") in problems
    assert "Částka nesmí být záporná." in response.content.decode()
    assert not Project.objects.exists() and not FundingLine.objects.exists()


def test_an_editor_cannot_change_the_rows_of_a_published_project(client, editor, references):
    make_project(slug="zverejneny", status=Status.PUBLISHED)
    client.force_login(editor)
    book = workbook(template(client, "projects", "project"))
    fill(book, "Položky financování", {"Projekt": "zverejneny", "Nástroj": "opz-plus"})
    response = post_import(client, saved(book))
    [problem] = response.context["import_report"]
    assert (problem.sheet, problem.row, problem.column) == ("Položky financování", 2, "Projekt")
    assert not FundingLine.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [
        "slug,status,title_cs,title_en,summary_cs,start_year,themes",
        "Slug,Status,Title Cs,Title En,Summary Cs,Start Year,Themes",
        "Identifikátor (slug),Stav,Název (česky),Title (English),Shrnutí (česky),Start year,Témata",
    ],
    ids=["field-names", "title-case-field-names", "czech-and-english-labels"],
)
def test_old_and_labelled_headers_import_alike(publisher, headers):
    import tablib

    data = tablib.Dataset().load(
        f"{headers}\nkurzy-cestiny,draft,Kurzy češtiny,Czech courses,Kurzy.,2019,education",
        format="csv",
    )
    result = ProjectResource().import_data(data, dry_run=False, user=publisher)
    assert not result.has_errors() and not result.has_validation_errors()
    project = Project.objects.get(slug="kurzy-cestiny")
    assert (project.title_en, project.start_year) == ("Czech courses", 2019)
    assert list(project.themes.values_list("slug", flat=True)) == ["education"]


def test_a_csv_with_semicolons_imports_like_one_with_commas(client, editor):
    client.force_login(editor)
    content = "Identifikátor (slug);Název (česky);Shrnutí (česky);Témata\nkurzy;Kurzy;Kurzy, pro dospělé.;education\n"
    preview = post_import(client, content.encode("utf-8-sig"), "csv", "projects.csv")
    assert "confirm_form" in preview.context, preview.context.get("import_report")
    confirm(client, preview)
    assert Project.objects.get(slug="kurzy").summary_cs == "Kurzy, pro dospělé."


def test_the_export_form_names_the_columns_by_their_labels(client, editor):
    client.force_login(editor)
    page = client.get(reverse("admin:projects_project_export")).content.decode()
    assert "Název (česky)" in page
    assert "Title Cs" not in page


def test_a_file_that_fails_on_confirmation_saves_nothing_and_says_why(client, editor):
    client.force_login(editor)
    content = "Identifikátor (slug),Název (česky),Shrnutí (česky)\nkurzy,Kurzy,Kurzy pro dospělé.\n"
    preview = post_import(client, content.encode(), "csv", "projects.csv")
    # Meanwhile a publisher publishes an entry of that slug, which an editor may not change.
    make_project(slug="kurzy", status=Status.PUBLISHED, title_cs="Původní")
    response = confirm(client, preview)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:projects_project_import")
    page = client.get(response["Location"]).content.decode()
    assert "List „Projekty“, řádek 2, sloupec „Identifikátor (slug)“" in page
    assert Project.objects.get(slug="kurzy").title_cs == "Původní"


def test_imported_themes_and_partners_are_searchable_at_once(client, publisher):
    from catalogue.search import search_entries

    make_theme(slug="zahradky", name_cs="Zahrádkaření", name_en="Allotment gardening")
    make_organisation(slug="vlastovka", name_cs="Spolek Vlaštovka", name_en="Swallow Association")
    client.force_login(publisher)
    book = workbook(template(client, "projects", "project"))
    fill(
        book,
        "Projekty",
        {
            "Identifikátor (slug)": "zahrady",
            "Stav": "Zveřejněno",
            "Název (česky)": "Komunitní zahrady",
            "Shrnutí (česky)": "Společné zahrady.",
            "Témata": "zahradky",
        },
    )
    fill(book, "Partneři", {"Projekt": "zahrady", "Organizace": "vlastovka"})
    confirm(client, post_import(client, saved(book)))

    def found(query):
        return list(search_entries(query)["projects"].values_list("slug", flat=True))

    assert found("zahrádkaření") == ["zahrady"]
    assert found("vlaštovka") == ["zahrady"]
