"""Drafts, entries in review and archived entries appear in no list and no facet count for anonymous visitors."""

import pytest

from catalogue.models import Status
from tests.factories import make_instrument, make_project, make_scenario, make_strategy, make_theme

pytestmark = pytest.mark.django_db

HIDDEN = [Status.DRAFT, Status.REVIEW, Status.ARCHIVED]


def all_facet_counts(response):
    return sum(value.count for facet in response.context["state"].facets for value in facet.values)


@pytest.mark.parametrize(
    "url, make",
    [
        ("/cs/projects/", make_project),
        ("/en/projects/", make_project),
        ("/cs/instruments/", make_instrument),
        ("/en/instruments/", make_instrument),
        ("/cs/strategies/", make_strategy),
        ("/en/strategies/", make_strategy),
    ],
)
def test_unpublished_entries_are_not_listed_or_counted(client, url, make):
    theme = make_theme(slug="housing")
    scenario = make_scenario(slug="influx")
    hidden = []
    for status in HIDDEN:
        extra = {"scenario": scenario} if make is make_strategy else {}
        entry = make(status=status, title_cs=f"Skrytý {status}", **extra)
        entry.themes.add(theme)
        hidden.append(entry)

    for params in ({}, {"theme": "housing"}, {"q": "Skrytý"}):
        response = client.get(url, params)
        assert response.status_code == 200
        assert response.context["page_obj"].paginator.count == 0
        assert all_facet_counts(response) == 0
        html = response.content.decode()
        for entry in hidden:
            assert entry.slug not in html
            assert entry.title_cs not in html
