from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategiesConfig(AppConfig):
    name = "strategies"
    verbose_name = _("Crisis strategies")

    def ready(self):
        from catalogue.registry import register_catalogue
        from strategies.models import Strategy

        register_catalogue("strategies", Strategy)
