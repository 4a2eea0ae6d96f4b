"""The synthesis of neglected groups: every point links to the entries it rests on, in both
languages, never to a draft, and its counts are the counts of the lists it links to."""

from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue.models import Status
from platform_site.neglected_groups import GROUPS
from tests.factories import make_instrument, make_organisation, make_project, make_target_group

FIXTURES = sorted((Path(settings.BASE_DIR) / "fixtures").glob("*.yaml"))


def seed_slugs(model, published_only=True):
    slugs = set()
    for path in FIXTURES:
        for row in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            fields = row["fields"]
            if row["model"] == model and (not published_only or fields["status"] == "published"):
                slugs.add(fields["slug"])
    return slugs


def test_every_entry_the_synthesis_cites_is_published_in_the_seed_catalogue():
    projects = seed_slugs("projects.project")
    instruments = seed_slugs("instruments.instrument")
    organisations = seed_slugs("taxonomy.organisation", published_only=False)
    groups = seed_slugs("taxonomy.targetgroup", published_only=False)
    for group in GROUPS:
        assert group.projects or group.instruments, group.slug
        assert set(group.projects) <= projects, group.slug
        assert set(group.instruments) <= instruments, group.slug
        assert set(group.organisations) <= organisations, group.slug
        assert not group.target_group or group.target_group in groups, group.slug


@pytest.mark.django_db
@pytest.mark.parametrize(
    "lang, heading", [("cs", "Rodiče malých dětí"), ("en", "Parents of small")]
)
def test_the_page_links_each_point_to_its_published_entries(client, lang, heading):
    make_project(slug="sas-domino", title_cs="SAS DOMINO", title_en="SAS DOMINO")
    make_project(slug="inbaze-community-centre", status=Status.DRAFT, title_en="InBáze draft")
    html = client.get(f"/{lang}/coverage/sources/").content.decode()
    assert heading in html
    assert f'href="/{lang}/projects/sas-domino/"' in html
    assert "inbaze-community-centre" not in html


@pytest.mark.django_db
def test_the_counts_are_those_of_the_filtered_lists(client):
    seniors = make_target_group(slug="seniors")
    for _ in range(2):
        make_project().target_groups.add(seniors)
    make_project(status=Status.DRAFT).target_groups.add(seniors)
    make_instrument().target_groups.add(seniors)
    make_organisation(slug="simi")

    page = client.get("/en/coverage/sources/")
    assert "2 projects" in page.content.decode()
    assert "1 instrument" in page.content.decode()
    listed = client.get("/en/projects/", {"target_group": "seniors"})
    assert listed.context["page_obj"].paginator.count == 2


@pytest.mark.django_db
def test_the_counts_take_the_same_queries_for_few_and_many_entries(client):
    seniors = make_target_group(slug="seniors")
    children = make_target_group(slug="children-and-pupils")

    def queries():
        with CaptureQueriesContext(connection) as context:
            assert client.get("/en/coverage/sources/").status_code == 200
        return len(context.captured_queries)

    make_project().target_groups.add(seniors)
    client.get("/en/coverage/sources/")  # warm the caches of the page
    few = queries()
    for index in range(8):
        entry = make_project() if index % 2 else make_instrument()
        entry.target_groups.add(seniors, children)
    make_project(status=Status.DRAFT).target_groups.add(children)
    assert queries() == few
    html = client.get("/en/coverage/sources/").content.decode()
    assert "5 projects" in html and "4 instruments" in html
