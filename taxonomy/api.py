"""The API endpoints of organisations and of the reference lists."""

from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from catalogue.api import CatalogueViewSet, ReferenceViewSet, catalogue_schema, reference_schema
from taxonomy import serializers
from taxonomy.models import Organisation, Place, Source, TargetGroup, Theme


@catalogue_schema
class OrganisationViewSet(CatalogueViewSet):
    catalogue = "organisations"
    queryset = Organisation.objects.none()
    serializer_class = serializers.OrganisationSerializer

    def base_queryset(self):
        return Organisation.objects.public()

    def with_related(self, queryset):
        return queryset.select_related("place")


class PlaceApiFilter(filters.FilterSet):
    """The filters of the API's list of places (the site has no list page of places)."""

    kind = filters.ChoiceFilter(choices=Place.Kind.choices, help_text=_("Kind of place."))
    parent = filters.CharFilter(
        field_name="parent__slug", help_text=_("Identifier (slug) of the place it is part of.")
    )
    code = filters.CharFilter(help_text=_("Official code (ISO 3166, CZ-NUTS, LAU)."))

    class Meta:
        model = Place
        fields = ["kind", "parent", "code"]


@reference_schema
class ThemeViewSet(ReferenceViewSet):
    """Themes (policy domains); the slug is the code used in filters."""

    queryset = Theme.objects.none()
    serializer_class = serializers.ThemeSerializer


@reference_schema
class TargetGroupViewSet(ReferenceViewSet):
    """Target groups; the slug is the code used in filters."""

    queryset = TargetGroup.objects.none()
    serializer_class = serializers.TargetGroupSerializer


@reference_schema
class PlaceViewSet(ReferenceViewSet):
    """Countries, regions, municipalities and city districts with their official codes."""

    queryset = Place.objects.none()
    serializer_class = serializers.PlaceSerializer
    filterset_class = PlaceApiFilter

    def get_queryset(self):
        return super().get_queryset().select_related("parent")


@reference_schema
class SourceViewSet(ReferenceViewSet):
    """Documents the entries draw their facts from."""

    queryset = Source.objects.none()
    serializer_class = serializers.SourceSerializer
