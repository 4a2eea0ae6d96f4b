from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class PlatformSiteConfig(AppConfig):
    name = "platform_site"
    verbose_name = _("Platform")

    def ready(self):
        from catalogue import registry, sitemaps
        from platform_site import pagecache

        pagecache.connect_signals()
        sitemaps.register_site_pages("home", first=True)
        sitemaps.register_site_pages("about", "accessibility", "data", "neglected-groups")
        # A strategy's page links to the finder, pre-filled with its situation.
        registry.register_page_link("finder", "platform_site.finder.finder_url_for")


class PlatformAdminConfig(admin_apps.AdminConfig):
    """The admin with two-factor authentication (see platform_site.twofactor)."""

    default = False
    default_site = "platform_site.twofactor.PlatformAdminSite"
