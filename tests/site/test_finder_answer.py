"""The finder on entries built for the test: statuses, successors, bad input and its query count."""

import datetime
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from catalogue.models import Status
from instruments.models import Instrument
from tests.factories import make_instrument, make_place, make_project, make_target_group

pytestmark = pytest.mark.django_db


def answer(client, lang, params):
    response = client.get(f"/{lang}/finder/", params)
    assert response.status_code == 200
    return response.context["answer"]


def groups(result) -> dict:
    return {group.key: {f.instrument.slug: f for f in group.findings} for group in result.groups}


def test_unknown_status_never_appears_under_you_can_apply(client):
    today = timezone.localdate()
    open_call = make_instrument(
        title_en="Open call",
        call_status="open",
        next_deadline=today + datetime.timedelta(days=30),
        eligible_applicants=["municipality"],
        cofinancing_rate=15,
    )
    make_instrument(call_status="", eligible_applicants=["municipality"])
    make_instrument(call_status="unknown", eligible_applicants=["municipality"])
    make_instrument(
        call_status="open",
        next_deadline=today - datetime.timedelta(days=1),
        eligible_applicants=["municipality"],
    )
    ngo_only = make_instrument(call_status="permanent", eligible_applicants=["ngo"])
    make_instrument(status=Status.DRAFT, call_status="open", eligible_applicants=["municipality"])

    result = groups(answer(client, "en", {"who": "municipality"}))
    assert list(result["apply"]) == [open_call.slug]
    deadline = today + datetime.timedelta(days=30)
    assert result["apply"][open_call.slug].reason == (
        f"Municipalities may apply · call open until {deadline:%m/%d/%Y} · co-financing 15\u00a0%"
    )
    assert result["partners"][ngo_only.slug].reason == (
        "Only non-governmental organisations may apply · consider a partnership · "
        "applications accepted continuously"
    )
    assert len(result["ended"]) == 3
    assert Instrument.objects.status_unknown().count() == 3


def test_successor_is_named_in_the_ended_group(client):
    new = make_instrument(title_en="The new fund", call_status="unknown")
    make_instrument(call_status="ended", valid_to=2013, successor=new)
    body = client.get("/en/finder/", {"who": "ngo"}).content.decode()
    assert "Successor:" in body and new.get_absolute_url().replace("/cs/", "/en/") in body


def test_form_works_without_an_answer_and_bad_values_are_explained(client):
    empty = client.get("/cs/finder/")
    assert empty.status_code == 200 and empty.context["answer"] is None
    bad = client.get("/en/finder/", {"who": "martian", "where": "atlantis", "size": "huge"})
    assert bad.status_code == 200
    assert bad.context["answer"] is None
    assert "could not be used" in bad.content.decode()
    # A valid applicant still answers when the region is unknown.
    assert client.get("/en/finder/", {"who": "ngo", "where": "atlantis"}).context["answer"]


def test_finder_query_count_does_not_grow_with_the_answer(client):
    region = make_place(slug="kraj", kind="region")
    town = make_place(parent=region)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert (
                client.get("/en/finder/", {"who": "municipality", "where": "kraj"}).status_code
                == 200
            )
        return len(queries)

    first = make_instrument(call_status="open", eligible_applicants=["municipality"])
    first.places.add(town)
    small = count()
    for n in range(6):
        instrument = make_instrument(call_status=["open", "", "ended"][n % 3])
        instrument.places.add(town)
        project = make_project()
        project.funding_lines.create(instrument=instrument)
    assert count() == small
    assert small <= 12


def test_the_finder_links_the_manual_of_its_answer_and_of_what_the_visitor_may_apply_for(client):
    workers = make_target_group(name_en="Labour migrants")
    own = make_instrument(eligible_applicants=["municipality"])
    partners = make_instrument(eligible_applicants=["ngo"])
    law = make_instrument(kind="legislative", eligible_applicants=[])
    for entry in (own, partners, law):
        entry.target_groups.add(workers)
    make_instrument(eligible_applicants=["municipality"])  # serves no chosen group
    params = {"who": "municipality", "size": "under-2000", "target_group": workers.slug}
    response = client.get("/en/finder/", params)
    answered = {
        f.instrument.slug for group in response.context["answer"].groups for f in group.findings
    }
    assert answered == {own.slug, partners.slug, law.slug}
    body = response.content.decode()
    links = [html.unescape(href) for href in re.findall(r'href="(/en/manual[^"]*)"', body)]
    assert len(links) == 4  # two editions, each to read and as a PDF
    editions = {}
    for link in links:
        path, _, query = link.partition("?")
        assert path in ("/en/manual/", "/en/manual.pdf")
        assert "who=" not in query and "size=" not in query  # the finder's own fields
        editions.setdefault(query, []).append(path)
    assert all(sorted(paths) == ["/en/manual.pdf", "/en/manual/"] for paths in editions.values())
    holdings = {
        query: {
            entry.slug
            for entry in client.get(f"/en/manual/?{query}").context["edition"].instruments
        }
        for query in editions
    }
    assert sorted(holdings.values(), key=len) == [{own.slug}, answered]
