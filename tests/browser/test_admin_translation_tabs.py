"""In the admin, each Czech/English tab says whether that language is filled in."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import expect

from tests.factories import make_project


def test_the_english_tab_of_an_untranslated_field_is_marked_empty(page):
    get_user_model().objects.create_superuser("chief", password="chief-pass")
    project = make_project(title_cs="Poradna", title_en="Advice centre", summary_en="")
    page.goto(reverse("admin:login"))
    page.fill("#id_username", "chief")
    page.fill("#id_password", "chief-pass")
    page.locator("input[type=submit]").click()
    page.goto(reverse("admin:projects_project_change", args=[project.pk]))
    title_tabs = page.locator(".ui-tabs-nav").first
    expect(title_tabs.locator("li").nth(0)).to_contain_text("✓")
    expect(title_tabs.locator("li").nth(1)).to_contain_text("✓")
    summary_tabs = page.locator("#id_summary_en").locator(
        "xpath=ancestor::div[contains(@class,'ui-tabs')]"
    )
    english_tab = summary_tabs.locator(".ui-tabs-nav li").nth(1)
    assert "✓" not in english_tab.inner_text()
    # Typing fills the tab in.
    english_tab.locator("a").click()
    page.fill("#id_summary_en", "Advice for foreigners.")
    expect(english_tab).to_contain_text("✓")
