"""What the API returns for organisations and the reference lists (themes, target groups,
places, sources)."""

from rest_framework import serializers

from catalogue.api import PermalinkField, PlaceRefSerializer, SourceSerializer
from taxonomy.models import Organisation, Place, TargetGroup, Theme

__all__ = [
    "OrganisationRefSerializer",
    "OrganisationSerializer",
    "PlaceSerializer",
    "SourceSerializer",
    "TargetGroupSerializer",
    "ThemeSerializer",
]


class ThemeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Theme
        fields = ["slug", "name", "description", "position"]


class TargetGroupSerializer(serializers.ModelSerializer):
    class Meta:
        model = TargetGroup
        fields = ["slug", "name", "description", "position"]


class PlaceSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    permalink = PermalinkField()

    class Meta:
        model = Place
        fields = ["slug", "name", "kind", "kind_label", "code", "parent", "permalink"]


class OrganisationRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["slug", "name", "acronym", "kind"]


class OrganisationSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    seat = PlaceRefSerializer(source="place", read_only=True, allow_null=True)
    permalink = PermalinkField()

    class Meta:
        model = Organisation
        fields = [
            "slug",
            "name",
            "acronym",
            "kind",
            "kind_label",
            "seat",
            "website",
            "description",
            "permalink",
        ]
