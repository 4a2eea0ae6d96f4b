from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog  # noqa: F401  (kept for the admin's i18n)

from platform_site import views

handler404 = "platform_site.views.page_not_found"
handler500 = "platform_site.views.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("projects/", include("projects.urls")),
    path("instruments/", include("instruments.urls")),
    path("strategies/", include("strategies.urls")),
    path("", include("taxonomy.urls")),
    prefix_default_language=True,
)
