"""Honest call statuses: unknown is said as unknown, with where to verify it and what came next."""

import csv
import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from catalogue.models import Status
from instruments.models import Instrument
from tests.factories import make_instrument

pytestmark = pytest.mark.django_db

UNKNOWN_CS = "Stav neověřen – před podáním žádosti ověřte"
UNKNOWN_EN = "Status unknown – verify before applying"


def slugs(queryset):
    return sorted(queryset.values_list("slug", flat=True))


@pytest.fixture
def statuses():
    today = timezone.localdate()
    return {
        "open": make_instrument(
            call_status="open",
            next_deadline=today + datetime.timedelta(days=5),
            eligible_applicants=["municipality"],
        ),
        "planned": make_instrument(call_status="planned", eligible_applicants=["municipality"]),
        "permanent": make_instrument(call_status="permanent", eligible_applicants=["ngo"]),
        "stale": make_instrument(
            call_status="open",
            next_deadline=today - datetime.timedelta(days=1),
            eligible_applicants=["municipality"],
        ),
        "blank": make_instrument(call_status="", eligible_applicants=["municipality"]),
        "unknown": make_instrument(call_status="unknown", eligible_applicants=["municipality"]),
        "ended": make_instrument(call_status="ended", eligible_applicants=["municipality"]),
        "law": make_instrument(
            kind="legislative", call_status="permanent", eligible_applicants=["municipality"]
        ),
    }


def test_open_now_is_an_open_call_of_a_financial_instrument(statuses):
    assert slugs(Instrument.objects.open_now()) == [statuses["open"].slug]


def test_available_never_includes_an_unknown_or_stale_status(statuses):
    available = slugs(Instrument.objects.available())
    assert available == sorted(statuses[key].slug for key in ("open", "planned", "permanent"))
    unknown = slugs(Instrument.objects.status_unknown())
    assert unknown == sorted(statuses[key].slug for key in ("stale", "blank", "unknown"))


def test_open_for_is_eligible_and_available(statuses):
    assert slugs(Instrument.objects.open_for("municipality")) == sorted(
        [statuses["open"].slug, statuses["planned"].slug]
    )
    assert slugs(Instrument.objects.open_for("ngo")) == [statuses["permanent"].slug]
    assert slugs(Instrument.objects.eligible_for("ngo")) == [statuses["permanent"].slug]


def test_effective_status_of_each_kind(statuses):
    assert statuses["blank"].effective_call_status == "unknown"
    assert statuses["stale"].effective_call_status == "unknown"
    assert statuses["open"].effective_call_status == "open"
    assert statuses["law"].effective_call_status == "permanent"
    assert not statuses["law"].status_unknown
    assert statuses["open"].is_open_now and not statuses["stale"].is_open_now


def test_detail_says_unknown_and_where_to_verify(client):
    successor = make_instrument(title_cs="Nástupce", title_en="Successor programme")
    old = make_instrument(
        call_status="",
        verify_url="https://eur-lex.europa.eu/eli/reg/2021/1147/oj",
        status_verified_on=datetime.date(2026, 11, 30),
        successor=successor,
    )
    czech = client.get(f"/cs/instruments/{old.slug}/").content.decode()
    assert UNKNOWN_CS in czech
    assert 'href="https://eur-lex.europa.eu/eli/reg/2021/1147/oj"' in czech
    assert 'datetime="2026-11-30"' in czech
    assert f'href="/cs/instruments/{successor.slug}/"' in czech

    english = client.get(f"/en/instruments/{old.slug}/").content.decode()
    assert UNKNOWN_EN in english
    assert "Successor programme" in english

    # The successor names what it replaces.
    replaced = client.get(f"/cs/instruments/{successor.slug}/").content.decode()
    assert f'href="/cs/instruments/{old.slug}/"' in replaced


def test_a_passed_deadline_is_not_shown_as_the_next_one(client):
    passed = datetime.date(2020, 3, 15)
    stale = make_instrument(call_status="open", next_deadline=passed)
    body = client.get(f"/en/instruments/{stale.slug}/").content.decode()
    assert UNKNOWN_EN in body
    assert "has passed" in body
    assert "Next deadline" not in body


def test_a_draft_successor_is_not_linked(client):
    draft = make_instrument(title_cs="Tajný nástupce", status=Status.DRAFT)
    old = make_instrument(successor=draft)
    assert "Tajný nástupce" not in client.get(f"/cs/instruments/{old.slug}/").content.decode()
    api = client.get(f"/api/v1/instruments/{old.slug}/").json()
    assert api["successor"] is None


def test_list_export_and_api_say_unknown(client):
    successor = make_instrument(title_cs="Nástupce", title_en="Successor programme")
    old = make_instrument(
        call_status="",
        verify_url="https://example.org/verify",
        status_verified_on=datetime.date(2026, 11, 30),
        successor=successor,
    )
    assert UNKNOWN_EN in client.get("/en/instruments/").content.decode()

    response = client.get("/en/instruments/export.csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = {row["Identifier"]: row for row in csv.DictReader(io.StringIO(body))}
    row = rows[old.slug]
    assert row["Call status"] == UNKNOWN_EN
    assert row["Status verified on"] == "2026-11-30"
    assert row["Verify at"] == "https://example.org/verify"
    assert row["Successor"] == "Successor programme"

    api = client.get(f"/api/v1/instruments/{old.slug}/", {"lang": "en"}).json()
    assert api["call_status"] == "unknown"
    assert api["call_status_label"] == UNKNOWN_EN
    assert api["status_verified_on"] == "2026-11-30"
    assert api["verify_url"] == "https://example.org/verify"
    assert api["successor"]["slug"] == successor.slug


def test_an_instrument_cannot_succeed_itself():
    instrument = make_instrument()
    instrument.successor = instrument
    with pytest.raises(ValidationError):
        instrument.full_clean()
