"""Markup stored in an entry never reaches a page as markup: Markdown goes through the allow-list."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import make_instrument, make_project, make_scenario, make_step, make_strategy

pytestmark = pytest.mark.django_db

HOSTILE = (
    "Useful text.\n\n<script>alert('x')</script>\n\n<img src=x onerror=alert(1)>\n\n"
    '[click](javascript:alert(1)) <a href="#" onclick="alert(1)">link</a>'
)


def assert_harmless(content):
    assert "Useful text." in content
    assert "<script>alert" not in content
    assert "onerror=" not in content
    assert "onclick=" not in content
    assert 'href="javascript:' not in content


@pytest.mark.parametrize("language", ["cs", "en"])
def test_markdown_sections_are_sanitised_on_every_page(client, language):
    project = make_project(objectives_cs=HOSTILE, objectives_en=HOSTILE, results_cs=HOSTILE)
    instrument = make_instrument(purpose_cs=HOSTILE, purpose_en=HOSTILE, when_to_use_cs=HOSTILE)
    scenario = make_scenario()
    scenario.situation_cs = scenario.situation_en = HOSTILE
    scenario.save()
    strategy = make_strategy(scenario=scenario, goals_cs=HOSTILE, goals_en=HOSTILE)
    make_step(strategy, description_cs=HOSTILE, description_en=HOSTILE)
    with translation.override(language):
        urls = [
            reverse("projects:detail", kwargs={"slug": project.slug}),
            reverse("instruments:detail", kwargs={"slug": instrument.slug}),
            reverse("strategies:detail", kwargs={"slug": strategy.slug}),
            reverse("strategies:scenario", kwargs={"slug": scenario.slug}),
        ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200
        assert_harmless(response.content.decode())


def test_plain_text_fields_are_escaped(client):
    project = make_project(
        title_en="<script>alert('title')</script>", summary_en="<b onmouseover=x>sum</b>"
    )
    with translation.override("en"):
        content = client.get(
            reverse("projects:detail", kwargs={"slug": project.slug})
        ).content.decode()
    assert "<script>alert('title')" not in content
    assert "&lt;script&gt;" in content
    assert "onmouseover=x>" not in content


def test_meta_description_from_markdown_cannot_break_out_of_its_attribute(client):
    scenario = make_scenario()
    scenario.situation_en = 'A "quoted" word" http-equiv="refresh'
    scenario.save()
    with translation.override("en"):
        content = client.get(
            reverse("strategies:scenario", kwargs={"slug": scenario.slug})
        ).content.decode()
    assert not re.search(r"<meta[^>]*http-equiv=\"", content)
    assert 'content="A &quot;quoted&quot; word&quot; http-equiv=&quot;refresh">' in content
