from django.urls import path

from instruments import views

app_name = "instruments"

urlpatterns = [
    path("", views.entry_list, name="list"),
]
