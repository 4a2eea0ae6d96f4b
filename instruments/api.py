"""The API endpoint of instruments."""

from catalogue.api import CatalogueViewSet, catalogue_schema
from instruments import serializers
from instruments.models import Instrument


@catalogue_schema
class InstrumentViewSet(CatalogueViewSet):
    catalogue = "instruments"
    queryset = Instrument.objects.none()
    serializer_class = serializers.InstrumentSerializer

    def with_related(self, queryset):
        return super().with_related(queryset).select_related("administrator", "parent", "successor")
