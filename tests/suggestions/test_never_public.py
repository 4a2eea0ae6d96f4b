"""A suggestion is never a public entry: no page, search, export, feed, sitemap or API shows it."""

import pytest
from django.urls import reverse

from suggestions.models import Suggestion
from tests.factories import make_instrument, make_project

pytestmark = pytest.mark.django_db

MARKER = "Zvlastnislovo"
# Words only the suggestion holds; a search for MARKER echoes MARKER itself, never these.
TITLE_WORD, TEXT_WORD = "Kvetinac", "Hrnicek"


def test_no_public_path_shows_a_suggestion_or_its_submitter(client):
    make_project()
    make_instrument()
    Suggestion.objects.create(
        kind=Suggestion.Kind.NEW_ENTRY,
        catalogue="projects",
        title=f"{MARKER} {TITLE_WORD}",
        description=f"{MARKER} {TEXT_WORD}",
        submitter_email="tajny@example.org",
        language="cs",
    )
    paths = [
        reverse("home"),
        reverse("search") + f"?q={MARKER}",
        reverse("projects:list"),
        reverse("projects:list") + f"?q={MARKER}",
        reverse("projects:export", kwargs={"fmt": "csv"}),
        reverse("projects:export", kwargs={"fmt": "json"}),
        reverse("search-export", kwargs={"fmt": "json"}) + f"?q={MARKER}",
        reverse("projects:feed"),
        reverse("sitemap"),
        "/api/v1/projects/",
        f"/api/v1/projects/?q={MARKER}",
        reverse("data"),
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode()
        for word in (TITLE_WORD, TEXT_WORD):
            assert word.lower() not in text.lower(), path
        if "q=" not in path:
            assert MARKER.lower() not in text.lower(), path
        assert "tajny@example.org" not in text, path
