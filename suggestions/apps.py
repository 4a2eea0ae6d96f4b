from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SuggestionsConfig(AppConfig):
    name = "suggestions"
    verbose_name = _("Suggestions from the public")

    def ready(self):
        from catalogue import registry

        # Suggestions from the public are handled, never added or deleted, by the editors.
        handled = {"suggestion": ("change", "view")}
        registry.register_roles("suggestions", {"Editors": handled, "Publishers": handled})
