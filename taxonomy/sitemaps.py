"""The pages of organisations and places in sitemap.xml: those that list a published entry."""

from django.db.models import Q

from catalogue.models import Status
from catalogue.registry import catalogues
from catalogue.sitemaps import BilingualSitemap
from taxonomy.models import Organisation, Place


class OrganisationSitemap(BilingualSitemap):
    """Organisations whose page lists at least one published entry."""

    priority = 0.4
    english_fields = ("name",)

    def items(self):
        published = Status.PUBLISHED
        return (
            Organisation.objects.filter(
                Q(led_projects__status=published)
                | Q(partnerships__project__status=published)
                | Q(administered_instruments__status=published)
            )
            .distinct()
            .order_by("slug")
        )


class PlaceSitemap(BilingualSitemap):
    """Places a published entry is tied to, and the places above them (whose pages include them)."""

    priority = 0.4
    english_fields = ("name",)

    def items(self):
        parents = dict(Place.objects.values_list("pk", "parent_id"))
        ids = set()
        for catalogue in catalogues():
            for place_id in catalogue.model.objects.published().values_list("places", flat=True):
                while place_id is not None and place_id not in ids:
                    ids.add(place_id)
                    place_id = parents.get(place_id)
        return Place.objects.filter(pk__in=ids).order_by("slug")


def sitemaps() -> dict:
    return {"organisations": OrganisationSitemap(), "places": PlaceSitemap()}
