"""The OpenAPI description is valid, and requests generated from it never make the server fail."""

import datetime
import json
from decimal import Decimal
from types import SimpleNamespace

import hypothesis_jsonschema._from_schema as hypothesis_jsonschema_internals
import pytest
import schemathesis
from django.core import signals
from django.core.cache import cache
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from hypothesis.internal.conjecture import utils as conjecture_utils
from openapi_spec_validator import validate
from rest_framework.settings import api_settings
from schemathesis.checks import not_a_server_error, response_schema_conformance

from catalogue.models import Status
from projects.models import FundingLine, KeyFigure, Partnership
from tests.factories import (
    make_instrument,
    make_organisation,
    make_place,
    make_project,
    make_scenario,
    make_source,
    make_step,
    make_strategy,
    make_target_group,
    make_theme,
)


class _LegacyMany:
    """``many(...).more()`` as hypothesis-jsonschema 0.23 calls it, over the newer Hypothesis API.

    Hypothesis (6.170 in the lock) turned ``many`` into a context manager and
    dropped ``more()``, which hypothesis-jsonschema still uses to generate
    objects (here: the query parameters schemathesis builds a request from).
    """

    def __init__(self, data, **kwargs):
        self._many = conjecture_utils.many(data, **kwargs)
        self._elements = None

    def more(self) -> bool:
        if self._elements is None:
            self._elements = iter(self._many.__enter__())
        if next(self._elements, StopIteration) is StopIteration:
            self._many.__exit__(None, None, None)
            return False
        return True

    def reject(self, why=None):
        self._many.reject(why)


if not hasattr(conjecture_utils.many, "more"):
    hypothesis_jsonschema_internals.cu = SimpleNamespace(
        **{**vars(conjecture_utils), "many": _LegacyMany}
    )


def openapi_document(client):
    response = client.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    return json.loads(response.content)


@pytest.mark.django_db
def test_openapi_description_is_valid(client):
    document = openapi_document(client)
    validate(document)
    assert document["openapi"].startswith("3.")
    paths = document["paths"]
    for name in (
        "projects",
        "instruments",
        "strategies",
        "organisations",
        "themes",
        "target-groups",
        "places",
        "sources",
        "scenarios",
    ):
        assert f"/api/v1/{name}/" in paths
        assert f"/api/v1/{name}/{{slug}}/" in paths
        assert set(paths[f"/api/v1/{name}/"]) == {"get"}  # read-only
    parameters = {p["name"]: p for p in paths["/api/v1/projects/"]["get"]["parameters"]}
    # The same filters as the list page, the search and the whitelisted orderings.
    assert {"q", "sort", "theme", "target_group", "region", "lang", "page"} <= set(parameters)
    assert "title" in parameters["sort"]["schema"]["enum"]


@pytest.fixture
def api_app(db, client, settings):
    """The WSGI application over a small published catalogue (and a draft), unthrottled."""
    settings.REST_FRAMEWORK = {
        **api_settings.user_settings,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute"},
    }
    cache.clear()
    theme, group = make_theme(slug="education"), make_target_group(slug="labour-migrants")
    region = make_place(slug="praha", kind="region", code="CZ010")
    project = make_project(slug="together")
    project.themes.add(theme)
    project.target_groups.add(group)
    project.places.add(region)
    make_project(status=Status.DRAFT)
    organisation = make_organisation(slug="simi", place=region)
    programme = make_instrument(slug="programme", administrator=organisation)
    grant = make_instrument(
        slug="grant",
        parent=programme,
        eligible_applicants=["municipality", "ngo"],
        grant_min=Decimal("100000"),
        grant_max=Decimal("2500000.50"),
        cofinancing_rate=Decimal("15"),
        call_status="open",
        next_deadline=datetime.date(2030, 1, 31),
    )
    project.lead_organisation = organisation
    project.start_year, project.ongoing = 2019, True
    project.save()
    project.sources.add(make_source(slug="study", year=2014, url="https://example.org/study"))
    Partnership.objects.create(project=project, organisation=make_organisation(), role="funder")
    FundingLine.objects.create(
        project=project, instrument=grant, amount=Decimal("8500000"), year=2020
    )
    KeyFigure.objects.create(
        project=project, label_cs="Účastníci", label_en="Participants", value=685
    )
    strategy = make_strategy(scenario=make_scenario(slug="influx"), slug="influx-city")
    make_step(strategy, instruments=[grant], projects=[project])
    from platform_site.wsgi import application

    document = openapi_document(client)
    # As Django's test client does: a finished request must not close the test's connection.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield schemathesis.from_dict(document, app=application)
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


schema = schemathesis.from_pytest_fixture("api_app")


@schema.parametrize()
@settings(
    max_examples=20,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_request_from_the_description_makes_a_server_error(case):
    response = case.call_wsgi()
    case.validate_response(response, checks=(not_a_server_error, response_schema_conformance))


SEEDED = {
    "projects": "together",
    "instruments": "grant",
    "strategies": "influx-city",
    "organisations": "simi",
    "themes": "education",
    "target-groups": "labour-migrants",
    "places": "praha",
    "sources": "study",
    "scenarios": "influx",
}


@pytest.mark.parametrize("lang", ["cs", "en"])
def test_responses_with_real_entries_match_the_description(api_app, lang):
    for name, slug in SEEDED.items():
        for path, parameters in (
            (f"/api/v1/{name}/", {}),
            (f"/api/v1/{name}/{{slug}}/", {"slug": slug}),
        ):
            case = api_app[path]["GET"].make_case(path_parameters=parameters, query={"lang": lang})
            response = case.call_wsgi()
            assert response.status_code == 200, (path, response.get_data(as_text=True)[:300])
            case.validate_response(response)
            if not parameters:
                assert response.json["count"] >= 1
