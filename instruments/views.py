"""What the instrument pages need besides the generic list and detail views of ``catalogue``."""

from django.db.models import Prefetch

from instruments.models import Instrument


def detail_prefetch() -> tuple:
    """What an instrument's page shows with it: its vocabularies and its published parts."""
    return (
        "themes",
        "target_groups",
        "places",
        "sources",
        Prefetch("children", queryset=Instrument.objects.published().order_by("slug")),
        Prefetch("predecessors", queryset=Instrument.objects.published().order_by("slug")),
    )
