from django.urls import path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from catalogue import registry
from platform_site.api import views

app_name = "api"

# Each app registers its endpoints (its catalogue's and its reference lists') in the registry.
router = DefaultRouter()
for endpoint in registry.api_endpoints():
    router.register(endpoint.prefix, endpoint.viewset_class(), basename=endpoint.basename)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", views.docs, name="docs"),
    *router.urls,
]
