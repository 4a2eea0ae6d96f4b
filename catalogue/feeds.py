"""Atom feeds of newly published entries, one per catalogue, in the language of the URL.

A feed honours the filters of its list: it reads the same validated list state as the
page (``list_state``), so a subscription to a filtered list holds exactly its entries.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from catalogue.listing import list_state
from catalogue.registry import catalogue

FEED_LENGTH = 30


class CatalogueFeed(Feed):
    """The latest published entries of one catalogue (``CatalogueFeed("projects")``)."""

    feed_type = Atom1Feed
    # Left unset so that Django uses the active language (the one of the URL).
    language = None

    def __init__(self, catalogue_key: str = ""):
        super().__init__()
        self.catalogue_key = catalogue_key

    @property
    def spec(self):
        return catalogue(self.catalogue_key)

    @property
    def model(self):
        return self.spec.model

    def get_object(self, request, *args, **kwargs):
        return list_state(request, self.catalogue_key, with_facets=False)

    # Built per request: the language is the one the URL activated.
    def title(self, state):
        title = f"{settings.SITE_NAME}: {self.model._meta.verbose_name_plural}"
        filtered = _("filtered")
        return f"{title} ({filtered})" if state.querystring else title

    def subtitle(self, state):
        if state.querystring:
            return _("Newly published entries of the catalogue that match the filters of the list.")
        return _("Newly published entries of the catalogue.")

    def link(self, state):
        url = reverse(self.spec.list_url_name)
        return f"{url}?{state.querystring}" if state.querystring else url

    def feed_url(self, state):
        url = reverse(self.spec.feed_url_name)
        return f"{url}?{state.querystring}" if state.querystring else url

    def author_name(self):
        return str(settings.SITE_NAME)

    def items(self, state):
        return (
            state.queryset.prefetch_related(None)
            .prefetch_related("themes")
            .order_by("-published_at", "slug")[:FEED_LENGTH]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [theme.name for theme in item.themes.all()]
