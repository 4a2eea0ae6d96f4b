"""Public pages of organisations and places."""

from django.http import Http404
from django.shortcuts import render

from platform_site.listing import list_state


def organisation_list(request):
    state = list_state(request, "organisations")
    return render(request, "taxonomy/organisation_list.html", {"state": state, "page_obj": state.page(request)})


def organisation_detail(request, slug):
    raise Http404


def place_detail(request, slug):
    raise Http404
