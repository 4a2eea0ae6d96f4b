"""What the project pages need besides the generic list and detail views of ``catalogue``."""

from django.db.models import Prefetch

from projects.models import FundingLine, Partnership


def detail_prefetch() -> tuple:
    """What a project's page shows with it: its vocabularies, figures, partners and funding."""
    return (
        "themes",
        "target_groups",
        "places",
        "sources",
        "key_figures",
        "good_practice_criteria",
        Prefetch("partnerships", queryset=Partnership.objects.select_related("organisation")),
        Prefetch("funding_lines", queryset=FundingLine.objects.select_related("instrument")),
    )
