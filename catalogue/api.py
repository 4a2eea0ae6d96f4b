"""What every endpoint of the read-only API shares: the serializer fields of the publishable
base, the viewset of a catalogue (its list reads the validated ``ListState``, exactly like
the list page) and the viewset of a reference list.

Each catalogue app keeps its own serializers in ``serializers.py`` and its viewsets in
``api.py`` and names them in its ``Catalogue`` registration; the router in the project
shell builds the API from ``registry.api_endpoints()``. Texts come in the requested
language (Czech where English is missing); codes of controlled values stay the same in
both languages and come with a ``*_label``.
"""

from functools import cache

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError

from catalogue.listing import filterset_class, list_state
from catalogue.models import Status
from taxonomy.models import Place, Source

# --- serializers --------------------------------------------------------------------------


def is_published(entry) -> bool:
    return entry is not None and entry.status == Status.PUBLISHED


class PermalinkField(serializers.Field):
    """The absolute address of the entry's page on the site, in the requested language."""

    def __init__(self, **kwargs):
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        request = self.context.get("request")
        path = value.get_absolute_url()
        return request.build_absolute_uri(path) if request else path


extend_schema_field(OpenApiTypes.URI)(PermalinkField)


class VocabularyRefSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)


class PlaceRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Place
        fields = ["slug", "name", "kind", "code"]


class SourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ["slug", "title", "publisher", "year", "url", "accessed"]


class EntryRefSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    title = serializers.CharField(read_only=True)


def published_ref(entry):
    """``{"slug", "title"}`` of a published entry, None for a missing or unpublished one."""
    return {"slug": entry.slug, "title": entry.title} if is_published(entry) else None


class EntrySerializer(serializers.ModelSerializer):
    """Fields of the publishable base; each catalogue adds its own."""

    permalink = PermalinkField()
    themes = VocabularyRefSerializer(many=True, read_only=True)
    target_groups = VocabularyRefSerializer(many=True, read_only=True)
    places = PlaceRefSerializer(many=True, read_only=True)
    sources = SourceSerializer(many=True, read_only=True)
    has_english = serializers.BooleanField(read_only=True)

    base_fields = ["slug", "permalink", "title", "summary"]
    shared_fields = [
        "themes",
        "target_groups",
        "places",
        "sources",
        "has_english",
        "published_at",
        "updated_at",
    ]


# --- viewsets -----------------------------------------------------------------------------

API_LANGUAGES = [code for code, _name in settings.LANGUAGES]

LANGUAGE_PARAMETER = OpenApiParameter(
    "lang",
    OpenApiTypes.STR,
    enum=API_LANGUAGES,
    description=_(
        "Language of the texts and labels: cs (default) or en. Where an English text is "
        "missing, the Czech one is given."
    ),
)

CATALOGUE_LIST_DESCRIPTION = _(
    "Published entries matching the same filters as the list page on the site, in the same "
    "order (parameter sort), paginated (page, page_size). Invalid filter values give 400 with "
    "the reasons."
)


@cache
def described_filterset(catalogue: str):
    """The page's FilterSet with the whitelisted orderings as the choices of ``sort``.

    The page fills those choices when a FilterSet is bound; the OpenAPI
    description reads the unbound class, so it gets them here.
    """
    page_filterset = filterset_class(catalogue)
    sort = filters.ChoiceFilter(
        label=page_filterset.base_filters["sort"].label,
        choices=[(key, label) for key, (label, _order) in page_filterset.orderings.items()],
        method="keep",
    )
    return type(page_filterset.__name__, (page_filterset,), {"sort": sort, "__module__": __name__})


class ListPageFilterBackend(filters.DjangoFilterBackend):
    """Describes the list page's FilterSet in the OpenAPI document.

    The filtering itself happens in ``list_state`` (with the page's own
    validation and ordering), so this backend leaves the queryset as it is.
    """

    def get_filterset_class(self, view, queryset=None):
        return described_filterset(view.catalogue)

    def filter_queryset(self, request, queryset, view):
        return queryset


class LanguageMixin:
    """``?lang=cs|en`` chooses the language of the response (Czech by default)."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        lang = request.query_params.get("lang") or settings.LANGUAGE_CODE
        if lang not in API_LANGUAGES:
            raise ValidationError({"lang": [_("Choose one of: %s.") % ", ".join(API_LANGUAGES)]})
        translation.activate(lang)
        request.LANGUAGE_CODE = lang

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Language"] = translation.get_language()
        return response


def with_tiebreak(queryset):
    """Append the primary key to the ordering so that pages never overlap or skip a row."""
    ordering = list(queryset.query.order_by) or list(queryset.model._meta.ordering)
    return queryset.order_by(*ordering, "pk")


def catalogue_schema(cls):
    """The OpenAPI description of a catalogue's viewset: language, list description."""
    return extend_schema_view(
        list=extend_schema(parameters=[LANGUAGE_PARAMETER], description=CATALOGUE_LIST_DESCRIPTION),
        retrieve=extend_schema(parameters=[LANGUAGE_PARAMETER]),
    )(cls)


