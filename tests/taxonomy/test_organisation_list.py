"""The organisation list: kind, region, a search by name regardless of accents."""

import pytest

from catalogue.models import Status
from taxonomy.models import Organisation, Place
from tests.factories import make_instrument, make_organisation, make_place, make_project

pytestmark = pytest.mark.django_db


def public_organisation(**fields):
    """An organisation the public lists: a published project names it."""
    organisation = make_organisation(**fields)
    make_project(lead_organisation=organisation)
    return organisation


def slugs(response):
    return [entry.slug for entry in response.context["page_obj"].object_list]


def test_kind_and_region(client):
    region = make_place(slug="plzensky", kind=Place.Kind.REGION)
    plzen = make_place(slug="plzen", parent=region)
    ngo = public_organisation(slug="ngo-plzen", kind=Organisation.Kind.NGO, place=plzen)
    public_organisation(slug="town", kind=Organisation.Kind.MUNICIPALITY, place=plzen)
    public_organisation(slug="ngo-elsewhere", kind=Organisation.Kind.NGO)

    response = client.get("/cs/organisations/", {"kind": "ngo", "region": "plzensky"})

    assert slugs(response) == [ngo.slug]
    kinds = {v.value: v.count for v in response.context["state"].facets[0].values}
    assert kinds["municipality"] == 1


def test_search_by_name_ignores_accents_and_case(client):
    wanted = public_organisation(name_cs="Sdružení pro integraci a migraci", acronym="SIMI")
    public_organisation(name_cs="Poradna pro uprchlíky")
    assert slugs(client.get("/cs/organisations/", {"q": "sdruzeni"})) == [wanted.slug]
    assert slugs(client.get("/cs/organisations/", {"q": "simi"})) == [wanted.slug]


def test_counts_only_published_entries(client):
    org = make_organisation()
    make_project(lead_organisation=org)
    make_project(lead_organisation=org, status=Status.DRAFT)
    make_instrument(administrator=org, status=Status.ARCHIVED)
    response = client.get("/cs/organisations/")
    entry = response.context["page_obj"].object_list[0]
    assert entry.project_count == 1
    assert entry.instrument_count == 0


def test_a_project_it_leads_and_joins_counts_once(client):
    from projects.models import Partnership

    org = make_organisation()
    led_and_joined = make_project(lead_organisation=org)
    Partnership.objects.create(project=led_and_joined, organisation=org, role="partner")
    joined = make_project(lead_organisation=make_organisation())
    Partnership.objects.create(project=joined, organisation=org, role="partner")
    Partnership.objects.create(project=joined, organisation=org, role="funder")
    Partnership.objects.create(project=make_project(status=Status.DRAFT), organisation=org)
    make_project(lead_organisation=org)

    response = client.get("/cs/organisations/", {"q": org.name})

    entry = next(e for e in response.context["page_obj"].object_list if e.pk == org.pk)
    assert entry.project_count == 3
