"""The instrument list: kind, level, who may apply, call status with "open now", funding source, region."""

import datetime

import pytest
from django.utils import timezone

from taxonomy.models import Place
from tests.factories import make_instrument, make_place, make_theme

pytestmark = pytest.mark.django_db


def slugs(response):
    return [entry.slug for entry in response.context["page_obj"].object_list]


def facet(response, name):
    return {
        value.value: value
        for value in next(f for f in response.context["state"].facets if f.name == name).values
    }


def test_open_now_holds_only_open_calls_of_financial_instruments_before_their_deadline(client):
    today = timezone.localdate()
    open_call = make_instrument(
        call_status="open", next_deadline=today + datetime.timedelta(days=10)
    )
    open_undated = make_instrument(call_status="open")
    make_instrument(call_status="permanent")
    make_instrument(kind="legislative", call_status="open")
    make_instrument(kind="institutional", call_status="permanent")
    make_instrument(call_status="open", next_deadline=today - datetime.timedelta(days=1))
    make_instrument(call_status="closed")
    make_instrument(call_status="planned")
    make_instrument(call_status="")

    response = client.get("/cs/instruments/", {"call_status": "open_now"})

    assert sorted(slugs(response)) == sorted([open_call.slug, open_undated.slug])
    counts = facet(response, "call_status")
    assert counts["open_now"].count == 2
    assert counts["open"].count == 4  # the stored value, counted without the filter itself
    assert counts["closed"].count == 1
    # No status and a passed deadline are both "unknown" (the law has no call to know).
    assert counts["unknown"].count == 2


def test_eligible_applicant_filter(client):
    for_towns = make_instrument(eligible_applicants=["municipality", "ngo"])
    make_instrument(eligible_applicants=["ngo"])
    make_instrument(eligible_applicants=[])
    response = client.get("/en/instruments/", {"applicant": "municipality"})
    assert slugs(response) == [for_towns.slug]
    counts = facet(response, "applicant")
    assert counts["ngo"].count == 2
    assert counts["municipality"].label == "Municipality"


def test_municipality_with_open_call(client):
    wanted = make_instrument(eligible_applicants=["municipality"], call_status="open")
    make_instrument(eligible_applicants=["municipality"], call_status="closed")
    make_instrument(eligible_applicants=["ngo"], call_status="open")
    response = client.get(
        "/cs/instruments/", {"applicant": "municipality", "call_status": "open_now"}
    )
    assert slugs(response) == [wanted.slug]


def test_kind_level_and_funding_source(client):
    eu = make_instrument(kind="financial", level="eu", funding_source="eu")
    make_instrument(kind="legislative", level="national", funding_source="none")
    make_instrument(kind="financial", level="national", funding_source="state")
    assert slugs(client.get("/cs/instruments/", {"kind": "financial", "level": "eu"})) == [eu.slug]
    response = client.get("/cs/instruments/", {"funding_source": "eu"})
    assert slugs(response) == [eu.slug]
    assert facet(response, "kind")["financial"].count == 1
    assert facet(response, "funding_source")["state"].count == 1


def test_region_and_theme(client):
    region = make_place(slug="ustecky", kind=Place.Kind.REGION)
    town = make_place(slug="usti", parent=region)
    theme = make_theme(slug="education")
    regional = make_instrument()
    regional.places.add(town)
    regional.themes.add(theme)
    make_instrument().themes.add(theme)
    assert slugs(client.get("/cs/instruments/", {"region": "ustecky", "theme": "education"})) == [
        regional.slug
    ]


def test_sort_by_next_deadline_puts_upcoming_first(client):
    today = timezone.localdate()
    later = make_instrument(next_deadline=today + datetime.timedelta(days=30))
    sooner = make_instrument(next_deadline=today + datetime.timedelta(days=3))
    past = make_instrument(next_deadline=today - datetime.timedelta(days=3))
    undated = make_instrument()
    response = client.get("/cs/instruments/", {"sort": "deadline"})
    assert slugs(response) == [sooner.slug, later.slug, past.slug, undated.slug]


def test_unknown_applicant_is_dropped_with_a_message(client):
    make_instrument()
    response = client.get("/cs/instruments/", {"applicant": "martian"})
    assert response.status_code == 200
    assert len(slugs(response)) == 1
    assert response.context["state"].errors
