"""A strategy as a printable checklist: a PDF of two to four pages, linked from the strategy page."""

import io
import re
import threading
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
from strategies.models import Strategy
from tests.factories import make_step, make_strategy

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"
MAX_PAGES = 4
ONE_LETTER_WORD_AT_LINE_END = re.compile(r"(?:^|\s)[vkszouaiVKSZOUAI]$")


def normalise(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


@pytest.fixture(scope="module")
def checklists(django_db_setup, django_db_blocker):
    """The checklist of every published seed strategy, in Czech, and one in English."""
    if pdf.unavailable_reason():
        pytest.skip(f"{pdf.unavailable_reason()} Install them with: {pdf.install_hint()}")
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("loaddata", *sorted(FIXTURES_DIR.glob("*.yaml")), verbosity=0)
        cache.clear()
        client = Client()
        result = {}
        strategies = list(Strategy.objects.published().order_by("slug"))
        for language, selected in (("cs", strategies), ("en", strategies[:1])):
            for strategy in selected:
                with translation.override(language):
                    path = strategy.get_absolute_url() + "checklist.pdf"
                    steps = [normalise(step.title) for step in strategy.steps.all()]
                    title = strategy.title
                response = client.get(path)
                if response.status_code == 202:  # a busy machine: rendered off the request
                    pdf.wait_for_renders()
                    response = client.get(path)
                assert response.status_code == 200, path
                reader = pypdf.PdfReader(io.BytesIO(response.content))
                result[language, strategy.slug] = (reader, title, steps)
        transaction.set_rollback(True)
    return result


def text_of(reader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def test_every_seed_strategy_has_a_checklist_of_at_most_four_pages(checklists):
    czech = {
        slug: reader
        for (language, slug), (reader, _t, _s) in checklists.items()
        if language == "cs"
    }
    assert len(czech) >= 4
    pages = {slug: len(reader.pages) for slug, reader in czech.items()}
    assert all(1 <= count <= MAX_PAGES for count in pages.values()), pages


def test_a_checklist_holds_every_step_and_its_title_and_language(checklists):
    for (language, slug), (reader, title, steps) in checklists.items():
        text = normalise(text_of(reader))
        assert reader.trailer["/Root"]["/Lang"] == language, slug
        assert reader.metadata.title.startswith(title), slug
        for step in steps:
            assert step in text, (slug, step)


def test_no_line_of_a_czech_checklist_ends_with_a_one_letter_word(checklists):
    for (language, slug), (reader, _title, _steps) in checklists.items():
        if language != "cs":
            continue
        lines = [line.strip() for line in text_of(reader).splitlines() if line.strip()]
        ending = [line for line in lines if ONE_LETTER_WORD_AT_LINE_END.search(line)]
        assert ending == [], slug


@pytest.mark.django_db
def test_the_strategy_page_links_its_checklist_and_each_phase(client):
    strategy = make_strategy()
    make_step(strategy, phase="prepare")
    make_step(strategy, phase="first_days")
    body = client.get(f"/cs/strategies/{strategy.slug}/").content.decode()
    assert f'href="/cs/strategies/{strategy.slug}/checklist.pdf"' in body
    assert "Vytisknout kontrolní seznam" in body
    for phase in ("prepare", "first_days"):
        assert f'href="#phase-{phase}"' in body and f'id="phase-{phase}"' in body
    assert 'href="#phase-long_term"' not in body  # no link to a phase without steps


@pytest.mark.django_db
def test_a_draft_strategy_has_no_public_checklist(client):
    draft = make_strategy(status=Status.DRAFT)
    assert client.get(f"/cs/strategies/{draft.slug}/checklist.pdf").status_code == 404


@pytest.mark.django_db
def test_without_the_pdf_libraries_the_checklist_answers_what_to_install(client, monkeypatch):
    strategy = make_strategy()
    monkeypatch.setattr(pdf, "unavailable_reason", lambda: "no Pango")
    response = client.get(f"/en/strategies/{strategy.slug}/checklist.pdf")
    assert response.status_code == 503
    assert "apt-get install libpango-1.0-0" in response.content.decode()
    assert f'href="/en/strategies/{strategy.slug}/"' in response.content.decode()


@pytest.mark.django_db
def test_a_checklist_still_rendering_answers_a_page_that_reloads_itself(
    client, monkeypatch, settings, tmp_path
):
    strategy = make_strategy()
    release = threading.Event()

    def slow_render(html, **kwargs):
        assert release.wait(timeout=30)
        return b"%PDF-1.7 test"

    monkeypatch.setattr(pdf, "unavailable_reason", lambda: "")
    monkeypatch.setattr(pdf, "render_pdf", slow_render)
    settings.PDF_CACHE_DIR = str(tmp_path)
    settings.PDF_RENDER_WAIT_SECONDS = 0
    path = f"/cs/strategies/{strategy.slug}/checklist.pdf"
    try:
        waiting = client.get(path)
        assert waiting.status_code == 202
        assert '<meta http-equiv="refresh"' in waiting.content.decode()
        assert f'href="/cs/strategies/{strategy.slug}/"' in waiting.content.decode()
    finally:
        release.set()
        pdf.wait_for_renders(timeout=30)
    ready = client.get(path)
    assert ready.status_code == 200 and ready.content == b"%PDF-1.7 test"
