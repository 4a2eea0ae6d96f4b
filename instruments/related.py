"""Entries an instrument page links to, and the instruments other pages list. Published only."""

from catalogue.columns import published
from catalogue.related import similar_entries
from instruments.models import Instrument


def instrument_related(instrument) -> dict:
    parent = instrument.parent
    return {
        "parent_instrument": parent if parent is not None and parent.is_published else None,
        # ``children`` is prefetched with published() by the view.
        "child_instruments": list(instrument.children.all()),
        "similar_entries": similar_entries(instrument),
        "successor": instrument.successor if published(instrument.successor) else None,
        # ``predecessors`` is prefetched with published() by the view.
        "predecessors": list(instrument.predecessors.all()),
    }


def instruments_administered_by(organisation) -> list:
    """The panel of an organisation's page: published instruments it administers."""
    return list(Instrument.objects.published().filter(administrator=organisation).order_by("slug"))
