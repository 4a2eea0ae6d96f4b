"""sitemap.xml: every public page in both languages, with its language alternates.

Published entries only. A page whose content has no English version is listed in
Czech only, as its page points search engines at the Czech address.
"""

from django.apps import apps
from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.db.models import Q
from django.urls import reverse

from catalogue.registry import catalogues

CZECH = settings.LANGUAGE_CODE
ALL_LANGUAGES = [code for code, _name in settings.LANGUAGES]


class BilingualSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    english_fields: tuple[str, ...] = ("title",)

    def get_languages_for_item(self, item):
        if all(getattr(item, f"{name}_en", None) for name in self.english_fields):
            return ALL_LANGUAGES
        return [CZECH]

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        # Django writes x-default without the language prefix; every URL here has one
        # (Czech is the default), so x-default is the Czech page, as in the page's <head>.
        for url in urls:
            alternates = {alternate["lang_code"]: alternate for alternate in url["alternates"]}
            if "x-default" in alternates and CZECH in alternates:
                alternates["x-default"]["location"] = alternates[CZECH]["location"]
        return urls


class StaticPagesSitemap(BilingualSitemap):
    changefreq = "weekly"
    priority = 0.6
    url_names = [
        "home",
        "projects:list",
        "instruments:list",
        "strategies:list",
        "taxonomy:organisations",
        "about",
        "accessibility",
        "data",
        "neglected-groups",
    ]

    def items(self):
        return self.url_names

    def location(self, item):
        return reverse(item)

    def get_languages_for_item(self, item):
        return ALL_LANGUAGES


class CatalogueSitemap(BilingualSitemap):
    changefreq = "weekly"
    priority = 0.8
    english_fields = ("title", "summary")

    def __init__(self, model):
        self.model = model

    def items(self):
        return self.model.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class ScenarioSitemap(BilingualSitemap):
    priority = 0.7
    english_fields = ("title", "situation")

    def items(self):
        return apps.get_model("strategies", "Scenario").objects.order_by("position", "slug")


class OrganisationSitemap(BilingualSitemap):
    """Organisations whose page lists at least one published entry."""

    priority = 0.4
    english_fields = ("name",)

    def items(self):
        Organisation = apps.get_model("taxonomy", "Organisation")
        published = "published"
        return (
            Organisation.objects.filter(
                Q(led_projects__status=published)
                | Q(partnerships__project__status=published)
                | Q(administered_instruments__status=published)
            )
            .distinct()
            .order_by("slug")
        )


class PlaceSitemap(BilingualSitemap):
    """Places a published entry is tied to, and the places above them (whose pages include them)."""

    priority = 0.4
    english_fields = ("name",)

    def items(self):
        Place = apps.get_model("taxonomy", "Place")
        parents = dict(Place.objects.values_list("pk", "parent_id"))
        ids = set()
        for catalogue in catalogues():
            for place_id in catalogue.model.objects.published().values_list("places", flat=True):
                while place_id is not None and place_id not in ids:
                    ids.add(place_id)
                    place_id = parents.get(place_id)
        return Place.objects.filter(pk__in=ids).order_by("slug")


def sitemaps() -> dict:
    """The sections of sitemap.xml, built from the registered catalogues."""
    sections = {"pages": StaticPagesSitemap()}
    for catalogue in catalogues():
        sections[catalogue.key] = CatalogueSitemap(catalogue.model)
    sections["scenarios"] = ScenarioSitemap()
    sections["organisations"] = OrganisationSitemap()
    sections["places"] = PlaceSitemap()
    return sections


def sitemap_view(request):
    # Sections are built per request: the catalogues register themselves when the apps are ready.
    return sitemap(request, sitemaps=sitemaps())
