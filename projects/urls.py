from catalogue.urls import catalogue_urls

app_name = "projects"

urlpatterns = catalogue_urls("projects")
