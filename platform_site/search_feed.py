"""The Atom feed of a search: newly published entries of every catalogue that match the query."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from catalogue.feeds import FEED_LENGTH
from catalogue.search import search_entries
from platform_site.views import clean_query


class SearchFeed(Feed):
    feed_type = Atom1Feed
    language = None  # the language of the URL

    def get_object(self, request, *args, **kwargs):
        return clean_query(request.GET.get("q", ""))

    def title(self, query):
        label = _("Search")  # "Search" is translated already (the page's title)
        if not query:
            return f"{settings.SITE_NAME}: {label}"
        return f"{settings.SITE_NAME}: {label} „{query}“"

    def subtitle(self, query):
        return _("Newly published entries of every catalogue that match the search.")

    def link(self, query):
        url = reverse("search")
        return f"{url}?{urlencode({'q': query})}" if query else url

    def feed_url(self, query):
        url = reverse("search-feed")
        return f"{url}?{urlencode({'q': query})}" if query else url

    def author_name(self):
        return str(settings.SITE_NAME)

    def items(self, query):
        if not query:
            return []
        entries = []
        for queryset in search_entries(query).values():
            entries.extend(
                queryset.order_by("-published_at", "slug").prefetch_related("themes")[:FEED_LENGTH]
            )
        entries.sort(key=lambda e: (e.published_at is not None, e.published_at), reverse=True)
        return entries[:FEED_LENGTH]

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
