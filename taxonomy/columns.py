"""The columns of the organisation exports, in the order of the files."""

from django.utils.translation import gettext_lazy as _

from catalogue.columns import (
    CatalogueColumns,
    Column,
    ColumnType,
    Value,
    Vocabulary,
    choice,
    choices,
    identifiers,
    place_text,
    plain,
    text,
)
from taxonomy.models import Organisation, Place, TargetGroup, Theme


def organisation_columns() -> CatalogueColumns:
    return CatalogueColumns(
        key="organisations",
        label=_("Organisations"),
        columns=(
            *identifiers("taxonomy:organisation"),
            text("name", _("Name"), _("Name of the organisation.")),
            plain("acronym", _("Acronym"), _("Short name, if it has one.")),
            choice("kind", _("Kind"), _("What kind of organisation it is."), "organisation_kinds"),
            Column(
                "seat",
                _("Seat"),
                ColumnType.TEXT,
                _("Place where the organisation has its seat, with its official code."),
                lambda e, ctx: place_text(e.place, ctx) if e.place_id else "",
                translated=True,
            ),
            plain("website", _("Website"), _("The organisation's website."), ColumnType.URL),
            text("description", _("Description"), _("What the organisation does.")),
        ),
        select_related=("place",),
    )


def vocabularies() -> list[Vocabulary]:
    regions = Place.objects.filter(kind=Place.Kind.REGION).order_by("code", "slug")
    return [
        Vocabulary(
            "themes",
            _("Themes"),
            [Value(t.slug, t.name, t.description) for t in Theme.objects.all()],
            _("The code is the value of the filter “theme” in addresses, exports and the API."),
        ),
        Vocabulary(
            "target_groups",
            _("Target groups"),
            [Value(t.slug, t.name, t.description) for t in TargetGroup.objects.all()],
            _("The code is the value of the filter “target_group”."),
        ),
        Vocabulary(
            "place_kinds",
            _("Kinds of place"),
            choices(Place.Kind.choices),
            _(
                "Every place has an official code: ISO 3166 for countries, CZ-NUTS for Czech "
                "regions, LAU or the municipality code for municipalities and city districts."
            ),
        ),
        Vocabulary(
            "regions",
            _("Regions"),
            [Value(p.slug, f"{p.name} ({p.code})" if p.code else p.name) for p in regions],
            _(
                "The code is the value of the filter “region”; a region includes its "
                "municipalities and city districts. The official CZ-NUTS code is in brackets."
            ),
        ),
        Vocabulary(
            "organisation_kinds", _("Kinds of organisation"), choices(Organisation.Kind.choices)
        ),
    ]
