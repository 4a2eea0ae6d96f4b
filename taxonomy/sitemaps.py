"""The pages of organisations and places in sitemap.xml: those that list a published entry."""

from catalogue.registry import catalogues
from catalogue.sitemaps import BilingualSitemap
from taxonomy.models import Organisation, Place


class OrganisationSitemap(BilingualSitemap):
    """Organisations whose page lists at least one published entry."""

    priority = 0.4
    english_fields = ("name",)

    def items(self):
        return Organisation.objects.of_published_entries().order_by("slug")


class PlaceSitemap(BilingualSitemap):
    """Places a published entry is tied to, and the places above them (whose pages include them)."""

    priority = 0.4
    english_fields = ("name",)

    def items(self):
        parents = dict(Place.objects.values_list("pk", "parent_id"))
        ids = set()
        for catalogue in catalogues():
            tied = catalogue.model.objects.published().order_by().values_list("places", flat=True)
            for place_id in tied.distinct():
                while place_id is not None and place_id not in ids:
                    ids.add(place_id)
                    place_id = parents.get(place_id)
        return Place.objects.filter(pk__in=ids).order_by("slug")


def sitemaps() -> dict:
    return {"organisations": OrganisationSitemap(), "places": PlaceSitemap()}
