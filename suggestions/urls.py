from django.urls import path

from suggestions import views

app_name = "suggestions"

urlpatterns = [
    path("", views.index, name="index"),
    path("thanks/", views.thanks, name="thanks"),
    path("<slug:catalogue>/", views.new_entry, name="new"),
    path("<slug:catalogue>/<slug:slug>/correction/", views.correction, name="correction"),
]
