from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategiesConfig(AppConfig):
    name = "strategies"
    verbose_name = _("Crisis strategies")

    def ready(self):
        from catalogue import registry
        from strategies.models import Strategy

        registry.register(
            registry.Catalogue(
                key="strategies",
                model=Strategy,
                label=_("Strategies"),
                filterset="strategies.filters.StrategyFilter",
                columns="strategies.columns.strategy_columns",
                serializer="strategies.serializers.StrategySerializer",
                viewset="strategies.api.StrategyViewSet",
                vocabularies="strategies.columns.vocabularies",
                sitemaps="strategies.sitemaps.sitemaps",
                detail_select=("scenario",),
                detail_prefetch="strategies.views.detail_prefetch",
                detail_context="strategies.views.detail_context",
                related="strategies.related.strategy_related",
                position=30,
                provides=("situations",),
                part_models={"scenario": "strategies.Scenario", "step": "strategies.Step"},
                phrases={
                    "tagline": _("Step-by-step strategies for crisis situations."),
                    "place": _("strategies"),
                    "api": _("crisis strategies"),
                    "suggestion_title": _("What situation is the strategy for?"),
                    "suggestion_description": _(
                        "What a municipality or region should do, and what has worked elsewhere."
                    ),
                },
                home_context="strategies.views.home_context",
                roles={
                    "Editors": {
                        "strategy": ("add", "change", "view"),
                        "step": ("add", "change", "delete", "view"),
                        "scenario": ("view",),
                    },
                    "Publishers": {
                        "strategy": ("add", "change", "view", "publish"),
                        "step": ("add", "change", "delete", "view"),
                        "scenario": ("add", "change", "view"),
                    },
                },
            )
        )
        # The crisis scenarios the strategies answer are a reference list of the API.
        registry.register_api_endpoint(
            registry.ApiEndpoint(
                prefix="scenarios",
                viewset="strategies.api.ScenarioViewSet",
                basename="scenario",
                title=_("Crisis scenarios"),
                position=140,
            )
        )
        # Strategies point at projects and instruments: their pages list the strategies citing them.
        registry.contribute_panel(
            "projects", "citing_strategies", "strategies.related.strategies_citing_project"
        )
        registry.contribute_panel(
            "instruments",
            "recommending_strategies",
            "strategies.related.strategies_recommending_instrument",
        )
