"""The project list: each facet narrows the list to matching rows and counts what each value would give."""

import pytest
from django.utils import timezone

from catalogue.models import EvidenceLevel, Status
from projects.models import FundingLine, Partnership
from taxonomy.models import Place, TargetGroup
from tests.factories import (
    make_instrument,
    make_organisation,
    make_place,
    make_project,
    make_target_group,
    make_theme,
)

pytestmark = pytest.mark.django_db


def slugs(response):
    return [entry.slug for entry in response.context["page_obj"].object_list]


def facet(response, name):
    return {
        value.value: value
        for value in next(f for f in response.context["state"].facets if f.name == name).values
    }


def test_theme_filter_keeps_only_projects_with_that_theme(client):
    housing, education = make_theme(slug="housing"), make_theme(slug="education")
    a, b, c = make_project(), make_project(), make_project()
    a.themes.add(housing)
    b.themes.add(education)
    c.themes.add(housing, education)

    response = client.get("/cs/projects/", {"theme": "housing"})

    assert response.status_code == 200
    assert sorted(slugs(response)) == sorted([a.slug, c.slug])
    # The theme facet is counted without its own filter: education would give two.
    assert facet(response, "theme")["education"].count == 2
    assert facet(response, "theme")["housing"].selected


def test_two_values_of_one_facet_widen_and_two_facets_narrow(client):
    housing, education = make_theme(slug="housing"), make_theme(slug="education")
    migrants = make_target_group(slug="migrants")
    a, b, c = make_project(), make_project(), make_project()
    a.themes.add(housing)
    b.themes.add(education)
    b.target_groups.add(migrants)
    c.target_groups.add(migrants)

    either = client.get("/cs/projects/", {"theme": ["housing", "education"]})
    both = client.get(
        "/cs/projects/", {"theme": ["housing", "education"], "target_group": "migrants"}
    )

    assert sorted(slugs(either)) == sorted([a.slug, b.slug])
    assert slugs(both) == [b.slug]
    assert facet(both, "target_group")["migrants"].count == 1


def test_region_includes_its_municipalities_and_districts(client):
    czechia = make_place(slug="cz", kind=Place.Kind.COUNTRY, code="CZ")
    region = make_place(slug="jihomoravsky", kind=Place.Kind.REGION, parent=czechia)
    brno = make_place(slug="brno", kind=Place.Kind.MUNICIPALITY, parent=region)
    district = make_place(slug="brno-stred", kind=Place.Kind.DISTRICT, parent=brno)
    other = make_place(slug="olomoucky", kind=Place.Kind.REGION, parent=czechia)
    in_region, in_district, in_city, elsewhere = (
        make_project(),
        make_project(),
        make_project(),
        make_project(),
    )
    in_region.places.add(region)
    in_district.places.add(district)
    in_city.places.add(brno)
    elsewhere.places.add(other)

    response = client.get("/cs/projects/", {"region": "jihomoravsky"})

    assert sorted(slugs(response)) == sorted([in_region.slug, in_district.slug, in_city.slug])
    counts = facet(response, "region")
    assert counts["jihomoravsky"].count == 3
    assert counts["olomoucky"].count == 1


def test_czech_republic_or_abroad(client):
    czechia = make_place(slug="cz", kind=Place.Kind.COUNTRY, code="CZ")
    prague = make_place(slug="praha", parent=czechia)
    austria = make_place(slug="at", kind=Place.Kind.COUNTRY, code="AT")
    home, abroad, nowhere = make_project(), make_project(), make_project()
    home.places.add(prague)
    abroad.places.add(austria)

    assert slugs(client.get("/cs/projects/", {"location": "cz"})) == [home.slug]
    assert slugs(client.get("/cs/projects/", {"location": "abroad"})) == [abroad.slug]
    assert nowhere.slug in slugs(client.get("/cs/projects/"))


def test_organisation_matches_lead_or_partner(client):
    org = make_organisation(slug="simi")
    led, partnered = make_project(), make_project()
    make_project()
    led.lead_organisation = org
    led.save()
    Partnership.objects.create(project=partnered, organisation=org)
    response = client.get("/cs/projects/", {"organisation": "simi"})
    assert sorted(slugs(response)) == sorted([led.slug, partnered.slug])
    assert facet(response, "organisation")["simi"].count == 2


def test_funding_instrument_filter(client):
    programme = make_instrument()
    funded = make_project()
    make_project()
    FundingLine.objects.create(project=funded, instrument=programme, amount=1000)
    FundingLine.objects.create(project=funded, instrument=programme, amount=2000)
    response = client.get("/cs/projects/", {"instrument": programme.slug})
    assert slugs(response) == [funded.slug]
    assert facet(response, "instrument")[programme.slug].count == 1


def test_years_active_is_an_overlap_and_ongoing_runs_until_now(client):
    this_year = timezone.localdate().year
    early = make_project(start_year=2010, end_year=2012)
    spanning = make_project(start_year=2011, end_year=2020)
    late = make_project(start_year=2019, end_year=2021)
    ongoing = make_project(start_year=2015, ongoing=True)
    undated = make_project()

    response = client.get("/cs/projects/", {"year_from": "2013", "year_to": "2016"})
    assert sorted(slugs(response)) == sorted([spanning.slug, ongoing.slug])

    response = client.get("/cs/projects/", {"year_from": str(this_year)})
    assert slugs(response) == [ongoing.slug]

    response = client.get("/cs/projects/", {"year_to": "2010"})
    assert slugs(response) == [early.slug]
    assert undated.slug not in slugs(response) and late.slug not in slugs(response)


