from django.urls import path

from projects import views

app_name = "projects"

urlpatterns = [
    path("", views.entry_list, name="list"),
]
