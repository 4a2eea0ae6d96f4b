"""What the page of an organisation or a place lists: published entries of every catalogue."""

from catalogue import registry
from taxonomy.models import Organisation, Place


def place_activity(place) -> dict:
    """What happened in a place and in the places below it (a region holds its municipalities)."""
    place_ids = Place.objects.with_descendants([place])
    activity = {}
    for catalogue in registry.catalogues():
        activity[catalogue.key] = list(
            catalogue.model.objects.published()
            .filter(places__in=place_ids)
            .distinct()
            .order_by(*catalogue.related_ordering)
        )
    activity["organisations"] = list(
        Organisation.objects.public().filter(place_id__in=place_ids).order_by("name")
    )
    return activity
