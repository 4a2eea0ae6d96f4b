"""The API's own pages. Its endpoints live in the apps (``<app>/api.py``, on the bases in
``catalogue.api``) and reach the router through the registry."""

from django.shortcuts import redirect
from django.urls import reverse


def docs(request):
    """The human-readable description of the API, in the visitor's language."""
    return redirect(reverse("api"))
