from catalogue.api import CatalogueViewSet, catalogue_schema
from tests.toycatalogue.models import Toy
from tests.toycatalogue.serializers import ToySerializer


@catalogue_schema
class ToyViewSet(CatalogueViewSet):
    catalogue = "toys"
    queryset = Toy.objects.none()
    serializer_class = ToySerializer
