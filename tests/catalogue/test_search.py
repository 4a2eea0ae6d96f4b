"""Global search: Czech-aware matching, ranking, snippets, drafts hidden, no errors on odd input."""

import re
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalogue.models import Status
from catalogue.search import highlight, search_entries
from tests.factories import make_instrument, make_project, make_strategy

pytestmark = pytest.mark.django_db


def found(query: str) -> dict[str, set[str]]:
    return {
        key: {entry.slug for entry in queryset} for key, queryset in search_entries(query).items()
    }


def test_search_entries_covers_every_catalogue():
    assert set(search_entries("cokoli")) == {"projects", "instruments", "strategies"}


@pytest.mark.parametrize("query", ["cizinci", "cizinců", "cizincu", "CIZINCŮ"])
def test_czech_word_forms_find_the_same_entries(query):
    project = make_project(title_cs="Poradna pro cizince v Brně")
    instrument = make_instrument(summary_cs="Dotace na integraci cizinců na místní úrovni.")
    strategy = make_strategy(summary_cs="Když do obce přijdou noví cizinci.")
    make_project(title_cs="Jazykové kurzy pro rodiče")
    results = found(query)
    assert results == {
        "projects": {project.slug},
        "instruments": {instrument.slug},
        "strategies": {strategy.slug},
    }


def test_query_without_diacritics_finds_the_czech_title():
    project = make_project(
        title_cs="Společně na trhu práce", title_en="Together on the Labour Market"
    )
    make_project(title_cs="Tlumočení ve školách")
    assert found("trh prace")["projects"] == {project.slug}
    assert found("labour market")["projects"] == {project.slug}


def test_drafts_and_archived_entries_are_never_found(client):
    make_project(title_cs="Cizinci v obci (koncept)", status=Status.DRAFT)
    make_instrument(title_cs="Cizinci v kraji (v posouzení)", status=Status.REVIEW)
    make_strategy(title_cs="Cizinci a stará strategie", status=Status.ARCHIVED)
    assert found("cizinci") == {"projects": set(), "instruments": set(), "strategies": set()}
    html = client.get("/cs/search/?q=cizinci").content.decode()
    assert "koncept" not in html and "posouzení" not in html and "stará strategie" not in html


def test_title_matches_rank_above_body_matches():
    in_body = make_project(
        title_cs="Komunitní centrum",
        summary_cs="Centrum nabízí poradenství.",
        activities_cs="Tlumočníci pomáhají; tlumočníci doprovázejí; tlumočníci překládají.",
    )
    in_summary = make_project(title_cs="Podpora škol", summary_cs="Škola zaměstnává tlumočníky.")
    in_title = make_project(title_cs="Tlumočníci pro úřady", summary_cs="Služba pro obce.")
    ranked = [entry.slug for entry in search_entries("tlumočník")["projects"]]
    assert ranked == [in_title.slug, in_summary.slug, in_body.slug]


def test_results_are_grouped_by_type_with_counts(client):
    make_project(title_cs="Integrace cizinců v Praze")
    make_project(title_cs="Cizinci na trhu práce")
    make_instrument(title_cs="Dotace pro cizince")
    response = client.get("/cs/search/?q=cizinci")
    groups = {group["key"]: group["count"] for group in response.context["groups"]}
    assert groups == {"projects": 2, "instruments": 1, "strategies": 0}
    assert response.context["total"] == 3
    html = response.content.decode()
    assert 'id="results-projects"' in html and 'id="results-instruments"' in html
    assert 'id="results-strategies"' not in html


def test_snippet_highlights_why_an_entry_matched_and_escapes_the_rest(client):
    make_project(
        title_cs="Komunitní centrum <b>Máj</b>",
        summary_cs='Poradna <script>alert("x")</script> pomáhá cizincům & rodinám s dětmi < 6 let.',
    )
    html = client.get("/cs/search/?q=cizinci").content.decode()
    snippet = re.search(r'<p class="snippet">(.*?)</p>', html, re.DOTALL).group(1)
    assert "<mark>cizincům</mark>" in snippet
    assert "<script>" not in html
    assert "&amp; rodinám" in snippet
    assert "&lt; 6 let" in snippet
    assert "<b>Máj</b>" not in html
    assert snippet.replace("<mark>", "").replace("</mark>", "").count("<") == 0


