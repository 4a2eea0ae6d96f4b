"""A catalogue that exists only in the test suite, registered as a real app registers its own.

Nothing in ``catalogue/`` or ``platform_site/`` names it: its list, detail page, exports,
sitemap entries, feed and navigation entry follow from this registration alone.
"""

from django.apps import AppConfig


class ToyCatalogueConfig(AppConfig):
    name = "tests.toycatalogue"
    label = "toycatalogue"
    verbose_name = "Toys"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from catalogue import registry
        from tests.toycatalogue.models import Toy

        registry.register(
            registry.Catalogue(
                key="toys",
                model=Toy,
                label="Toys",
                filterset="tests.toycatalogue.filters.ToyFilter",
                columns="tests.toycatalogue.columns.toy_columns",
                serializer="tests.toycatalogue.serializers.ToySerializer",
                viewset="tests.toycatalogue.api.ToyViewSet",
                position=80,
                roles={"Editors": {"toy": ("add", "change", "view")}},
            )
        )
