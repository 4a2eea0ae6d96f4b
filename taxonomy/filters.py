"""Facets of the organisation list: kind and region, and a search by name."""

from django.db.models import OuterRef, Q
from django.utils.translation import gettext_lazy as _

from catalogue import registry
from catalogue.collation import fold, fold_expression
from catalogue.listing import (
    CatalogueFilterSet,
    ModelFacetFilter,
    SearchFilter,
    SubqueryCount,
    ValueFacetFilter,
    place_paths,
)
from catalogue.models import Status
from taxonomy.models import Organisation, Place


class NameSearchFilter(SearchFilter):
    """Organisations whose name or acronym contains the words, in either language, regardless of accents."""

    def match(self, qs, value, rank=True):
        words = fold(value).lower().split()[:12]
        if not words:
            return qs
        names = {
            f"_folded_{name}": fold_expression(name) for name in ("name_cs", "name_en", "acronym")
        }
        qs = qs.alias(**names)
        for word in words:
            qs = qs.filter(
                Q(_folded_name_cs__contains=word)
                | Q(_folded_name_en__contains=word)
                | Q(_folded_acronym__contains=word)
            )
        return qs


class OrganisationFilter(CatalogueFilterSet):
    q = NameSearchFilter(label=_("Search by name"))
    kind = ValueFacetFilter(label=_("Kind"), choices=Organisation.Kind.choices)
    region = ModelFacetFilter(
        label=_("Region"),
        queryset=lambda request: Place.objects.filter(kind=Place.Kind.REGION),
        paths=place_paths("place"),
        selection=lambda regions: Q(place__in=Place.objects.with_descendants(regions)),
    )

    title_field = "name"
    costly_base = True
    orderings = {
        "title": (_("Name A–Z"), lambda fs, lang: fs.title_ordering(lang)),
    }

    class Meta:
        model = Organisation
        fields = []

    @classmethod
    def base_queryset(cls):
        return Organisation.objects.public()

    def select_for_page(self, queryset):
        # Only published entries count; the catalogues are looked up in the registry by
        # the part they play (the projects they lead or join, the instruments they run).
        project = registry.provider("practice").model
        instrument = registry.provider("funding").model
        published = Q(status=Status.PUBLISHED)
        # The projects it leads, and those it joins without leading them: two counts an index
        # answers (an OR across the two relations would read every project for each row).
        led = project.objects.filter(published, lead_organisation=OuterRef("pk")).order_by()
        partnership = project._meta.get_field("partnerships").related_model
        joined = (
            partnership.objects.filter(
                organisation=OuterRef("pk"), project__status=Status.PUBLISHED
            )
            .exclude(project__lead_organisation=OuterRef("pk"))
            .order_by()
            .values("project_id")
            .distinct()
        )
        instruments = (
            instrument.objects.filter(published, administrator=OuterRef("pk"))
            .order_by()
            .values("pk")
        )
        return queryset.select_related("place").annotate(
            project_count=SubqueryCount(led.values("pk")) + SubqueryCount(joined),
            instrument_count=SubqueryCount(instruments),
        )
