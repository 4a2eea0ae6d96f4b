"""The calls calendar and its iCal feed: exactly the deadlines of the filtered list, valid RFC 5545."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from catalogue.models import Status
from tests.factories import make_instrument, make_place, make_theme

pytestmark = pytest.mark.django_db


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def calls():
    theme = make_theme(slug="employment-t")
    region = make_place(slug="kraj-a", kind="region")
    town = make_place(parent=region)
    soon = make_instrument(
        title_en="Soon",
        call_status="open",
        next_deadline=days(10),
        eligible_applicants=["municipality"],
    )
    later = make_instrument(title_en="Later", call_status="planned", next_deadline=days(60))
    passed = make_instrument(title_en="Passed", call_status="open", next_deadline=days(-20))
    other_theme = make_instrument(title_en="Other", call_status="open", next_deadline=days(15))
    other_theme.places.add(make_place(parent=make_place(slug="kraj-b", kind="region")))
    make_instrument(title_en="Draft", status=Status.DRAFT, next_deadline=days(5))
    make_instrument(title_en="Undated", call_status="planned")
    for instrument in (soon, later, passed):
        instrument.themes.add(theme)
        instrument.places.add(town)
    return {"soon": soon, "later": later, "passed": passed, "other": other_theme}


def events(response):
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    return {str(event["URL"]).rsplit("/", 2)[-2]: event for event in calendar.walk("VEVENT")}


def test_ical_holds_exactly_the_filtered_deadlines(client, calls):
    everything = events(client.get("/en/calendar/deadlines.ics"))
    assert set(everything) == {calls[key].slug for key in ("soon", "later", "passed", "other")}

    filtered = events(client.get("/en/calendar/deadlines.ics", {"theme": "employment-t"}))
    assert set(filtered) == {calls[key].slug for key in ("soon", "later", "passed")}
    event = filtered[calls["soon"].slug]
    assert event.decoded("DTSTART") == days(10)
    assert event.decoded("DTEND") == days(11)
    assert str(event["SUMMARY"]) == "Deadline: Soon"
    assert "Only municipalities may apply" in str(event["DESCRIPTION"])
    assert event["UID"] and event["DTSTAMP"]
    assert str(event["URL"]).startswith("http://testserver/en/instruments/")


def test_ical_of_a_finder_answer_uses_the_same_filters(client, calls):
    answer = {"who": "municipality", "where": "kraj-a"}
    found = events(client.get("/cs/calendar/deadlines.ics", answer))
    assert set(found) == {calls[key].slug for key in ("soon", "later", "passed")}
    assert str(found[calls["soon"].slug]["SUMMARY"]).startswith("Uzávěrka: ")


def test_calendar_page_shows_upcoming_planned_and_recent(client, calls):
    response = client.get("/en/calendar/", {"theme": "employment-t"})
    assert response.status_code == 200
    upcoming = [entry.slug for month in response.context["upcoming"] for entry in month.entries]
    assert upcoming == [calls["soon"].slug, calls["later"].slug]
    assert [entry.slug for entry in response.context["recent"]] == [calls["passed"].slug]
    body = response.content.decode()
    assert "Draft" not in body
    assert 'href="/en/calendar/deadlines.ics?theme=employment-t"' in body
    assert 'href="/en/instruments/feed/?theme=employment-t"' in body
    czech = client.get("/cs/calendar/")
    assert czech.status_code == 200 and "Kalendář výzev" in czech.content.decode()


def test_calendar_survives_bad_filters(client, calls):
    response = client.get("/en/calendar/", {"theme": "nope", "where": "\x00", "page": "x"})
    assert response.status_code == 200
    assert client.get("/en/calendar/deadlines.ics", {"call_status": "bogus"}).status_code == 200


def test_calendar_query_counts_do_not_grow_with_the_deadlines(client, calls):
    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    page, ical = count("/en/calendar/"), count("/en/calendar/deadlines.ics")
    for n in range(10):
        make_instrument(call_status="open", next_deadline=days(n + 1))
    assert count("/en/calendar/") == page
    assert count("/en/calendar/deadlines.ics") == ical
    assert ical <= 3
