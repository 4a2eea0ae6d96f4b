from django.urls import path

from catalogue import exports
from taxonomy import views

app_name = "taxonomy"

urlpatterns = [
    path("organisations/", views.organisation_list, name="organisations"),
    path(
        "organisations/export.<str:fmt>",
        exports.export_view,
        {"catalogue": "organisations"},
        name="organisations-export",
    ),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("regions/", views.regions, name="regions"),
    path("places/<slug:slug>/", views.place_detail, name="place"),
]
