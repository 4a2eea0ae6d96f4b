from catalogue.languages import field_names
from catalogue.resources import PlatformResource, slug_of
from taxonomy.models import Organisation, Place, Source, TargetGroup, Theme


class ThemeResource(PlatformResource):
    class Meta(PlatformResource.Meta):
        model = Theme
        fields = ("slug", *field_names("name", "description"), "position")
        export_order = fields


class TargetGroupResource(PlatformResource):
    class Meta(PlatformResource.Meta):
        model = TargetGroup
        fields = ("slug", *field_names("name", "description"), "position")
        export_order = fields


class PlaceResource(PlatformResource):
    parent = slug_of("parent", Place)

    class Meta(PlatformResource.Meta):
        model = Place
        fields = ("slug", *field_names("name"), "kind", "parent", "code")
        export_order = fields


class OrganisationResource(PlatformResource):
    place = slug_of("place", Place)

    class Meta(PlatformResource.Meta):
        model = Organisation
        fields = (
            "slug",
            *field_names("name", "description"),
            "acronym",
            "kind",
            "place",
            "website",
        )
        export_order = fields


class SourceResource(PlatformResource):
    class Meta(PlatformResource.Meta):
        model = Source
        fields = ("slug", "title", "publisher", "year", "url", "accessed")
        export_order = fields
