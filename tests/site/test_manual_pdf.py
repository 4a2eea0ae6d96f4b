"""The manual of instruments as a PDF, rendered from the seed catalogue.

Rendering takes seconds, so each edition is rendered once for the module.
"""

import io
import re
from pathlib import Path

import pypdf
import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.utils import translation

from catalogue import pdf
from catalogue.models import Status
from instruments.models import Instrument

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"
DRAFT_TITLE = "Rozpracovaný program pro žadatele z Liberce"
KIND_LABELS = {
    "cs": {
        "Finanční",
        "Legislativní",
        "Strategický dokument",
        "Institucionální",
        "Metodický",
        "Informační",
    },
    "en": {
        "Financial",
        "Legislative",
        "Strategic document",
        "Institutional",
        "Methodological",
        "Informational",
    },
}
ONE_LETTER_WORD_AT_LINE_END = re.compile(r"(?:^|\s)[vkszouaiVKSZOUAI]$")


def heading(instrument) -> str:
    """An instrument's heading in the manual: its title, and its acronym in brackets."""
    acronym = f" ({instrument.acronym})" if instrument.acronym else ""
    return normalise(f"{instrument.title}{acronym}")


def normalise(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


@pytest.fixture(scope="module")
def editions(django_db_setup, django_db_blocker):
    """The full Czech manual and an English edition for city districts, with a draft in the catalogue."""
    if pdf.unavailable_reason():
        pytest.skip(f"{pdf.unavailable_reason()} Install them with: {pdf.install_hint()}")
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("loaddata", *sorted(FIXTURES_DIR.glob("*.yaml")), verbosity=0)
        Instrument.objects.create(
            slug="draft-instrument",
            title_cs=DRAFT_TITLE,
            title_en=DRAFT_TITLE,
            summary_cs="Koncept.",
            kind="financial",
            level="national",
            eligible_applicants=["city_district"],
            status=Status.DRAFT,
        )
        cache.clear()
        client = Client()
        result = {}
        for key, path in {
            "cs": "/cs/manual.pdf",
            "en": "/en/manual.pdf?applicant=city_district",
        }.items():
            response = client.get(path)
            if response.status_code == 202:  # longer than a request waits: rendered off it
                pdf.wait_for_renders()
                response = client.get(path)
            assert response.status_code == 200, path
            published = Instrument.objects.published()
            if key == "en":
                published = published.filter(eligible_applicants__contains=["city_district"])
            with translation.override(key):
                titles = {heading(entry) for entry in published}
            result[key] = (pypdf.PdfReader(io.BytesIO(response.content)), titles)
        transaction.set_rollback(True)
    return result


def outline_titles(reader, kind_labels) -> list[str]:
    """The instruments in the PDF's outline: under each kind chapter, the entries of its level sections."""
    found, previous = [], None
    for item in reader.outline:
        if isinstance(item, list):
            if previous is not None and normalise(previous.title) in kind_labels:
                for section in item:
                    if isinstance(section, list):
                        found += [normalise(entry.title) for entry in section]
        else:
            previous = item
    return found


def full_text(reader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize("language", ["cs", "en"])
def test_the_pdf_parses_and_sets_its_title_and_language(editions, language):
    reader, _titles = editions[language]
    assert len(reader.pages) > 2
    title = reader.metadata.title
    assert title.startswith(
        "Příručka nástrojů integrace cizinců" if language == "cs" else "Manual of instruments"
    )
    assert reader.trailer["/Root"]["/Lang"] == language
    assert "/StructTreeRoot" in reader.trailer["/Root"]


@pytest.mark.parametrize("language", ["cs", "en"])
def test_its_contents_list_exactly_the_published_instruments_of_its_edition(editions, language):
    reader, titles = editions[language]
    listed = outline_titles(reader, KIND_LABELS[language])
    assert sorted(listed) == sorted(titles)
    # The contents run from the page after the cover to the page before the introduction.
    introduction = reader.get_destination_page_number(reader.outline[0])
    contents = normalise(" ".join(page.extract_text() for page in reader.pages[1:introduction]))
    for title in titles:
        assert title in contents


@pytest.mark.parametrize("language", ["cs", "en"])
def test_no_draft_appears(editions, language):
    reader, _titles = editions[language]
    assert DRAFT_TITLE not in normalise(full_text(reader))


def test_czech_characters_survive_text_extraction(editions):
    reader, _titles = editions["cs"]
    text = normalise(full_text(reader))
    assert "Příručka nástrojů integrace cizinců" in text
    for word in ("Ministerstvo vnitra", "žadatel", "Spolufinancování", "Kdo může žádat"):
        assert word in text


def test_no_line_of_the_czech_pdf_ends_with_a_one_letter_word(editions):
    reader, _titles = editions["cs"]
    lines = [line.strip() for line in full_text(reader).splitlines() if line.strip()]
    assert len(lines) > 100
    ending = [line for line in lines if ONE_LETTER_WORD_AT_LINE_END.search(line)]
    assert ending == []


def test_internal_links_point_at_pages_of_the_document(editions):
    reader, _titles = editions["cs"]
    contents = reader.pages[1]
    links = [annotation.get_object() for annotation in contents.get("/Annots", [])]
    internal = [link for link in links if "/Dest" in link or "/A" in link and "/D" in link["/A"]]
    assert len(internal) >= 5


def test_every_internal_link_leads_to_a_page_and_each_instrument_links_its_web_page(editions):
    reader, titles = editions["cs"]
    destinations = reader.named_destinations
    internal, urls = [], []
    for page in reader.pages:
        for annotation in page.get("/Annots", []):
            link = annotation.get_object()
            if link.get("/Subtype") != "/Link":
                continue
            if "/Dest" in link:
                internal.append(str(link["/Dest"]))
            elif "/URI" in link.get("/A", {}):
                urls.append(str(link["/A"]["/URI"]))
    # Each instrument is linked from the contents and the index at least.
    assert len(internal) >= 2 * len(titles)
    assert [name for name in internal if name not in destinations] == []
    pages = range(len(reader.pages))
    assert all(reader.get_destination_page_number(destinations[name]) in pages for name in internal)
    assert "http://testserver/cs/manual/" in urls  # the permanent link on the cover
    instrument_pages = {url for url in urls if url.startswith("http://testserver/cs/instruments/")}
    assert len(instrument_pages) >= len(titles)
