from django.urls import path

from catalogue.urls import catalogue_urls
from strategies import views

app_name = "strategies"

urlpatterns = catalogue_urls(
    "strategies",
    path("scenarios/<slug:slug>/", views.scenario_detail, name="scenario"),
    path("<slug:slug>/checklist.pdf", views.checklist_pdf, name="checklist"),
)
