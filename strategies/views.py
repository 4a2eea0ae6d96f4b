"""Public views of the crisis strategies: the list, the scenario page, the strategy page, the feed."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import render


def entry_list(request):
    return render(request, "strategies/list.html")


def scenario_detail(request, slug):
    raise Http404


def entry_detail(request, slug):
    raise Http404


class LatestEntriesFeed(Feed):
    title = link = description = ""

    def items(self):
        return []
