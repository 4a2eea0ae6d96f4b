from catalogue.urls import catalogue_urls

app_name = "instruments"

urlpatterns = catalogue_urls("instruments")
