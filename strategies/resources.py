from catalogue.languages import field_names
from catalogue.resources import (
    PlatformResource,
    PublishableResource,
    slug_of,
)
from strategies.models import Scenario, Strategy


class ScenarioResource(PlatformResource):
    class Meta(PlatformResource.Meta):
        model = Scenario
        fields = (
            "slug",
            *field_names("title", "situation", "warning_signs", "indicators"),
            "position",
        )
        export_order = fields


class StrategyResource(PublishableResource):
    scenario = slug_of("scenario", Scenario)

    class Meta(PublishableResource.Meta):
        model = Strategy
        fields = (
            "slug",
            "status",
            "scenario",
            "place_kind",
            *field_names(*Strategy.translated_fields),
            "themes",
            "target_groups",
            "places",
            "sources",
        )
        export_order = fields