def reference_schema(cls):
    """The OpenAPI description of a reference list's viewset: the language parameter."""
    return extend_schema_view(
        list=extend_schema(parameters=[LANGUAGE_PARAMETER]),
        retrieve=extend_schema(parameters=[LANGUAGE_PARAMETER]),
    )(cls)


class CatalogueViewSet(LanguageMixin, viewsets.ReadOnlyModelViewSet):
    """List (the page's filters, search ``q`` and ``sort``) and detail (by slug) of one catalogue."""

    # A subclass sets ``catalogue`` (its registry key), ``queryset`` (``Model.objects.none()``)
    # and ``serializer_class``, and adds what its serializer reads in ``with_related``; its
    # docstring, if any, describes its detail endpoint in the OpenAPI document. Pagination and
    # throttling are the API's defaults (the ``REST_FRAMEWORK`` settings).

    catalogue = ""
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    filter_backends = [ListPageFilterBackend]

    def get_queryset(self):
        if self.action == "list":
            state = list_state(self.request._request, self.catalogue, with_facets=False)
            if state.errors:
                raise ValidationError({"filters": state.errors})
            queryset = with_tiebreak(state.queryset)
        else:
            queryset = self.base_queryset()
        return self.with_related(queryset.prefetch_related(None))

    def base_queryset(self):
        # Drafts, entries in review and archived entries are never returned, not even to staff.
        return self.queryset.model.objects.published()

    def with_related(self, queryset):
        return queryset.prefetch_related("themes", "target_groups", "places", "sources")


class ReferenceViewSet(LanguageMixin, viewsets.ReadOnlyModelViewSet):
    # List and detail (by slug) of a reference list (themes, places …), in the model's order.
    # A subclass's docstring describes its endpoints in the OpenAPI document.

    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    filter_backends = [filters.DjangoFilterBackend]

    def get_queryset(self):
        queryset = self.queryset.model.objects.all()
        return queryset.order_by(*queryset.model._meta.ordering, "pk")


# --- the OpenAPI description ----------------------------------------------------------------

ERROR_SCHEMAS = {
    "ValidationErrors": {
        "type": "object",
        "description": _(
            "The invalid parameters, each with the reasons (filters: the filter values)."
        ),
        "additionalProperties": {"type": "array", "items": {"type": "string"}},
    },
    "Error": {
        "type": "object",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
    },
}

ERROR_ANSWERS = {
    "400": ("ValidationErrors", _("An invalid filter value or language, with the reasons.")),
    "404": ("Error", _("No published entry with this identifier, or a page past the end.")),
    "429": ("Error", _("Too many requests from this address; try again later.")),
}


def _null_or(schema: dict) -> dict:
    """``{"allOf": [ref], "nullable": true}`` said so that strict OpenAPI 3.0 validators agree.

    A nullable ``allOf`` does not make the referenced schema accept null; the value is
    either the referenced object or null.
    """
    rest = {k: v for k, v in schema.items() if k not in ("allOf", "nullable")}
    return {**rest, "anyOf": [*schema["allOf"], {"enum": [None], "nullable": True}]}


def _fix_schema(node):
    """Walk the document: nullable references and "a URI or empty" strings said exactly."""
    if isinstance(node, list):
        return [_fix_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _fix_schema(value) for key, value in node.items()}
    if node.get("nullable") and len(node.get("allOf", ())) == 1:
        node = _null_or(node)
    branches = node.get("oneOf")
    if branches and any(branch.get("maxLength") == 0 for branch in branches):
        # An empty string also passes a URI's branch when the format is not checked: either
        # a URI or an empty string, not exactly one of them.
        node["anyOf"] = node.pop("oneOf")
    return node


def _described(schema: dict) -> dict:
    return {"description": str(schema["description"])} if "description" in schema else {}


def describe_answers(result, generator, request, public):
    """drf-spectacular hook: every answer the API gives is in its description.

    Each read-only operation also answers 400 (an invalid filter value or language), 404
    (an unknown identifier, a page past the end) and 429 (throttled); nullable nested
    objects and blank-or-URI strings are described so that strict validators accept them.
    """
    result = _fix_schema(result)
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components.update(
        {name: {**schema, **_described(schema)} for name, schema in ERROR_SCHEMAS.items()}
    )
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            responses = operation.setdefault("responses", {})
            for status, (component, description) in ERROR_ANSWERS.items():
                responses.setdefault(
                    status,
                    {
                        "description": str(description),
                        "content": {
                            "application/json": {
                                "schema": {"$ref": f"#/components/schemas/{component}"}
                            }
                        },
                    },
                )
    return result
