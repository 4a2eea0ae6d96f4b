"""Organisation and place pages: what an organisation runs, funds or administers; what happened in a region."""

import pytest
from django.urls import reverse
from django.utils import translation

from catalogue.models import Status
from projects.models import Partnership
from taxonomy.models import Place
from tests.factories import (
    make_instrument,
    make_organisation,
    make_place,
    make_project,
    make_strategy,
)

pytestmark = pytest.mark.django_db


def url(name, obj, language):
    with translation.override(language):
        return reverse(name, kwargs={"slug": obj.slug})


def test_organisation_page_shows_what_it_runs_funds_and_administers(client):
    region = make_place(
        kind=Place.Kind.REGION, name_cs="Jihomoravský kraj", name_en="South Moravian Region"
    )
    organisation = make_organisation(
        name_cs="Jihomoravské centrum", name_en="South Moravian Centre", place=region
    )
    make_project(title_en="Project it leads", lead_organisation=organisation)
    make_project(
        title_en="Draft project it leads", lead_organisation=organisation, status=Status.DRAFT
    )
    partnered = make_project(title_en="Project it is partner in")
    Partnership.objects.create(
        project=partnered, organisation=organisation, role=Partnership.Role.PARTNER
    )
    funded = make_project(title_en="Project it funds")
    Partnership.objects.create(
        project=funded, organisation=organisation, role=Partnership.Role.FUNDER
    )
    make_instrument(title_en="Instrument it administers", administrator=organisation)
    for language in ("cs", "en"):
        assert client.get(url("taxonomy:organisation", organisation, language)).status_code == 200
    content = client.get(url("taxonomy:organisation", organisation, "en")).content.decode()
    for text in [
        "South Moravian Centre",
        "Project it leads",
        "Project it is partner in",
        "Project it funds",
        "Instrument it administers",
        "South Moravian Region",
    ]:
        assert text in content, text
    assert "Draft project it leads" not in content


def test_place_page_includes_the_places_below_it(client):
    region = make_place(
        kind=Place.Kind.REGION, name_cs="Jihomoravský kraj", name_en="South Moravian Region"
    )
    town = make_place(parent=region, name_cs="Brno", name_en="Brno")
    district = make_place(
        kind=Place.Kind.DISTRICT, parent=town, name_cs="Brno-střed", name_en="Brno-Centre"
    )
    elsewhere = make_place(name_cs="Ostrava", name_en="Ostrava")
    make_project(title_en="Project in the district").places.add(district)
    make_instrument(title_en="Regional grant").places.add(region)
    make_strategy(title_en="Strategy for Brno").places.add(town)
    make_project(title_en="Project in Ostrava").places.add(elsewhere)
    make_project(title_en="Draft project in Brno", status=Status.DRAFT).places.add(town)
    for language in ("cs", "en"):
        assert client.get(url("taxonomy:place", region, language)).status_code == 200
    content = client.get(url("taxonomy:place", region, "en")).content.decode()
    for text in ["Project in the district", "Regional grant", "Strategy for Brno", "Brno"]:
        assert text in content, text
    assert "Project in Ostrava" not in content
    assert "Draft project in Brno" not in content
    district_page = client.get(url("taxonomy:place", district, "en")).content.decode()
    assert "Regional grant" not in district_page  # a place shows what is below it, not above
    assert f'href="/en/places/{region.slug}/"' in district_page  # breadcrumbs up the hierarchy


def test_unknown_organisation_and_place_are_404(client):
    assert client.get("/cs/organisations/nobody/").status_code == 404
    assert client.get("/cs/places/nowhere/").status_code == 404
