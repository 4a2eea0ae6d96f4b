from catalogue.urls import catalogue_urls

app_name = "toys"

urlpatterns = catalogue_urls("toys")
