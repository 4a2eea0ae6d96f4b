"""The pages every catalogue of entries has: the list with its facets and the detail page."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from catalogue import registry
from catalogue.detail import crumb, page_context
from catalogue.languages import fallback_language
from catalogue.listing import list_state


def entry_list(request, catalogue):
    spec = registry.catalogue(catalogue)
    state = list_state(request, catalogue)
    return render(request, spec.list_template, {"state": state, "page_obj": state.page(request)})


def entry_detail(request, slug, catalogue):
    spec = registry.catalogue(catalogue)
    entry = get_object_or_404(spec.detail_queryset(request.user), slug=slug)
    context = {
        "entry": entry,
        "breadcrumbs": [
            crumb(_("Home"), reverse("home")),
            crumb(spec.name, reverse(spec.list_url_name)),
            crumb(entry.title, lang=fallback_language(entry, "title")),
        ],
        **spec.panels(entry),
        **page_context(request, entry),
    }
    if spec.detail_context is not None:
        context.update(registry.resolve(spec.detail_context)(request, entry))
    return render(request, spec.detail_template, context)
