"""Public views of the catalogue."""

from django.shortcuts import render


def entry_list(request):
    return render(request, "projects/list.html")
