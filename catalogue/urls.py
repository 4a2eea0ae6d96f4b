"""The URLs every catalogue of entries has (list, exports, feed, detail page and citations),
and the root URLs' include of every registered catalogue app."""

from django.urls import include, path


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


def registered_urls() -> list:
    """An ``include()`` of each registered catalogue's URL module under its prefix.

    The root URLs list these once, so a new catalogue app needs only its registration
    and ``INSTALLED_APPS``. Two catalogues of one app share one include.
    """
    from catalogue.registry import all_catalogues

    patterns, seen = [], set()
    for spec in all_catalogues():
        if spec.urlconf in seen:
            continue
        seen.add(spec.urlconf)
        patterns.append(path(spec.url_prefix, include(spec.urlconf)))
    return patterns
