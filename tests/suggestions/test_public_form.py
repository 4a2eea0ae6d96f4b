"""The public suggestion form: a person gets through, bots do not, nothing typed is lost."""

import time

import pytest
from django.core import signing
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from suggestions.forms import TOKEN_SALT
from suggestions.models import Suggestion
from tests.factories import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_rate_limit():
    cache.clear()
    yield
    cache.clear()


def started_seconds_ago(seconds: float) -> str:
    return signing.dumps(time.time() - seconds, salt=TOKEN_SALT)


def person(**fields):
    """What a person sends after a minute of typing."""
    data = {
        "title": "Jazykové kurzy pro rodiče v Liberci",
        "description": "Kurzy češtiny pro rodiče dětí z mateřských škol, od roku 2023.",
        "place": "Liberec",
        "organisation": "Spolek Příklad",
        "source_url": "https://example.org/kurzy",
        "submitter_name": "Jana Nováková",
        "submitter_email": "jana@example.org",
        "submitter_organisation": "",
        "website": "",
        "started": started_seconds_ago(60),
    }
    data.update(fields)
    return data


def suggest_url(catalogue="projects", lang="cs"):
    with translation.override(lang):
        return reverse("suggestions:new", kwargs={"catalogue": catalogue})


@pytest.mark.parametrize("lang", ["cs", "en"])
def test_the_index_offers_every_catalogue(client, lang):
    with translation.override(lang):
        response = client.get(reverse("suggestions:index"))
    assert response.status_code == 200
    for catalogue in ("projects", "instruments", "strategies"):
        assert suggest_url(catalogue, lang).encode() in response.content
    assert "e-mail" in response.content.decode()  # the privacy notice


@pytest.mark.parametrize("catalogue", ["projects", "instruments", "strategies"])
def test_each_catalogue_has_its_own_form(client, catalogue):
    response = client.get(suggest_url(catalogue, "en"))
    assert response.status_code == 200
    assert 'name="title"' in response.content.decode()
    assert ('name="place"' in response.content.decode()) == (catalogue == "projects")


def test_an_unknown_catalogue_is_not_found(client):
    assert client.get("/cs/suggest/no-such-thing/").status_code == 404


def test_a_person_gets_through_and_the_suggestion_waits_for_the_editors(client):
    response = client.post(suggest_url(lang="en"), person())
    assert response.status_code == 302
    assert response["Location"] == reverse("suggestions:thanks")
    suggestion = Suggestion.objects.get()
    assert suggestion.state == Suggestion.State.WAITING
    assert suggestion.kind == Suggestion.Kind.NEW_ENTRY
    assert suggestion.catalogue == "projects"
    assert suggestion.language == "en"
    assert suggestion.submitter_email == "jana@example.org"


def test_a_filled_honeypot_is_answered_as_success_and_kept_nowhere(client):
    response = client.post(suggest_url(), person(website="http://spam.example"))
    assert response.status_code == 302
    assert not Suggestion.objects.exists()


def test_a_form_sent_in_a_second_is_refused_and_keeps_what_was_typed(client):
    response = client.post(suggest_url(lang="en"), person(started=started_seconds_ago(0.5)))
    assert response.status_code == 400
    assert not Suggestion.objects.exists()
    page = response.content.decode()
    assert "Jazykové kurzy pro rodiče v Liberci" in page
    assert "too quickly" in page
    # A fresh token lets the same person send the kept text a moment later.
    token = response.context["form"].data["started"]
    assert signing.loads(token, salt=TOKEN_SALT) > time.time() - 5


def test_a_forged_or_missing_token_is_refused(client):
    assert client.post(suggest_url(), person(started="forged")).status_code == 400
    assert client.post(suggest_url(), person(started="")).status_code == 400
    assert not Suggestion.objects.exists()


def test_one_address_may_send_only_a_few_suggestions_an_hour(client, settings):
    settings.SUGGESTION_RATE_LIMIT = 2
    for n in range(2):
        assert client.post(suggest_url(), person(title=f"Projekt {n}")).status_code == 302
    response = client.post(suggest_url(), person(title="Projekt navíc"))
    assert response.status_code == 429
    assert "Projekt navíc" in response.content.decode()
    assert Suggestion.objects.count() == 2
    # Another address is not affected.
    other = client.post(suggest_url(), person(title="Jiný"), REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 302


def test_text_is_kept_plain_and_within_limits(client):
    response = client.post(
        suggest_url(), person(description="<b>Kurzy</b> <script>alert(1)</script>pro rodiče")
    )
    assert response.status_code == 302
    assert Suggestion.objects.get().description == "Kurzy alert(1)pro rodiče"
    too_long = client.post(suggest_url(), person(title="Dlouhý", description="x" * 5001))
    assert too_long.status_code == 400
    assert Suggestion.objects.count() == 1


def test_required_fields_get_a_clear_message(client):
    response = client.post(suggest_url(lang="en"), person(title="", description="<p></p>"))
    assert response.status_code == 400
    assert response.context["form"].errors.keys() >= {"title", "description"}


def test_a_correction_names_its_published_entry(client):
    project = make_project(title_cs="Poradna pro cizince")
    with translation.override("cs"):
        url = reverse(
            "suggestions:correction", kwargs={"catalogue": "projects", "slug": project.slug}
        )
    page = client.get(url)
    assert page.status_code == 200
    assert "Poradna pro cizince" in page.content.decode()
    response = client.post(url, person(title="Špatný rok", description="Projekt začal 2019."))
    assert response.status_code == 302
    suggestion = Suggestion.objects.get()
    assert suggestion.kind == Suggestion.Kind.CORRECTION
    assert suggestion.entry_slug == project.slug


def test_drafts_cannot_be_corrected_from_outside(client):
    draft = make_project(status="draft")
    url = reverse("suggestions:correction", kwargs={"catalogue": "projects", "slug": draft.slug})
    assert client.get(url).status_code == 404


def test_every_published_entry_page_links_to_its_correction_form(client):
    from tests.factories import make_instrument, make_scenario, make_strategy

    for entry, key in [
        (make_project(), "projects"),
        (make_instrument(), "instruments"),
        (make_strategy(scenario=make_scenario()), "strategies"),
    ]:
        page = client.get(entry.get_absolute_url())
        correction = reverse(
            "suggestions:correction", kwargs={"catalogue": key, "slug": entry.slug}
        )
        assert correction in page.content.decode(), key
