"""The search engine's behaviours: names kept whole, exact phrases, typo correction,
the thesaurus, closest matches, why an entry matched, and one engine for every page."""

import re

import pytest
from django.urls import reverse

from catalogue.search import analyse_query, search_entries
from taxonomy.models import SearchTerm, ThesaurusEntry
from tests.factories import make_organisation, make_project, make_strategy, make_target_group

pytestmark = pytest.mark.django_db


def found(query: str, catalogue: str = "projects") -> list[str]:
    return [entry.slug for entry in search_entries(query)[catalogue]]


def test_a_place_name_is_not_stemmed_into_a_common_word():
    town = make_project(title_cs="Integrační centrum v Kolíně", title_en="Centre in Kolín")
    other = make_project(summary_cs="Projekt se točí kolem jazykových kurzů.")
    for query in ("Kolín", "Kolíně", "kolin"):
        assert found(query) == [town.slug], query
    assert found("kolem") == [other.slug]


def test_a_quoted_phrase_finds_the_words_in_that_order_first():
    exact = make_project(title_cs="Rodina odvedle")
    apart = make_project(title_cs="Odvedle bydlí rodina s dětmi")
    assert found('"Rodina odvedle"') == [exact.slug]
    assert set(found("rodina odvedle")) == {exact.slug, apart.slug}


def test_the_last_word_matches_as_a_prefix():
    project = make_project(summary_cs="Setkání vietnamské komunity v Libuši.")
    assert found("vietnam") == [project.slug]
    assert found("komunita vietnam") == [project.slug]


def test_stop_words_are_ignored_and_an_incomplete_sentence_still_finds_the_closest_entries():
    both = make_project(title_cs="Zahraniční pracovníci v nové továrně")
    one = make_project(title_cs="Zahraniční studenti")
    make_project(title_cs="Kurzy vaření")
    assert found("co dělat se zahraničními pracovníky") == [both.slug]
    # No entry has "pracovníci", "studenti" and "kuchaři": the more words, the higher.
    ranked = found("zahraniční pracovníci studenti kuchaři")
    assert ranked[:2] == [both.slug, one.slug] or ranked[:2] == [one.slug, both.slug]
    assert len(ranked) == 2


def test_a_sentence_finds_entries_with_most_of_its_words_those_with_all_first():
    every = make_project(title_cs="Ubytování uprchlíků v malé obci")
    most = make_project(title_cs="Uprchlíci v malé obci")
    make_project(title_cs="Uprchlíci ve městě")
    assert found("ubytování uprchlíků malá obec") == [every.slug, most.slug]


def test_the_page_says_when_no_entry_has_every_word(client):
    make_project(title_cs="Zahraniční pracovníci")
    html = client.get("/cs/search/", {"q": "pracovníci kuchaři"}).content.decode()
    assert "Žádný záznam neobsahuje všechna slova" in html
    html = client.get("/en/search/", {"q": "pracovníci kuchaři"}).content.decode()
    assert "No entry contains every word; showing the closest matches." in html


def test_a_typo_is_corrected_to_an_indexed_word_and_the_page_says_so(client):
    project = make_project(title_cs="Interkulturní pracovníci města Brna", title_en="Brno workers")
    assert found("Brmo") == [project.slug]
    assert analyse_query("Brmo").corrected == "Brno"

    html = client.get("/cs/search/", {"q": "Brmo"}).content.decode()
    assert "Zobrazují se výsledky pro <strong>Brno</strong>." in html
    assert "Místo toho hledat Brmo." in html
    html = client.get("/en/search/", {"q": "Brmo"}).content.decode()
    assert "Showing results for <strong>Brno</strong>." in html
    link = re.search(r'<a href="([^"]+)">Search for Brmo instead\.</a>', html).group(1)
    as_typed = client.get("/en/search/" + link.replace("&amp;", "&"))
    assert as_typed.context["total"] == 0
    assert "Showing results for" not in as_typed.content.decode()


def test_a_real_word_missing_from_the_catalogue_is_not_corrected():
    make_project(title_cs="Podpora tlumočníků")
    assert analyse_query("továrna").corrected == ""


def test_the_vocabulary_grows_when_an_entry_is_saved():
    assert not SearchTerm.objects.filter(term="ethnocatering").exists()
    project = make_project(title_cs="Ethnocatering")
    assert SearchTerm.objects.filter(term="ethnocatering", kind=SearchTerm.Kind.WORD).exists()
    assert found("etnocatering") == [project.slug]