def test_evidence_level_and_good_practice(client):
    strong = make_project(evidence_level=EvidenceLevel.IMPACT, is_good_practice=True)
    make_project(evidence_level=EvidenceLevel.MONITORING)
    response = client.get("/cs/projects/", {"evidence": "impact", "good_practice": "true"})
    assert slugs(response) == [strong.slug]
    assert facet(response, "evidence")["monitoring"].count == 0  # good practice narrows it
    assert facet(response, "good_practice")["true"].count == 1


def test_search_combines_with_facets(client):
    theme = make_theme(slug="labour")
    matching = make_project(
        title_cs="Společně na trhu práce", title_en="Together on the Labour Market"
    )
    matching.themes.add(theme)
    make_project(title_cs="Společně na trhu práce bez tématu")
    make_project(title_cs="Jazykové kurzy").themes.add(theme)

    response = client.get("/cs/projects/", {"q": "trh prace", "theme": "labour"})

    assert slugs(response) == [matching.slug]
    assert response.context["state"].ordering == "relevance"
    assert facet(response, "theme")["labour"].count == 1


def test_chips_remove_one_filter_and_keep_the_others(client):
    make_theme(slug="housing")
    make_target_group(slug="migrants")
    make_project()
    response = client.get(
        "/cs/projects/", {"theme": "housing", "target_group": "migrants", "q": "x"}
    )
    chips = {chip.name: chip for chip in response.context["state"].chips}
    assert set(chips) == {"theme", "target_group", "q"}
    remove_theme = chips["theme"].remove_url
    assert (
        "theme=" not in remove_theme
        and "target_group=migrants" in remove_theme
        and "q=x" in remove_theme
    )
    assert 'href="' + remove_theme.replace("&", "&amp;") + '"' in response.content.decode()


def test_invalid_values_are_dropped_with_a_message(client):
    make_theme(slug="housing")
    project = make_project()
    response = client.get(
        "/cs/projects/", {"theme": "no-such-theme", "year_from": "abc", "sort": "evil"}
    )
    assert response.status_code == 200
    assert slugs(response) == [project.slug]
    assert len(response.context["state"].errors) == 3
    assert 'role="alert"' in response.content.decode()


def test_pagination_keeps_the_filters(client):
    theme = make_theme(slug="housing")
    for _ in range(25):
        make_project().themes.add(theme)
    make_project()
    first = client.get("/cs/projects/", {"theme": "housing"})
    assert first.context["page_obj"].paginator.count == 25
    assert "?theme=housing&amp;page=2" in first.content.decode()
    second = client.get("/cs/projects/", {"theme": "housing", "page": "2"})
    assert len(second.context["page_obj"].object_list) == 5


def test_no_results_explains_and_offers_to_remove_filters(client):
    make_theme(slug="housing", name_en="Housing")
    make_target_group(slug="migrants", name_en="Migrants")
    make_project().target_groups.add(*TargetGroup.objects.all())
    make_project()
    response = client.get("/en/projects/", {"theme": "housing", "target_group": "migrants"})
    html = response.content.decode()
    assert response.context["page_obj"].paginator.count == 0
    assert 'id="no-results"' in html
    assert "No entry meets all the filters" in html
    # Each way out says what it would give: without the theme one project, without the group none.
    assert 'Remove “Theme: Housing”</a> <span class="facet-count">(then 1 result)' in html
    assert 'Remove “Target group: Migrants”</a> <span class="facet-count">(then 0 results)' in html
    assert 'href="?target_group=migrants"' in html


def test_an_empty_searched_list_says_what_removing_each_filter_gives(client):
    housing = make_theme(slug="housing", name_en="Housing")
    make_target_group(slug="migrants", name_en="Migrants")
    make_project(title_en="Language course").target_groups.add(*TargetGroup.objects.all())
    make_project(title_en="Language course for parents")
    make_project(title_en="Housing advice").themes.add(housing)
    response = client.get(
        "/en/projects/", {"q": "course", "theme": "housing", "target_group": "migrants"}
    )
    html = response.content.decode()
    assert response.context["page_obj"].paginator.count == 0
    assert 'Remove “Theme: Housing”</a> <span class="facet-count">(then 1 result)' in html
    assert 'Remove “Target group: Migrants”</a> <span class="facet-count">(then 0 results)' in html
    assert 'Remove “Search: course”</a> <span class="facet-count">(then 0 results)' in html


def test_facet_labels_follow_the_page_language(client):
    theme = make_theme(slug="housing", name_cs="Bydlení", name_en="Housing")
    make_project().themes.add(theme)
    assert facet(client.get("/cs/projects/"), "theme")["housing"].label == "Bydlení"
    assert facet(client.get("/en/projects/"), "theme")["housing"].label == "Housing"
    assert facet(client.get("/en/projects/"), "evidence")["impact"].label == "Impact evaluation"


def test_sort_by_start_year_and_newest(client):
    old = make_project(start_year=2005)
    new = make_project(start_year=2022)
    none = make_project()
    assert slugs(client.get("/cs/projects/", {"sort": "start"})) == [new.slug, old.slug, none.slug]
    assert slugs(client.get("/cs/projects/", {"sort": "newest"}))[0] == none.slug


def test_unpublished_funding_instrument_is_not_a_facet_value(client):
    draft = make_instrument(status=Status.DRAFT)
    project = make_project()
    FundingLine.objects.create(project=project, instrument=draft)
    response = client.get("/cs/projects/")
    assert draft.slug not in facet(response, "instrument")
    assert client.get("/cs/projects/", {"instrument": draft.slug}).context["state"].errors
