"""The manual of instruments as a web page: its editions, chapters and typography; its PDF cache."""

import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.core.management import call_command

from catalogue import pdf
from catalogue.models import Status
from catalogue.templatetags.platform import nbsp_after_one_letter_words, typography
from catalogue.workflow import archive, publish
from projects.models import FundingLine
from tests.factories import make_instrument, make_project, make_target_group

pytestmark = pytest.mark.django_db

ONE_LETTER_WORD_THEN_SPACE = re.compile(r"(?:^|[\s(„])[vkszouaiVKSZOUAI] ")


def manual_slugs(response):
    return [entry.slug for entry in response.context["edition"].instruments]


def test_manual_holds_every_published_instrument_and_no_draft(client):
    shown = make_instrument(title_cs="Dotace na tlumočení")
    draft = make_instrument(title_cs="Rozpracovaný návrh dotace", status=Status.DRAFT)
    response = client.get("/cs/manual/")
    assert response.status_code == 200
    assert manual_slugs(response) == [shown.slug]
    assert "Rozpracovaný návrh dotace" not in response.content.decode()
    assert draft.slug not in response.content.decode()


def test_an_instrument_that_funded_a_draft_names_only_its_published_projects(client):
    instrument = make_instrument(title_cs="Dotace na tlumočení")
    published = make_project(title_cs="Tlumočení pro Kolín")
    draft = make_project(title_cs="Rozpracované tlumočení", status=Status.DRAFT)
    for project in (draft, published):
        FundingLine.objects.create(project=project, instrument=instrument, year=2023)
    response = client.get("/cs/manual/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tlumočení pro Kolín" in page
    assert "Rozpracované tlumočení" not in page


def test_an_edition_holds_exactly_the_rows_of_the_instrument_list_for_the_same_filters(client):
    for_districts = make_instrument(eligible_applicants=["city_district"])
    make_instrument(eligible_applicants=["ngo"])
    also = make_instrument(eligible_applicants=["city_district", "ngo"], kind="methodological")
    query = "?applicant=city_district"
    listed = [entry.slug for entry in client.get(f"/cs/instruments/{query}").context["page_obj"]]
    in_manual = manual_slugs(client.get(f"/cs/manual/{query}"))
    assert sorted(in_manual) == sorted(listed) == sorted([for_districts.slug, also.slug])


def test_the_edition_names_its_filters_and_links_its_pdf(client):
    make_instrument(eligible_applicants=["city_district"])
    response = client.get("/en/manual/?applicant=city_district")
    body = response.content.decode()
    assert "Who may apply: City district" in body
    assert 'href="/en/manual.pdf?applicant=city_district"' in body


def test_instrument_list_links_to_the_manual_of_its_filters(client):
    make_instrument(level="regional")
    body = client.get("/cs/instruments/?level=regional").content.decode()
    assert 'href="/cs/manual/?level=regional"' in body
    assert 'href="/cs/manual.pdf?level=regional"' in body


def test_bad_filters_give_a_manual_with_a_message_not_an_error(client):
    make_instrument()
    response = client.get("/en/manual/?applicant=nonsense&kind=%00&page=x")
    assert response.status_code == 200
    assert len(manual_slugs(response)) == 1


def test_instruments_are_grouped_by_kind_then_level(client):
    national = make_instrument(kind="financial", level="national")
    eu = make_instrument(kind="financial", level="eu")
    law = make_instrument(kind="legislative", level="national")
    chapters = client.get("/en/manual/").context["chapters"]
    assert [chapter.title for chapter in chapters] == ["Financial", "Legislative"]
    assert [(title, [e.slug for e in entries]) for _a, title, entries in chapters[0].sections] == [
        ("European Union", [eu.slug]),
        ("National", [national.slug]),
    ]
    assert [e.slug for e in chapters[1].sections[0][2]] == [law.slug]


def test_the_target_group_chapter_says_which_groups_no_instrument_serves(client):
    workers = make_target_group(name_en="Labour migrants")
    make_target_group(name_en="Seniors")
    make_instrument(title_en="Language courses for workers").target_groups.add(workers)
    response = client.get("/en/manual/")
    served = [
        (group.name, [e.title for e in entries])
        for group, entries in response.context["served_groups"]
    ]
    assert served == [("Labour migrants", ["Language courses for workers"])]
    assert [group.name for group in response.context["unserved_groups"]] == ["Seniors"]


def test_edition_date_is_the_latest_change_of_its_content(client):
    make_instrument()
    newest = make_instrument()
    edition = client.get("/cs/manual/").context["edition"]
    newest.refresh_from_db()
    assert edition.updated_at == newest.updated_at


def test_nbsp_after_one_letter_prepositions_and_conjunctions():
    text = "Dotace v rámci programu a i k obcím s dětmi z Ukrajiny o pomoc u úřadu"
    assert nbsp_after_one_letter_words(text) == (
        "Dotace v\u00a0rámci programu a\u00a0i\u00a0k\u00a0obcím s\u00a0dětmi z\u00a0Ukrajiny "
        "o\u00a0pomoc u\u00a0úřadu"
    )
    # Inside a word, at the end of a text and inside tags nothing changes.
    assert (
        typography('<a href="v x" title="k y">slov v</a>') == '<a href="v x" title="k y">slov v</a>'
    )
    assert typography("(v Praze) „a tak“") == "(v\u00a0Praze) „a\u00a0tak“"


def test_no_one_letter_word_ends_a_line_in_the_html_manual(client):
    make_instrument(
        title_cs="Program v oblasti integrace",
        summary_cs="Podpora obcí a krajů s cizinci v území a k tomu i metodika.",
    )
    body = client.get("/cs/manual/").content.decode()
    text = re.sub(r"<[^>]+>", " ", body.split('id="main-content"')[1].split("</main>")[0])
    assert "v\u00a0oblasti" in text
    assert not ONE_LETTER_WORD_THEN_SPACE.search(text.replace("\n", " "))


@pytest.fixture
def counted_renders(monkeypatch, settings, tmp_path):
    """Count PDF renderings without rendering (the cache is what is tested here)."""
    renders = []

    def fake_render(html, **kwargs):
        renders.append(html)
        return b"%PDF-1.7 test"

    monkeypatch.setattr(pdf, "unavailable_reason", lambda: "")
    monkeypatch.setattr(pdf, "render_pdf", fake_render)
    settings.PDF_CACHE_DIR = str(tmp_path)
    return renders


@pytest.fixture
def slow_renders(counted_renders, settings):
    """Renderings that last until the test lets them finish; requests do not wait for them."""
    settings.PDF_RENDER_WAIT_SECONDS = 0
    release = threading.Event()
    fast_render = pdf.render_pdf

    def slow_render(html, **kwargs):
        assert release.wait(timeout=30)
        return fast_render(html, **kwargs)

    pdf.render_pdf = slow_render  # restored by counted_renders' monkeypatch
    yield release
    release.set()
    pdf.wait_for_renders(timeout=30)


def test_a_pdf_is_rendered_once_per_content_version(client, counted_renders):
    make_instrument()
    first = client.get("/cs/manual.pdf")
    assert first.status_code == 200 and first["Content-Type"] == "application/pdf"
    client.get("/cs/manual.pdf")
    assert len(counted_renders) == 1
    client.get("/en/manual.pdf")  # another language is another edition
    client.get("/cs/manual.pdf?kind=financial")  # and so is another filter
    assert len(counted_renders) == 3


def test_publishing_changing_or_archiving_an_instrument_renews_the_pdf(
    client, counted_renders, publisher
):
    shown = make_instrument(title_cs="Stávající nástroj")
    draft = make_instrument(title_cs="Nově zveřejněný nástroj", status=Status.REVIEW)
    client.get("/cs/manual.pdf")
    publish(draft, by=publisher)
    client.get("/cs/manual.pdf")
    assert len(counted_renders) == 2 and "Nově zveřejněný nástroj" in counted_renders[-1]
    shown.title_cs = "Přejmenovaný nástroj"
    shown.save()
    client.get("/cs/manual.pdf")
    assert len(counted_renders) == 3 and "Přejmenovaný nástroj" in counted_renders[-1]
    archive(shown, by=publisher)
    client.get("/cs/manual.pdf")
    assert len(counted_renders) == 4 and "Přejmenovaný nástroj" not in counted_renders[-1]
    client.get("/cs/manual.pdf")
    assert len(counted_renders) == 4


def test_without_the_pdf_libraries_the_manual_pdf_answers_503_and_the_web_edition_works(
    client, monkeypatch
):
    make_instrument()
    monkeypatch.setattr(pdf, "unavailable_reason", lambda: "no Pango")
    response = client.get("/en/manual.pdf?kind=financial")
    assert response.status_code == 503
    assert "apt-get install libpango-1.0-0" in response.content.decode()
    assert 'href="/en/manual/?kind=financial"' in response.content.decode()
    assert client.get("/en/manual/?kind=financial").status_code == 200


def test_a_long_rendering_goes_on_off_the_request_behind_a_page_that_reloads_itself(
    client, slow_renders, counted_renders
):
    make_instrument()
    waiting = client.get("/en/manual.pdf?kind=financial")
    assert waiting.status_code == 202
    assert waiting["Cache-Control"] == "no-store"
    body = waiting.content.decode()
    assert '<meta http-equiv="refresh" content="5">' in body
    assert "This page reloads itself when the PDF is ready" in body
    assert "Tato stránka se sama znovu načte, až bude PDF hotové" in body
    assert 'href="/en/manual/?kind=financial"' in body
    assert client.get("/en/manual.pdf?kind=financial").status_code == 202  # still rendering
    slow_renders.set()
    pdf.wait_for_renders(timeout=30)
    ready = client.get("/en/manual.pdf?kind=financial")
    assert ready.status_code == 200 and ready["Content-Type"] == "application/pdf"
    assert len(counted_renders) == 1


def test_a_pdf_another_process_is_rendering_is_not_rendered_again_unless_that_process_died(
    client, counted_renders, settings
):
    make_instrument()
    assert client.get("/cs/manual.pdf").status_code == 200  # its content version is now known
    (stored,) = Path(settings.PDF_CACHE_DIR).glob("*.pdf")
    stored.unlink()
    lock = stored.with_suffix(".lock")
    lock.write_text(str(os.getppid()))  # a live process other than this one is rendering it
    assert client.get("/cs/manual.pdf").status_code == 202
    assert len(counted_renders) == 1
    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    lock.write_text(ended.stdout.strip())  # the process holding the lock has ended
    assert client.get("/cs/manual.pdf").status_code == 200
    assert len(counted_renders) == 2 and not lock.exists()


def test_render_manuals_stores_the_pdfs_visitors_then_get(client, counted_renders):
    make_instrument(eligible_applicants=["city_district"])
    call_command(
        "render_manuals", "--base-url", "http://testserver", "--edition", "applicant=city_district"
    )
    assert len(counted_renders) == 4  # two languages, the full edition and one filtered
    for path in ("/cs/manual.pdf", "/en/manual.pdf?applicant=city_district"):
        response = client.get(path)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert len(counted_renders) == 4
