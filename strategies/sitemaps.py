"""The scenario pages in sitemap.xml (the strategies themselves are listed with every catalogue)."""

from catalogue.sitemaps import BilingualSitemap
from strategies.models import Scenario


class ScenarioSitemap(BilingualSitemap):
    priority = 0.7
    english_fields = ("title", "situation")

    def items(self):
        return Scenario.objects.order_by("position", "slug")


def sitemaps() -> dict:
    return {"scenarios": ScenarioSitemap()}
