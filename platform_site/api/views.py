"""Read-only endpoints. Catalogue lists go through the list pages' own validated path
(``listing.list_state``), so the API filters, searches and orders exactly like the pages."""

from functools import cache

from django.conf import settings
from django.db.models import Prefetch
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError

from catalogue.listing import filterset_class, list_state
from instruments.models import Instrument
from platform_site.api import serializers
from platform_site.api.pagination import ApiPagination
from projects.models import FundingLine, Partnership, Project
from strategies.models import Scenario, Step, Strategy
from taxonomy.models import Organisation, Place, Source, TargetGroup, Theme

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


class CatalogueViewSet(LanguageMixin, viewsets.ReadOnlyModelViewSet):
    """List (the page's filters, search ``q`` and ``sort``) and detail (by slug) of one catalogue."""

    catalogue = ""
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    filter_backends = [ListPageFilterBackend]
    pagination_class = ApiPagination

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


def published_instruments():
    return Instrument.objects.published().order_by("slug")


def published_projects():
    return Project.objects.published().order_by("slug")


CATALOGUE_LIST_DESCRIPTION = _(
    "Published entries matching the same filters as the list page on the site, in the same "
    "order (parameter sort), paginated (page, page_size). Invalid filter values give 400 with "
    "the reasons."
)


@extend_schema_view(
    list=extend_schema(parameters=[LANGUAGE_PARAMETER], description=CATALOGUE_LIST_DESCRIPTION),
    retrieve=extend_schema(parameters=[LANGUAGE_PARAMETER]),
)
class ProjectViewSet(CatalogueViewSet):
    catalogue = "projects"
    queryset = Project.objects.none()
    serializer_class = serializers.ProjectSerializer

    def with_related(self, queryset):
        return (
            super()
            .with_related(queryset)
            .select_related("lead_organisation")
            .prefetch_related(
                Prefetch("partnerships", Partnership.objects.select_related("organisation")),
                Prefetch("funding_lines", FundingLine.objects.select_related("instrument")),
                "key_figures",
            )
        )


@extend_schema_view(
    list=extend_schema(parameters=[LANGUAGE_PARAMETER], description=CATALOGUE_LIST_DESCRIPTION),
    retrieve=extend_schema(parameters=[LANGUAGE_PARAMETER]),
)
class InstrumentViewSet(CatalogueViewSet):
    catalogue = "instruments"
    queryset = Instrument.objects.none()
    serializer_class = serializers.InstrumentSerializer

    def with_related(self, queryset):
        return super().with_related(queryset).select_related("administrator", "parent", "successor")


@extend_schema_view(
    list=extend_schema(parameters=[LANGUAGE_PARAMETER], description=CATALOGUE_LIST_DESCRIPTION),
    retrieve=extend_schema(parameters=[LANGUAGE_PARAMETER]),
)
class StrategyViewSet(CatalogueViewSet):
    catalogue = "strategies"
    queryset = Strategy.objects.none()
    serializer_class = serializers.StrategySerializer

    def with_related(self, queryset):
        steps = Step.objects.prefetch_related(
            Prefetch("instruments", published_instruments()),
            Prefetch("projects", published_projects()),
        )
        return (
            super()
            .with_related(queryset)
            .select_related("scenario")
            .prefetch_related(Prefetch("steps", steps))
        )


@extend_schema_view(
    list=extend_schema(parameters=[LANGUAGE_PARAMETER], description=CATALOGUE_LIST_DESCRIPTION),
    retrieve=extend_schema(parameters=[LANGUAGE_PARAMETER]),
)
class OrganisationViewSet(CatalogueViewSet):
    catalogue = "organisations"
    queryset = Organisation.objects.none()
    serializer_class = serializers.OrganisationSerializer

    def base_queryset(self):
        return Organisation.objects.public()

    def with_related(self, queryset):
        return queryset.select_related("place")


# --- vocabularies and reference data ------------------------------------------------------


class PlaceFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=Place.Kind.choices, help_text=_("Kind of place."))
    parent = filters.CharFilter(
        field_name="parent__slug", help_text=_("Identifier (slug) of the place it is part of.")
    )
    code = filters.CharFilter(help_text=_("Official code (ISO 3166, CZ-NUTS, LAU)."))

    class Meta:
        model = Place
        fields = ["kind", "parent", "code"]


class ReferenceViewSet(LanguageMixin, viewsets.ReadOnlyModelViewSet):
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    pagination_class = ApiPagination
    filter_backends = [filters.DjangoFilterBackend]

    def get_queryset(self):
        queryset = self.queryset.model.objects.all()
        return queryset.order_by(*queryset.model._meta.ordering, "pk")


def reference_schema(cls):
    return extend_schema_view(
        list=extend_schema(parameters=[LANGUAGE_PARAMETER]),
        retrieve=extend_schema(parameters=[LANGUAGE_PARAMETER]),
    )(cls)


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
    filterset_class = PlaceFilter

    def get_queryset(self):
        return super().get_queryset().select_related("parent")


@reference_schema
class SourceViewSet(ReferenceViewSet):
    """Documents the entries draw their facts from."""

    queryset = Source.objects.none()
    serializer_class = serializers.SourceSerializer


@reference_schema
class ScenarioViewSet(ReferenceViewSet):
    """Crisis scenarios with the identifiers of their published strategies."""

    queryset = Scenario.objects.none()
    serializer_class = serializers.ScenarioSerializer

    def get_queryset(self):
        strategies = Strategy.objects.published().order_by("place_kind", "slug")
        return super().get_queryset().prefetch_related(Prefetch("strategies", strategies))


def docs(request):
    """The human-readable description of the API, in the visitor's language."""
    return redirect(reverse("api"))
