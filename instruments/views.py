"""Public views of the catalogue: the list with its facets, the detail page, the feed."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from catalogue import related
from catalogue.columns import published
from catalogue.detail import crumb, page_context
from catalogue.feeds import CatalogueFeed
from catalogue.listing import list_state
from catalogue.templatetags.platform import fallback_language
from instruments.models import Instrument


def entry_list(request):
    state = list_state(request, "instruments")
    return render(
        request, "instruments/list.html", {"state": state, "page_obj": state.page(request)}
    )


def entry_detail(request, slug):
    instrument = get_object_or_404(
        Instrument.objects.visible_to(request.user)
        .select_related("administrator", "parent", "successor")
        .prefetch_related(
            "themes",
            "target_groups",
            "places",
            "sources",
            Prefetch("children", queryset=Instrument.objects.published().order_by("slug")),
            Prefetch("predecessors", queryset=Instrument.objects.published().order_by("slug")),
        ),
        slug=slug,
    )
    context = {
        "entry": instrument,
        "breadcrumbs": [
            crumb(_("Home"), reverse("home")),
            crumb(_("Instruments"), reverse("instruments:list")),
            crumb(instrument.title, lang=fallback_language(instrument, "title")),
        ],
        **related.instrument_related(instrument),
        "successor": instrument.successor if published(instrument.successor) else None,
        "predecessors": list(instrument.predecessors.all()),
        **page_context(request, instrument),
    }
    return render(request, "instruments/detail.html", context)


class LatestEntriesFeed(CatalogueFeed):
    catalogue_key = "instruments"
