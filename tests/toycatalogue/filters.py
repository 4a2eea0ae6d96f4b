from catalogue.listing import ENTRY_ORDERINGS, CatalogueFilterSet, ValueFacetFilter, theme_facet
from tests.toycatalogue.models import Colour, Toy


class ToyFilter(CatalogueFilterSet):
    colour = ValueFacetFilter(label="Colour", choices=Colour.choices)
    theme = theme_facet()

    orderings = ENTRY_ORDERINGS

    class Meta:
        model = Toy
        fields = []
