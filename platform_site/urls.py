from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from catalogue import exports, sitemaps
from catalogue.urls import registered_urls
from newsroom import views as newsroom_views
from platform_site import (
    calendar,
    compare,
    coverage_views,
    datapage,
    finder,
    manual,
    neglected_groups,
    search_feed,
    views,
)

handler404 = "platform_site.views.page_not_found"
handler500 = "platform_site.views.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.sitemap_section, name="sitemap-section"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/worklist/", newsroom_views.worklist, name="worklist"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("platform_site.api.urls")),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("search/", views.search, name="search"),
    path(
        "search/export.<str:fmt>",
        exports.export_view,
        {"catalogue": "search"},
        name="search-export",
    ),
    # What the sources say about the groups services miss; coverage/groups/ ranks them.
    path("coverage/sources/", neglected_groups.neglected_groups, name="neglected-groups"),
    path("finder/", finder.finder, name="finder"),
    path("calendar/", calendar.calendar_page, name="calendar"),
    path("calendar/deadlines.ics", calendar.deadlines_ical, name="calendar-ical"),
    path("search/feed/", search_feed.SearchFeed(), name="search-feed"),
    path("data/", datapage.data_page, name="data"),
    path("api/", datapage.api_page, name="api"),
    path("coverage/", coverage_views.coverage_map, name="coverage"),
    # The ranking from the live catalogue.
    path("coverage/groups/", coverage_views.neglected_groups, name="coverage-groups"),
    path("coverage/export.<str:fmt>", coverage_views.coverage_export, name="coverage-export"),
    path("compare/", compare.compare_page, name="compare"),
    path("compare/export.<str:fmt>", compare.compare_export, name="compare-export"),
    path("methodology/", views.methodology, name="methodology"),
    path("manual/", manual.manual_page, name="manual"),
    path("manual.pdf", manual.manual_pdf, name="manual-pdf"),
    path("suggest/", include("suggestions.urls")),
    # Each registered catalogue's app under its prefix (projects/, instruments/, …).
    *registered_urls(),
    prefix_default_language=True,
)