def test_synonyms_from_the_thesaurus_are_searched_and_named(client):
    ThesaurusEntry.objects.create(terms_cs="cizinci\nmigranti", terms_en="foreigners\nmigrants")
    project = make_project(title_cs="Fórum migrantů")
    assert found("cizinci") == [project.slug]
    assert found("foreigners") == [project.slug]
    html = client.get("/cs/search/", {"q": "cizinci"}).content.decode()
    assert "Hledáno také:" in html and "migranti" in html


def test_narrower_terms_are_found_by_the_broader_one_but_not_the_other_way_round():
    ThesaurusEntry.objects.create(
        terms_cs="běženci\nuprchlíci", narrower_cs="držitelé mezinárodní ochrany"
    )
    refugees = make_project(title_cs="Otevřené dveře pro uprchlíky")
    protected = make_project(title_cs="Bydlení pro držitele mezinárodní ochrany")
    assert set(found("běženci")) == {refugees.slug, protected.slug}
    assert found("držitelé mezinárodní ochrany") == [protected.slug]


def test_editing_the_thesaurus_takes_effect_at_once_and_keeps_its_history():
    project = make_project(title_cs="Poradna pro azylanty")
    assert found("běženci") == []
    entry = ThesaurusEntry.objects.create(terms_cs="běženci\nazylanti")
    assert found("běženci") == [project.slug]
    entry.terms_cs = "běženci"
    entry.save()
    assert found("běženci") == []
    assert entry.history.count() == 2


def test_organisation_acronyms_find_their_entries():
    simi = make_organisation(name_cs="Sdružení pro integraci a migraci", acronym="SIMI")
    project = make_project(title_cs="Zaměstnáním k integraci", lead_organisation=simi)
    assert found("SIMI") == [project.slug]
    assert found("simi") == [project.slug]


def test_target_groups_are_searchable_and_named_as_the_field_that_matched(client):
    group = make_target_group(name_cs="Senioři", name_en="Seniors")
    project = make_project(title_cs="Klub pro starší")
    project.target_groups.add(group)
    project.save()
    assert found("seniorům") == [project.slug]
    html = client.get("/cs/search/", {"q": "seniorům"}).content.decode()
    assert "Shoda v části „cílové skupiny“" in html
    assert "<mark>Senioři</mark>" in html


def test_the_snippet_marks_inflected_forms_and_names_the_field(client):
    make_project(
        title_cs="Komunitní centrum",
        summary_cs="Centrum pro rodiny.",
        results_cs="Kurzy navštívilo 120 cizinců a jejich dětí.",
    )
    html = client.get("/en/search/", {"q": "cizinci"}).content.decode()
    assert "<mark>cizinců</mark>" in html
    assert "Matched in: results and outputs" in html


def test_the_list_search_box_the_api_and_the_export_use_the_same_engine(client):
    project = make_project(title_cs="Interkulturní pracovníci města Brna")
    make_project(title_cs="Jazykové kurzy")
    list_page = client.get(reverse("projects:list"), {"q": "Brmo"})
    assert [entry.slug for entry in list_page.context["page_obj"].object_list] == [project.slug]
    api = client.get("/api/v1/projects/", {"q": "Brmo"}).json()
    assert [item["slug"] for item in api["results"]] == [project.slug]
    export = client.get(reverse("projects:export", kwargs={"fmt": "csv"}), {"q": "Brmo"})
    assert project.title_cs in b"".join(export.streaming_content).decode()


def test_strategies_are_found_by_their_scenario():
    strategy = make_strategy(title_cs="Postup pro kraj")
    strategy.scenario.title_cs = "Náhlý nárůst zahraničních pracovníků"
    strategy.scenario.save()
    strategy.save()
    assert found("nárůst pracovníků", "strategies") == [strategy.slug]


def test_a_list_says_what_its_search_did(client):
    ThesaurusEntry.objects.create(terms_cs="tlumočník\ntlumočení")
    make_project(title_cs="Interkulturní pracovníci města Brna")
    make_project(title_cs="Tlumočení ve školách")
    html = client.get(reverse("projects:list"), {"q": "Brmo"}).content.decode()
    assert "Zobrazují se výsledky pro <strong>Brno</strong>." in html
    html = client.get("/en/projects/", {"q": "tlumočník"}).content.decode()
    assert "Also searched: tlumočení" in html
    html = client.get("/en/projects/", {"q": "Brno kuchaři"}).content.decode()
    assert "No entry contains every word; showing the closest matches." in html
