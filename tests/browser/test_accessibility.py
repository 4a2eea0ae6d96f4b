"""Every kind of public page passes axe-core's WCAG 2.1 A and AA rules, in Czech and in English.

Czech public-sector websites are bound to WCAG 2.1 AA (Act No. 99/2019 Coll.).
The pages are filled with the real seed content; whatever the seeds lack is
made with tests/factories.py so that every kind of page is checked.
"""

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.browser

LANGUAGES = ["cs", "en"]
PAGE_KINDS = [
    "home",
    "about",
    "accessibility",
    "search results",
    "projects list, filtered",
    "instruments list, filtered",
    "strategies list, filtered",
    "organisations list, filtered",
    "project",
    "instrument",
    "strategy",
    "scenario",
    "organisation",
    "place",
    "data",
    "api",
    "coverage map",
    "neglected groups",
    "neglected groups ranking",
    "compare",
    "place profile",
    "regions overview",
    "methodology",
    "manual of instruments",
    "manual of instruments, filtered",
]


def page_paths() -> dict[str, str]:
    """A path for every kind of page in the active language, resolved from the database."""
    from catalogue.models import Status
    from instruments.models import Instrument
    from projects.models import Project
    from strategies.models import Scenario, Strategy
    from taxonomy.models import Organisation, Place
    from tests.factories import (
        make_instrument,
        make_organisation,
        make_place,
        make_project,
        make_scenario,
        make_step,
        make_strategy,
        make_theme,
    )

    project = Project.objects.published().filter(lead_organisation__isnull=False).first()
    if project is None:
        project = make_project(
            title_cs="Poradna pro cizince",
            summary_cs="Cizinci zde dostanou radu k pobytu a práci.",
            lead_organisation=make_organisation(),
        )
        project.themes.add(make_theme())
        project.places.add(make_place())
    instrument = Instrument.objects.published().first() or make_instrument(
        title_cs="Dotace na integraci cizinců", summary_cs="Program pro obce, kde žijí cizinci."
    )
    strategy = Strategy.objects.published().filter(steps__isnull=False).first()
    if strategy is None:
        strategy = make_strategy(scenario=make_scenario(), title_cs="Náhlý příchod pracovníků")
        make_step(strategy, instruments=[instrument], projects=[project])
    scenario = (
        Scenario.objects.filter(strategies__status=Status.PUBLISHED).first() or strategy.scenario
    )
    organisation = project.lead_organisation or Organisation.objects.first()
    place = (
        Place.objects.filter(project__status=Status.PUBLISHED).first()
        or Place.objects.first()
        or make_place()
    )
    theme = project.themes.first()
    compared = list(Instrument.objects.published().values_list("slug", flat=True)[:3])
    while len(compared) < 2:
        compared.append(make_instrument().slug)
    region = Place.objects.filter(kind=Place.Kind.REGION).first() or make_place(
        kind=Place.Kind.REGION
    )
    project_filter = f"?theme={theme.slug}" if theme else "?good_practice=true"
    return {
        "home": reverse("home"),
        "about": reverse("about"),
        "accessibility": reverse("accessibility"),
        "search results": reverse("search") + "?q=cizinci",
        "projects list, filtered": reverse("projects:list") + project_filter,
        "instruments list, filtered": reverse("instruments:list")
        + "?applicant=municipality&call_status=open",
        "strategies list, filtered": reverse("strategies:list")
        + f"?place_kind={strategy.place_kind}",
        "organisations list, filtered": reverse("taxonomy:organisations")
        + f"?kind={organisation.kind}",
        "project": project.get_absolute_url(),
        "instrument": instrument.get_absolute_url(),
        "strategy": strategy.get_absolute_url(),
        "scenario": scenario.get_absolute_url(),
        "organisation": organisation.get_absolute_url(),
        "place": place.get_absolute_url(),
        "data": reverse("data"),
        "api": reverse("api"),
        "neglected groups": reverse("neglected-groups"),
        "coverage map": reverse("coverage") + "?rows=least",
        "neglected groups ranking": reverse("coverage-groups"),
        "compare": reverse("compare")
        + "?"
        + "&".join(f"compare=instruments:{slug}" for slug in compared),
        "place profile": region.get_absolute_url(),
        "regions overview": reverse("taxonomy:regions"),
        "methodology": reverse("methodology"),
        "manual of instruments": reverse("manual"),
        "manual of instruments, filtered": reverse("manual") + "?applicant=city_district",
    }


@pytest.fixture(scope="module")
def paths(seeded_database):
    def resolve():
        result = {}
        for lang in LANGUAGES:
            with translation.override(lang):
                for kind, path in page_paths().items():
                    result[kind, lang] = path
        return result

    return seeded_database(resolve)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_page_has_no_wcag_violations(page, seeded_database, paths, assert_accessible, kind, lang):
    path = paths[kind, lang]
    response = page.goto(path)
    assert response.status == 200, f"{path} answered {response.status}"
    assert page.locator("html").get_attribute("lang") == lang
    assert_accessible(page, f"{kind} ({lang}): {path}")


def test_the_audit_reports_a_violation_when_there_is_one(browser):
    """The check above can fail: an image without alternative text and a nameless button are found."""
    from tests.browser.conftest import axe_violations

    context = browser.new_context()
    tab = context.new_page()
    tab.set_content(
        '<html lang="en"><body><main><img src="x.png"><button></button></main></body></html>'
    )
    found = {violation["id"] for violation in axe_violations(tab)}
    context.close()
    assert {"image-alt", "button-name"} <= found
