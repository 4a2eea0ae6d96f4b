"""List pages on a phone: the result count and the first results come first, the filters fold away."""

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def filtered_projects_path(seeded_database) -> tuple[str, int]:
    """A projects list filtered by a theme and good practice that still has results."""

    def build():
        from catalogue.models import Status
        from projects.models import Project

        project = (
            Project.objects.filter(status=Status.PUBLISHED, is_good_practice=True)
            .exclude(themes=None)
            .first()
        )
        if project is None:
            pytest.skip("the seeds hold no published good practice with a theme")
        with translation.override("cs"):
            path = reverse("projects:list")
        return f"{path}?theme={project.themes.first().slug}&good_practice=true", 2

    return seeded_database(build)


def test_phone_shows_count_and_first_result_on_first_screen(page, seeded_database):
    path, active = filtered_projects_path(seeded_database)
    page.set_viewport_size(PHONE)
    page.goto(path)

    count = page.locator("#result-count").bounding_box()
    # The first result's title (its link) is on the first screen; its summary may run below.
    first = page.locator(".listing-entries > li h3").first.bounding_box()
    assert count is not None and first is not None
    assert count["y"] + count["height"] <= PHONE["height"]
    assert first["y"] + first["height"] <= PHONE["height"]

    disclosure = page.locator("details.filters-disclosure")
    assert disclosure.get_attribute("open") is None
    summary = disclosure.locator("> summary")
    assert summary.is_visible()
    assert summary.inner_text().strip() == f"Filtry ({active} aktivní)"
    assert not page.locator("#list-q").is_visible()

    summary.click()
    assert page.locator("#list-q").is_visible()


def test_wide_screen_shows_filters_open(page, seeded_database):
    path, _ = filtered_projects_path(seeded_database)
    page.goto(path)

    assert not page.locator("details.filters-disclosure > summary").is_visible()
    assert page.locator("#filters-heading").is_visible()
    assert page.locator("#list-q").is_visible()
    assert page.get_by_role("button", name="Použít filtry").is_visible()
