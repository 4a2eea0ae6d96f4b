from django.urls import path

from catalogue import exports
from instruments import views

app_name = "instruments"

urlpatterns = [
    path("", views.entry_list, name="list"),
    path("export.<str:fmt>", exports.export_view, {"catalogue": "instruments"}, name="export"),
    path("feed/", views.LatestEntriesFeed(), name="feed"),
    path("<slug:slug>/", views.entry_detail, name="detail"),
    path(
        "<slug:slug>/cite.<str:fmt>",
        exports.citation_view,
        {"catalogue": "instruments"},
        name="cite",
    ),
]
