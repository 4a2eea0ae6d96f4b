"""“Cite this entry” downloads: RIS and BibTeX of a published entry, parsed by reference managers' libraries."""

import bibtexparser
import pytest
import rispy

from catalogue.models import Status
from tests.factories import make_instrument, make_project, make_strategy, make_theme

pytestmark = pytest.mark.django_db

MAKERS = {"projects": make_project, "instruments": make_instrument, "strategies": make_strategy}


def entry_with_awkward_text(catalogue):
    entry = MAKERS[catalogue](
        title_cs="Integrace & spolupráce: 100 % {Praha} #1",
        title_en="Integration & cooperation: 100 % {Prague} #1",
        summary_cs="První řádek.\nDruhý řádek s podtržítkem_a dolarem $.",
    )
    entry.themes.add(make_theme(name_cs="Bydlení", name_en="Housing"))
    return entry


@pytest.mark.parametrize("catalogue", MAKERS)
def test_ris_download_parses(client, catalogue):
    entry = entry_with_awkward_text(catalogue)
    response = client.get(f"/cs/{catalogue}/{entry.slug}/cite.ris")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/x-research-info-systems")
    assert response["Content-Disposition"] == f'attachment; filename="{entry.slug}.ris"'
    (record,) = rispy.loads(response.content.decode())
    assert record["type_of_reference"] == "ELEC"
    assert record["title"] == "Integrace & spolupráce: 100 % {Praha} #1"
    assert record["urls"] == [f"http://testserver/cs/{catalogue}/{entry.slug}/"]
    assert record["keywords"] == ["Bydlení"]
    assert record["abstract"] == "První řádek. Druhý řádek s podtržítkem_a dolarem $."
    assert record["language"] == "cs"


@pytest.mark.parametrize("catalogue", MAKERS)
def test_bibtex_download_parses(client, catalogue):
    entry = entry_with_awkward_text(catalogue)
    response = client.get(f"/en/{catalogue}/{entry.slug}/cite.bib")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/x-bibtex")
    assert response["Content-Disposition"] == f'attachment; filename="{entry.slug}.bib"'
    (record,) = bibtexparser.loads(response.content.decode()).entries
    assert record["ENTRYTYPE"] == "misc"
    assert record["ID"] == entry.slug
    assert record["url"] == f"http://testserver/en/{catalogue}/{entry.slug}/"
    # Special characters are escaped, the title keeps its capitals.
    assert record["title"] == r"{Integration \& cooperation: 100 \% \{Prague\} \#1}"
    assert record["keywords"] == "Housing"
    assert record["year"] == str(entry.updated_at.year)


@pytest.mark.parametrize("status", [Status.DRAFT, Status.REVIEW, Status.ARCHIVED])
@pytest.mark.parametrize("fmt", ["ris", "bib"])
def test_no_citation_of_an_unpublished_entry_for_anonymous_visitors(client, status, fmt):
    entry = make_project(status=status)
    assert client.get(f"/cs/projects/{entry.slug}/cite.{fmt}").status_code == 404


def test_unknown_citation_format_or_entry_is_not_found(client):
    entry = make_project()
    assert client.get(f"/cs/projects/{entry.slug}/cite.docx").status_code == 404
    assert client.get("/cs/projects/no-such-entry/cite.ris").status_code == 404
