"""Two to four entries of one catalogue side by side, with the same rows for each.

The address carries the entries as ``compare=<catalogue>:<slug>`` (what the
checkboxes on the list pages send), so a comparison can be shared and printed.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe

from catalogue import registry
from catalogue.comparison import Value
from catalogue.exports import CONTENT_TYPES, neutralise

PARAMETER = "compare"
MIN_ENTRIES, MAX_ENTRIES = 2, 4


@dataclass
class Row:
    label: str
    values: list[Value]

    @property
    def same(self) -> bool:
        return len({value.text for value in self.values}) == 1


@dataclass
class Comparison:
    catalogue: str | None = None
    entries: list = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    requested: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and len(self.entries) >= MIN_ENTRIES

    @property
    def querystring(self) -> str:
        from django.http import QueryDict

        params = QueryDict(mutable=True)
        params.setlist(PARAMETER, [f"{self.catalogue}:{entry.slug}" for entry in self.entries])
        return params.urlencode()


def _queryset(spec):
    queryset = spec.model.objects.published()
    if spec.compare_queryset:
        queryset = registry.resolve(spec.compare_queryset)(queryset)
    return queryset


def comparable() -> list:
    """The catalogues whose entries can be compared (those registering their rows)."""
    return [spec for spec in registry.catalogues() if spec.compare_rows]


def parse(values: list[str]) -> Comparison:
    """The entries an address asks for, with a message for anything that cannot be compared."""
    comparison = Comparison()
    wanted: list[tuple[str, str]] = []
    for raw in values[:50]:
        catalogue, _sep, slug = raw.partition(":")
        if (catalogue, slug) not in wanted and slug and len(raw) <= 200:
            wanted.append((catalogue, slug))
    comparison.requested = [f"{catalogue}:{slug}" for catalogue, slug in wanted]
    catalogues = {catalogue for catalogue, _slug in wanted}
    if len(catalogues) > 1:
        comparison.errors.append(
            _(
                "Entries of different catalogues cannot be compared: choose only projects or only instruments."
            )
        )
        return comparison
    if len(wanted) > MAX_ENTRIES:
        comparison.errors.append(
            _("At most four entries can be compared side by side; you chose %(count)d.")
            % {"count": len(wanted)}
        )
        return comparison
    if not wanted:
        return comparison
    catalogue = next(iter(catalogues))
    specs = {spec.key: spec for spec in comparable()}
    if catalogue not in specs:
        comparison.errors.append(_("This kind of entry cannot be compared."))
        return comparison
    comparison.catalogue = catalogue
    slugs = [slug for _catalogue, slug in wanted]
    found = {entry.slug: entry for entry in _queryset(specs[catalogue]).filter(slug__in=slugs)}
    comparison.entries = [found[slug] for slug in slugs if slug in found]
    missing = len(slugs) - len(comparison.entries)
    if missing:
        comparison.errors.append(
            ngettext(
                "%(count)d of the chosen entries was not found; it may have been removed.",
                "%(count)d of the chosen entries were not found; they may have been removed.",
                missing,
            )
            % {"count": missing}
        )
    if len(comparison.entries) < MIN_ENTRIES and not missing:
        comparison.errors.append(_("Choose at least two entries to compare."))
    comparison.rows = [
        Row(str(label), [getter(entry) for entry in comparison.entries])
        for label, getter in registry.resolve(specs[catalogue].compare_rows)()
    ]
    return comparison


@require_safe
def compare_page(request):
    comparison = parse(request.GET.getlist(PARAMETER))
    list_urls = [
        (entry.model._meta.verbose_name_plural, reverse(entry.list_url_name))
        for entry in comparable()
    ]
    return render(
        request,
        "platform_site/compare.html",
        {"comparison": comparison, "list_urls": list_urls},
    )


@require_safe
def compare_export(request, fmt):
    if fmt != "csv":
        raise Http404
    comparison = parse(request.GET.getlist(PARAMETER))
    if not comparison.entries or comparison.errors and len(comparison.entries) < MIN_ENTRIES:
        raise Http404
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([""] + [neutralise(entry.title) for entry in comparison.entries])
    writer.writerow(
        [_("Address")]
        + [request.build_absolute_uri(entry.get_absolute_url()) for entry in comparison.entries]
    )
    for row in comparison.rows:
        writer.writerow([row.label] + [neutralise(value.text) for value in row.values])
    response = HttpResponse(
        ("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type=CONTENT_TYPES["csv"]
    )
    filename = f"compare-{comparison.catalogue}-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
