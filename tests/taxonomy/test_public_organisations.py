"""An organisation is public only once an entry that uses it is published."""

import re

import pytest

from catalogue.models import Status
from projects.models import Partnership
from taxonomy.models import Organisation
from tests.factories import download, make_instrument, make_organisation, make_project

pytestmark = pytest.mark.django_db


def sitemap_text(client) -> str:
    """The index at /sitemap.xml and every sitemap it names, as one text."""
    index = client.get("/sitemap.xml").content.decode()
    sections = re.findall(r"<loc>http://testserver([^<]+)</loc>", index)
    return index + "".join(client.get(path).content.decode() for path in sections)


def visible(client, organisation) -> dict:
    slug = organisation.slug
    listed = client.get("/cs/organisations/").context["page_obj"].paginator.object_list
    api = client.get("/api/v1/organisations/").json()
    return {
        "page": client.get(f"/cs/organisations/{slug}/").status_code,
        "list": slug in [o.slug for o in listed],
        "sitemap": f"/organisations/{slug}/" in sitemap_text(client),
        "export": slug in download(client, "organisations", "csv").slugs,
        "api list": slug in [o["slug"] for o in api["results"]],
        "api detail": client.get(f"/api/v1/organisations/{slug}/").status_code,
    }


HIDDEN = {
    "page": 404,
    "list": False,
    "sitemap": False,
    "export": False,
    "api list": False,
    "api detail": 404,
}
SHOWN = {"page": 200, "list": True, "sitemap": True, "export": True, "api list": True}


def test_organisation_of_a_draft_project_appears_when_the_project_is_published(client):
    lead = make_organisation()
    partner = make_organisation()
    project = make_project(lead_organisation=lead, status=Status.DRAFT)
    Partnership.objects.create(project=project, organisation=partner)

    assert visible(client, lead) == HIDDEN
    assert visible(client, partner) == HIDDEN

    project.status = Status.PUBLISHED
    project.save()
    for organisation in (lead, partner):
        assert visible(client, organisation) == {**SHOWN, "api detail": 200}


def test_the_rule_counts_every_kind_of_use_and_only_published_entries():
    unused = make_organisation()
    administrator = make_organisation()
    make_instrument(administrator=administrator)
    archived = make_organisation()
    make_project(lead_organisation=archived, status=Status.ARCHIVED)
    public = set(Organisation.objects.public().values_list("slug", flat=True))
    assert administrator.slug in public
    assert unused.slug in public  # a reference record used by no entry
    assert archived.slug not in public
