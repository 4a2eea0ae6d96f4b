"""The URLs every catalogue of entries has: list, exports, feed, detail page and citations."""

from django.urls import path


def catalogue_urls(key: str, *extra) -> list:
    """The URL patterns of catalogue ``key``; an app adds its own pages as ``extra``.

    The app's ``urls.py`` sets ``app_name = key`` and includes these under its prefix.
    """
    from catalogue import exports, views
    from catalogue.feeds import CatalogueFeed

    kwargs = {"catalogue": key}
    return [
        path("", views.entry_list, kwargs, name="list"),
        path("export.<str:fmt>", exports.export_view, kwargs, name="export"),
        path("feed/", CatalogueFeed(key), name="feed"),
        *extra,
        path("<slug:slug>/", views.entry_detail, kwargs, name="detail"),
        path("<slug:slug>/cite.<str:fmt>", exports.citation_view, kwargs, name="cite"),
    ]