def test_english_page_shows_czech_text_marked_as_czech_when_english_is_missing(client):
    make_project(
        title_cs="Cizinci v Liberci", title_en="", summary_cs="Shrnutí o cizincích.", summary_en=""
    )
    html = client.get("/en/search/?q=cizinci").content.decode()
    assert re.search(
        r'<a href="/en/projects/[^"]+/" lang="cs"><mark>Cizinci</mark> v Liberci</a>', html
    )
    assert '<p class="snippet" lang="cs">' in html


def test_match_in_a_long_markdown_field_is_shown_as_plain_text(client):
    make_project(
        title_cs="Komunitní práce",
        summary_cs="Krátké shrnutí.",
        activities_cs="## Postup\n\n**Asistenti** doprovázejí *žadatele o azyl* na úřady.",
    )
    html = client.get("/cs/search/?q=azyl").content.decode()
    assert "žadatele o <mark>azyl</mark> na úřady" in html
    assert "**" not in html.split('id="results-projects"')[1]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "\x00",
        "cizinci\x00",
        "%00",
        "' OR 1=1 --",
        "&|!():*",
        "<script>",
        "a" * 5000,
        "ž" * 100,
        "x " * 500,
    ],
)
def test_odd_queries_never_cause_an_error(client, query):
    make_project(title_cs="Cizinci")
    response = client.get("/cs/search/", {"q": query})
    assert response.status_code == 200


def test_empty_query_shows_the_form_without_results(client):
    response = client.get("/en/search/")
    assert response.status_code == 200
    assert response.context["groups"] == []
    assert 'name="q"' in response.content.decode()


def test_no_results_explain_what_to_do(client):
    html = client.get("/en/search/?q=zzzzqqq").content.decode()
    assert "Nothing matches your search." in html


def test_search_uses_a_fixed_number_of_queries_whatever_the_number_of_results(client):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/cs/search/?q=cizinci").status_code == 200
        return len(queries)

    # One result in each catalogue, then many: the page fetches each group's related
    # names once, however many results it shows.
    make_project(title_cs="Cizinci 1")
    make_instrument(title_cs="Cizinci 1")
    make_strategy(title_cs="Cizinci 1")
    one = count_queries()
    for n in range(30):
        make_project(title_cs=f"Cizinci {n}")
        make_instrument(title_cs=f"Cizinci {n}")
        make_strategy(title_cs=f"Cizinci {n}")
    assert count_queries() == one


def test_highlight_wraps_every_matching_word_form():
    html = highlight("Cizinci a cizincům pomáhá obec; cizinec je vítán.", "cizinci")
    assert html.count("<mark>") == 3
    assert "<mark>Cizinci</mark>" in html and "<mark>cizincům</mark>" in html
    assert "<mark>cizinec</mark>" in html and "<mark>obec</mark>" not in html
    assert highlight("Nic zde není.", "cizinci") == ""


def test_search_results_offer_exports_of_the_same_query(client):
    make_project(title_cs="Cizinci v Brně")
    html = client.get("/cs/search/?q=cizinci+brno").content.decode()
    for fmt in ("csv", "xlsx", "json"):
        assert f'href="/cs/search/export.{fmt}?q=cizinci+brno"' in html


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    lang=st.sampled_from(["cs", "en"]),
    params=st.dictionaries(
        st.one_of(st.just("q"), st.text(max_size=10)),
        st.one_of(
            st.text(max_size=300),
            st.sampled_from(["\x00", "cizinci\x00", "'", "&|!", "ž" * 70, "9" * 400, "%", "\\"]),
        ),
        max_size=3,
    ),
)
def test_random_query_strings_never_cause_a_server_error(client, lang, params):
    response = client.get(f"/{lang}/search/?{urlencode(params)}")
    assert response.status_code < 500
