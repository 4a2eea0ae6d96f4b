from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InstrumentsConfig(AppConfig):
    name = "instruments"
    verbose_name = _("Instruments")

    def ready(self):
        from catalogue.registry import register_catalogue
        from instruments.models import Instrument

        register_catalogue("instruments", Instrument)
