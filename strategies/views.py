"""Public views of the crisis strategies: the list, the scenario page, the strategy page, the feed."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import render

from platform_site.listing import list_state


def entry_list(request):
    state = list_state(request, "strategies")
    return render(request, "strategies/list.html", {"state": state, "page_obj": state.page(request)})


def scenario_detail(request, slug):
    raise Http404


def entry_detail(request, slug):
    raise Http404


class LatestEntriesFeed(Feed):
    title = link = description = ""

    def items(self):
        return []
