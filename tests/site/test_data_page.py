"""The Data page explains every export column and lists the allowed values with their codes."""

import pytest

from catalogue.columns import columns_for
from catalogue.models import EvidenceLevel
from tests.factories import make_place, make_scenario, make_target_group, make_theme

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["cs", "en"])
def test_data_page_documents_every_column_and_vocabulary(client, language):
    theme = make_theme(slug="housing", name_cs="Bydlení", name_en="Housing")
    group = make_target_group(
        slug="labour-migrants", name_cs="Pracovní migranti", name_en="Labour migrants"
    )
    make_place(slug="praha", kind="region", code="CZ010", name_cs="Praha", name_en="Prague")
    make_scenario(slug="sudden-influx")
    response = client.get(f"/{language}/data/")
    assert response.status_code == 200
    page = response.content.decode()
    for catalogue in ("projects", "instruments", "strategies", "organisations", "search"):
        for column in columns_for(catalogue).columns:
            assert f"<code>{column.key}</code>" in page, (catalogue, column.key)
    for code in (theme.slug, group.slug, "praha", "CZ010", "sudden-influx", "municipality", "ngo"):
        assert f"<code>{code}</code>" in page or code in page
    for level in EvidenceLevel.values:
        assert f"<code>{level}</code>" in page
    assert (theme.name_cs if language == "cs" else theme.name_en) in page
    assert "CC BY 4.0" in page
    assert f"/{language}/projects/export.csv" in page
    assert "/api/v1/" in page
    assert "/api/v1/schema/" in page


@pytest.mark.parametrize("language", ["cs", "en"])
def test_api_page_describes_the_endpoints(client, language):
    response = client.get(f"/{language}/api/")
    assert response.status_code == 200
    page = response.content.decode()
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
        assert f"/api/v1/{name}/" in page
    assert "target_group=labour-migrants" in page
    assert "<script" not in page.split("</head>")[1]  # works without JavaScript, nothing remote


@pytest.mark.parametrize(
    "language, description",
    [
        (
            "cs",
            "JSON API platformy pouze pro čtení: projekty, nástroje, krizové strategie, "
            "organizace a číselníky, s popisem OpenAPI 3.",
        ),
        (
            "en",
            "A read-only JSON API for the projects, instruments, crisis strategies, "
            "organisations and vocabularies of the platform, with an OpenAPI 3 description.",
        ),
    ],
)
def test_api_page_description_names_each_list_with_an_endpoint(client, language, description):
    page = client.get(f"/{language}/api/").content.decode()
    assert f'<meta name="description" content="{description}">' in page
