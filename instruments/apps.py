from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InstrumentsConfig(AppConfig):
    name = "instruments"
    verbose_name = _("Instruments")

    def ready(self):
        from instruments.models import Instrument
        from platform_site.registry import register_catalogue

        register_catalogue("instruments", Instrument)
