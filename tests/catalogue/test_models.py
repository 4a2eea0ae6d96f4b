"""The database refuses what must never be wrong, whatever path the data takes."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from catalogue.models import Status
from instruments.models import Instrument
from projects.models import FundingLine, Project
from tests.factories import make_instrument, make_project


def assert_refused_by_database(action):
    with pytest.raises(IntegrityError), transaction.atomic():
        action()


@pytest.mark.django_db
def test_project_end_year_before_start_year_is_refused_on_save():
    project = make_project(start_year=2020, end_year=2021)
    project.end_year = 2019
    assert_refused_by_database(project.save)


@pytest.mark.django_db
def test_project_end_year_before_start_year_is_refused_on_update():
    project = make_project(start_year=2020)
    assert_refused_by_database(lambda: Project.objects.filter(pk=project.pk).update(end_year=2010))
    project.refresh_from_db()
    assert project.end_year is None


@pytest.mark.django_db
def test_negative_funding_amount_is_refused():
    project = make_project()
    line = FundingLine(project=project, amount=Decimal("-1"))
    assert_refused_by_database(line.save)
    assert not FundingLine.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["allocation", "grant_min", "grant_max"])
def test_negative_instrument_amounts_are_refused(field):
    instrument = make_instrument()
    assert_refused_by_database(
        lambda: Instrument.objects.filter(pk=instrument.pk).update(**{field: Decimal("-100")})
    )


@pytest.mark.django_db
@pytest.mark.parametrize("rate", [Decimal("100.01"), Decimal("-0.5")])
def test_cofinancing_rate_outside_0_to_100_is_refused(rate):
    instrument = make_instrument()
    instrument.cofinancing_rate = rate
    assert_refused_by_database(instrument.save)


@pytest.mark.django_db
@pytest.mark.parametrize("rate", [Decimal("0"), Decimal("100")])
def test_cofinancing_rate_bounds_are_accepted(rate):
    instrument = make_instrument(cofinancing_rate=rate)
    instrument.refresh_from_db()
    assert instrument.cofinancing_rate == rate


@pytest.mark.django_db
def test_minimum_grant_above_maximum_is_refused():
    instrument = make_instrument(grant_min=Decimal("1000"), grant_max=Decimal("5000"))
    assert_refused_by_database(
        lambda: Instrument.objects.filter(pk=instrument.pk).update(grant_min=Decimal("6000"))
    )


@pytest.mark.django_db
def test_duplicate_slug_is_refused():
    first = make_project()
    assert_refused_by_database(lambda: make_project(slug=first.slug))
    assert Project.objects.filter(slug=first.slug).count() == 1


@pytest.mark.django_db
def test_published_entry_without_czech_title_fails_validation_with_clear_message():
    project = make_project(status=Status.DRAFT)
    project.title_cs = ""
    project.status = Status.PUBLISHED
    for language, message in (
        ("en", "A published entry needs a Czech title."),
        ("cs", "Zveřejněný záznam musí mít český název."),
    ):
        with translation.override(language):
            with pytest.raises(ValidationError) as raised:
                project.full_clean()
            assert message in raised.value.message_dict["title_cs"]


@pytest.mark.django_db
def test_draft_without_english_is_valid_and_reports_missing_translation():
    project = make_project(status=Status.DRAFT, title_en="", summary_en="")
    project.full_clean()
    assert project.missing_translations() == ["title", "summary"]
