from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaxonomyConfig(AppConfig):
    name = "taxonomy"
    verbose_name = _("Reference data")

    def ready(self):
        from catalogue import registry
        from taxonomy.models import Organisation

        # Organisations are reference records, not publishable entries: a list with facets
        # and exports, but no feed, no citation and no place in the main navigation.
        registry.register(
            registry.Catalogue(
                key="organisations",
                model=Organisation,
                label=_("Organisations"),
                filterset="taxonomy.filters.OrganisationFilter",
                columns="taxonomy.columns.organisation_columns",
                serializer="taxonomy.serializers.OrganisationSerializer",
                viewset="taxonomy.api.OrganisationViewSet",
                vocabularies="taxonomy.columns.vocabularies",
                sitemaps="taxonomy.sitemaps.sitemaps",
                entries=False,
                in_navigation=False,
                list_url_name="taxonomy:organisations",
                detail_url_name="taxonomy:organisation",
                export_url_name="taxonomy:organisations-export",
                # taxonomy/urls.py also holds the regions and places: included at the root.
                url_prefix="",
                list_template="taxonomy/organisation_list.html",
                detail_template="taxonomy/organisation_detail.html",
                position=90,
                phrases={"api": _("organisations")},
                roles={
                    "Editors": {
                        "organisation": ("add", "change", "view"),
                        "place": ("add", "change", "view"),
                        "source": ("add", "change", "view"),
                        "theme": ("view",),
                        "targetgroup": ("view",),
                        # The search thesaurus is the editors' to keep.
                        "thesaurusentry": ("add", "change", "view"),
                    },
                    "Publishers": {
                        "organisation": ("add", "change", "view"),
                        "place": ("add", "change", "view"),
                        "source": ("add", "change", "view"),
                        "theme": ("add", "change", "view"),
                        "targetgroup": ("add", "change", "view"),
                        "thesaurusentry": ("add", "change", "view"),
                    },
                },
            )
        )
        # The vocabularies and reference lists every catalogue uses, in the API.
        for position, (prefix, name, basename, title) in enumerate(
            [
                ("themes", "ThemeViewSet", "theme", _("Themes")),
                ("target-groups", "TargetGroupViewSet", "target-group", _("Target groups")),
                ("places", "PlaceViewSet", "place", _("Places")),
                ("sources", "SourceViewSet", "source", _("Sources")),
            ]
        ):
            registry.register_api_endpoint(
                registry.ApiEndpoint(
                    prefix=prefix,
                    viewset=f"taxonomy.api.{name}",
                    basename=basename,
                    title=title,
                    position=100 + 10 * position,
                )
            )
