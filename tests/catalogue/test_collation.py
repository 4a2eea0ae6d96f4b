"""Title A–Z follows the Czech alphabet (Č after C, Ch after H, Ř after R, Š after S, Ž after Z).

It must hold on the embedded PostgreSQL (no ICU, no Czech locale) as on a server with ICU,
so the order comes from a key computed from the alphabet, not from a database collation.
The test runs on whichever database DATABASE_URL names.
"""

import random

import pytest

from catalogue.collation import sort_key
from tests.factories import make_instrument, make_organisation, make_project, make_strategy

CZECH_ORDER = [
    "Adaptace",
    "Ámos",
    "Bydlení",
    "Cizinci",
    "Cvičení",
    "Čeština",
    "Čtení",
    "Ďábel",
    "Dům",
    "Hřiště",
    "Hudba",
    "Chodník",
    "Chrám",
    "Integrace",
    "Pomoc",
    "Rodina",
    "Rytmus",
    "Řeč",
    "Řidiči",
    "Sdružení",
    "Škola",
    "Tlumočení",
    "Účast",
    "Zaměstnání",
    "Zóna",
    "Žadatelé",
    "Život",
]


def test_sort_key_follows_the_czech_alphabet():
    shuffled = CZECH_ORDER[:]
    random.Random(4).shuffle(shuffled)
    assert sorted(shuffled, key=sort_key) == CZECH_ORDER


def test_english_sort_key_has_no_ch_and_folds_accents():
    assert sorted(["Children", "Housing", "Čeština", "Dance"], key=lambda t: sort_key(t, "en")) == [
        "Čeština",
        "Children",
        "Dance",
        "Housing",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url, make",
    [
        ("/cs/projects/", make_project),
        ("/cs/instruments/", make_instrument),
        ("/cs/strategies/", make_strategy),
    ],
)
def test_title_sort_on_the_list_page_is_czech_alphabetical(client, url, make):
    shuffled = CZECH_ORDER[:]
    random.Random(7).shuffle(shuffled)
    for title in shuffled:
        make(title_cs=title)

    response = client.get(url, {"sort": "title", "page": "1"})
    titles = [entry.title for entry in response.context["page_obj"].object_list]
    response = client.get(url, {"sort": "title", "page": "2"})
    titles += [entry.title for entry in response.context["page_obj"].object_list]

    assert titles == CZECH_ORDER


@pytest.mark.django_db
def test_organisations_sort_by_czech_name(client):
    names = [
        "Charita",
        "Centrum",
        "Člověk v tísni",
        "Hnutí",
        "Žába",
        "Zázemí",
        "Ředitelství",
        "Rada",
    ]
    for name in names:
        make_organisation(name_cs=name, name_en=name)
    response = client.get("/cs/organisations/")
    assert [entry.name for entry in response.context["page_obj"].object_list] == [
        "Centrum",
        "Člověk v tísni",
        "Hnutí",
        "Charita",
        "Rada",
        "Ředitelství",
        "Zázemí",
        "Žába",
    ]


@pytest.mark.django_db
def test_english_page_sorts_english_titles(client):
    for cs, en in [("Čeština", "Czech lessons"), ("Děti", "Children"), ("Bydlení", "Housing")]:
        make_project(title_cs=cs, title_en=en)
    response = client.get("/en/projects/", {"sort": "title"})
    assert [entry.title for entry in response.context["page_obj"].object_list] == [
        "Children",
        "Czech lessons",
        "Housing",
    ]
