"""PDF rendering: what it needs from the system, and what a visitor gets without it."""

import io

import pypdf
import pytest
from django.test import RequestFactory
from django.utils import translation

from catalogue import pdf


def test_a_tagged_pdf_keeps_czech_characters_title_and_language(pdf_renderer):
    content = pdf_renderer(
        '<html lang="cs"><head><title>Příručka</title></head>'
        "<body><p>Příliš žluťoučký kůň úpěl ďábelské ódy.</p></body></html>"
    )
    reader = pypdf.PdfReader(io.BytesIO(content))
    assert reader.metadata.title == "Příručka"
    assert reader.trailer["/Root"]["/Lang"] == "cs"
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged for screen readers
    assert "Příliš žluťoučký kůň úpěl ďábelské ódy." in reader.pages[0].extract_text()


def test_rendering_never_fetches_what_content_points_at(pdf_renderer):
    # An image in content must not make the server request another host or read a file.
    content = pdf_renderer(
        '<html lang="en"><title>T</title><body><img src="http://127.0.0.1:9/x.png" alt="x">'
        '<img src="file:///etc/passwd" alt="y"></body></html>'
    )
    assert content.startswith(b"%PDF")


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["cs", "en"])
def test_without_libraries_a_pdf_link_says_in_both_languages_what_to_install(language):
    request = RequestFactory().get(f"/{language}/manual.pdf")
    with translation.override(language):
        response = pdf.pdf_unavailable_response(request, html_url=f"/{language}/manual/")
    body = response.content.decode()
    assert response.status_code == 503
    assert "apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0" in body
    assert 'lang="cs"' in body and 'lang="en"' in body
    assert "The PDF cannot be generated on this server" in body
    assert "PDF nelze na tomto serveru vytvořit" in body
    assert f'href="/{language}/manual/"' in body
