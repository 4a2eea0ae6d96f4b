from django.urls import path

from catalogue import exports
from strategies import views

app_name = "strategies"

urlpatterns = [
    path("", views.entry_list, name="list"),
    path("export.<str:fmt>", exports.export_view, {"catalogue": "strategies"}, name="export"),
    path("feed/", views.LatestEntriesFeed(), name="feed"),
    path("scenarios/<slug:slug>/", views.scenario_detail, name="scenario"),
    path("<slug:slug>/", views.entry_detail, name="detail"),
    path(
        "<slug:slug>/cite.<str:fmt>",
        exports.citation_view,
        {"catalogue": "strategies"},
        name="cite",
    ),
]
