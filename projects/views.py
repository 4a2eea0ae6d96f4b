"""Public views of the catalogue: the list with its facets, the detail page, the feed."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from catalogue import related
from catalogue.detail import crumb, page_context
from catalogue.feeds import CatalogueFeed
from catalogue.listing import list_state
from catalogue.templatetags.platform import fallback_language
from projects.models import FundingLine, Partnership, Project


def entry_list(request):
    state = list_state(request, "projects")
    return render(request, "projects/list.html", {"state": state, "page_obj": state.page(request)})


def entry_detail(request, slug):
    project = get_object_or_404(
        Project.objects.visible_to(request.user)
        .select_related("lead_organisation")
        .prefetch_related(
            "themes",
            "target_groups",
            "places",
            "sources",
            "key_figures",
            Prefetch("partnerships", queryset=Partnership.objects.select_related("organisation")),
            Prefetch("funding_lines", queryset=FundingLine.objects.select_related("instrument")),
        ),
        slug=slug,
    )
    context = {
        "entry": project,
        "breadcrumbs": [
            crumb(_("Home"), reverse("home")),
            crumb(_("Projects"), reverse("projects:list")),
            crumb(project.title, lang=fallback_language(project, "title")),
        ],
        **related.project_related(project),
        **page_context(request, project),
    }
    return render(request, "projects/detail.html", context)


class LatestEntriesFeed(CatalogueFeed):
    catalogue_key = "projects"
