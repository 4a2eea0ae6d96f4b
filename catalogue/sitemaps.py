"""sitemap.xml: every public page in both languages, with its language alternates.

Published entries only. A page whose content has no English version is listed in
Czech only, as its page points search engines at the Czech address.

``sitemap.xml`` is an index of sections (``sitemap-projects.xml`` …); a section
holds at most ``ITEMS_PER_PAGE`` pages in each language (``?p=2`` … for more),
well within the protocol's 50,000 addresses per file, and each page is read
from the database by itself, so its cost does not grow with the catalogue.
Anonymous requests are answered from the page cache until content changes.
"""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import index, sitemap
from django.core.paginator import Page, Paginator
from django.db.models import Max
from django.urls import reverse

from catalogue.languages import LANGUAGES, PRIMARY_LANGUAGE, field_names, has_text_in
from catalogue.registry import all_catalogues, catalogues, resolve

CZECH = PRIMARY_LANGUAGE
ALL_LANGUAGES = list(LANGUAGES)
ITEMS_PER_PAGE = 5000


class ItemPaginator(Paginator):
    """Pages of items sliced in SQL, each item then expanded into its languages.

    Django's i18n sitemaps list (item, language) pairs of every item before paging;
    this reads only the items of the page asked for.
    """

    def __init__(self, sitemap):
        super().__init__(sitemap.items(), sitemap.limit)
        self.sitemap = sitemap

    def _get_page(self, object_list, number, paginator):
        languages = self.sitemap.get_languages_for_item
        pairs = [(item, code) for item in object_list for code in languages(item)]
        return Page(pairs, number, paginator)


class BilingualSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    limit = ITEMS_PER_PAGE
    english_fields: tuple[str, ...] = ("title",)

    @property
    def paginator(self):
        return ItemPaginator(self)

    def get_languages_for_item(self, item):
        if has_text_in(item, self.english_fields, "en"):
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


# The URL names of the site's own pages, as the project shell registers them: the first
# ones (the home page) before the lists of the catalogues, the others after them.
_site_pages: dict[str, list[str]] = {"first": [], "after": []}


def register_site_pages(*url_names: str, first: bool = False) -> None:
    """Add pages of the site (URL names without arguments) to the pages section of sitemap.xml."""
    _site_pages["first" if first else "after"].extend(url_names)


class StaticPagesSitemap(BilingualSitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        lists = [catalogue.list_url_name for catalogue in all_catalogues()]
        return [*_site_pages["first"], *lists, *_site_pages["after"]]

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
        english = field_names(*self.english_fields, languages=("en",))
        return (
            self.model.objects.published().only("pk", "slug", "updated_at", *english).order_by("pk")
        )

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


def sitemaps() -> dict:
    """The sections of sitemap.xml, built from the registered catalogues."""
    sections = {"pages": StaticPagesSitemap()}
    for catalogue in catalogues():
        sections[catalogue.key] = CatalogueSitemap(catalogue.model)
    # Pages of their own a catalogue app adds (scenarios, organisations, places).
    for catalogue in all_catalogues():
        if catalogue.sitemaps:
            sections.update(resolve(catalogue.sitemaps)())
    return sections


# Sections are built per request: the catalogues register themselves when the apps are ready.
def sitemap_index(request):
    return index(request, sitemaps=sitemaps(), sitemap_url_name="sitemap-section")


def sitemap_section(request, section):
    return sitemap(request, sitemaps=sitemaps(), section=section)
