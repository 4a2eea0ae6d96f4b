"""Public pages of organisations and places."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from catalogue import registry
from catalogue.collation import sort_key
from catalogue.detail import crumb, page_context
from catalogue.languages import fallback_language
from catalogue.views import entry_list
from taxonomy.models import Organisation, Place
from taxonomy.profiles import bars, build_profile, regions_overview
from taxonomy.related import place_activity


def organisation_list(request):
    return entry_list(request, "organisations")


def organisation_detail(request, slug):
    organisation = get_object_or_404(
        Organisation.objects.public().select_related("place"), slug=slug
    )
    context = {
        "organisation": organisation,
        "breadcrumbs": [
            crumb(_("Home"), reverse("home")),
            crumb(_("Organisations"), reverse("taxonomy:organisations")),
            crumb(organisation.name, lang=fallback_language(organisation, "name")),
        ],
        **registry.catalogue("organisations").panels(organisation),
        **page_context(request, organisation, english_fields=("name",)),
    }
    return render(request, "taxonomy/organisation_detail.html", context)


def _ancestors(place) -> list:
    chain, current = [], place.parent
    while current is not None:
        chain.insert(0, current)
        current = current.parent
    return chain


def place_detail(request, slug):
    place = get_object_or_404(Place.objects.select_related("parent__parent__parent"), slug=slug)
    ancestors = _ancestors(place)
    context = {
        "place": place,
        "ancestors": ancestors,
        "children": list(place.children.order_by("name")),
        "breadcrumbs": [
            crumb(_("Home"), reverse("home")),
            *[
                crumb(a.name, a.get_absolute_url(), lang=fallback_language(a, "name"))
                for a in ancestors
            ],
            crumb(place.name, lang=fallback_language(place, "name")),
        ],
        # The lists that filter by region, for a region's "filter and export" links.
        "region_lists": [
            (spec.name, reverse(spec.list_url_name))
            for spec in registry.catalogues()
            if "region" in spec.filterset_class().base_filters
        ],
        **place_activity(place),
        **page_context(request, place, english_fields=("name",)),
    }
    if place.kind != Place.Kind.COUNTRY:
        context["profile"] = build_profile(place)
    return render(request, "taxonomy/place_detail.html", context)


def regions(request):
    figures, all_pairs = regions_overview()
    language = get_language() or "cs"
    figures.sort(key=lambda row: sort_key(row.region.name, language))
    chart = bars([(row.region.name, row.projects, "bar") for row in figures])
    context = {
        "regions": figures,
        "all_pairs": all_pairs,
        "bars": chart,
        "chart_height": max(len(chart), 1) * 28,
        "breadcrumbs": [crumb(_("Home"), reverse("home")), crumb(_("The regions compared"))],
    }
    return render(request, "taxonomy/regions.html", context)
