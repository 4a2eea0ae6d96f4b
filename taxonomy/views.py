"""Public pages of organisations and places."""

from django.http import Http404
from django.shortcuts import render


def organisation_list(request):
    return render(request, "taxonomy/organisation_list.html")


def organisation_detail(request, slug):
    raise Http404


def place_detail(request, slug):
    raise Http404
