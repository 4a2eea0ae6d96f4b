"""Research exports (CSV, XLSX, JSON) of any filtered list, and citation downloads (RIS, BibTeX)."""

from django.http import Http404


def export_view(request, fmt, catalogue):
    raise Http404


def citation_view(request, slug, fmt, catalogue):
    raise Http404
