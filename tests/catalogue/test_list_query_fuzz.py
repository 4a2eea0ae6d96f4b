"""No query string makes a list page fail: random keys and values give only 2xx, 3xx or 4xx."""

from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalogue.listing import FILTERSETS
from taxonomy.models import Place
from tests.factories import (
    make_instrument,
    make_organisation,
    make_place,
    make_project,
    make_strategy,
    make_theme,
)

LIST_URLS = [
    f"/{lang}/{path}/"
    for lang in ("cs", "en")
    for path in ("projects", "instruments", "strategies", "organisations")
]

KNOWN_KEYS = sorted(
    {name for catalogue in FILTERSETS.keys() for name in FILTERSETS[catalogue].base_filters}
    | {"page"}
)

nasty_text = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "\x00",
            "a\x00b",
            "housing\x00",
            "open_now",
            "municipality",
            "relevance",
            "title",
            "deadline",
            "-title",
            "title; DROP TABLE projects_project",
            "'",
            '"',
            "%",
            "_",
            "\\",
            "*",
            "&",
            "!!!",
            " ",
            "region",
            "jihomoravsky",
        ]
    ),
    st.integers().map(str),
    st.integers(min_value=10**15, max_value=10**40).map(str),
    st.integers(max_value=-1).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.just("9" * 500),
    st.text(min_size=201, max_size=400),
)
keys = st.one_of(st.sampled_from(KNOWN_KEYS), st.text(max_size=12), st.just("\x00"))
pairs = st.lists(st.tuples(keys, nasty_text), max_size=8)
raw_strings = st.text(alphabet=st.sampled_from("abcpgqsort=&%0zZ9x_-+;[]"), max_size=40)


@pytest.fixture
def some_content(db):
    region = make_place(slug="jihomoravsky", kind=Place.Kind.REGION)
    theme = make_theme(slug="housing")
    project = make_project(start_year=2015, ongoing=True)
    project.places.add(make_place(parent=region))
    project.themes.add(theme)
    make_instrument(eligible_applicants=["municipality"], call_status="open").themes.add(theme)
    make_strategy()
    make_organisation(place=region)


def assert_no_server_error(response, url):
    assert response.status_code < 500, url


@pytest.mark.django_db
@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(url=st.sampled_from(LIST_URLS), params=pairs)
def test_random_parameters_never_cause_a_server_error(some_content, url, params):
    response = Client().get(f"{url}?{urlencode(params)}")
    assert_no_server_error(response, url)


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(url=st.sampled_from(LIST_URLS), raw=raw_strings)
def test_malformed_query_strings_never_cause_a_server_error(some_content, url, raw):
    response = Client().get(f"{url}?{quote(raw, safe='=&%+;[]')}")
    assert_no_server_error(response, url)


@pytest.mark.django_db
@pytest.mark.parametrize("url", LIST_URLS)
@pytest.mark.parametrize(
    "query",
    [
        "page=-1",
        "page=abc",
        "page=99999999999999999999999",
        "page=0",
        "page=%00",
        "sort=unknown",
        "sort=relevance",
        "q=%00",
        "theme=%00&region=%00",
        "year_from=99999999999999999999&year_to=-5",
        "year_from=2020&year_to=2010",
        "call_status=open_now&applicant=%00",
        "kind=" + "x" * 5000,
        "&".join(["theme=housing"] * 200),
    ],
)
def test_known_bad_inputs(some_content, client, url, query):
    response = client.get(f"{url}?{query}")
    assert 200 <= response.status_code < 500
