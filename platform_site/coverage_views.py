"""The coverage map, its downloads and the neglected groups and themes."""

import csv
import io

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from catalogue.exports import CONTENT_TYPES, FORMATS, neutralise
from platform_site.coverage import (
    build_coverage,
    export_headers,
    export_rows,
    neglected,
    plain_parts,
)

# The export formats of a list, but JSON: the matrix is a table, not a list of records.
EXPORT_FORMATS = tuple(fmt for fmt in FORMATS if fmt != "json")


@require_safe
def coverage_map(request):
    coverage = build_coverage(request)
    return render(
        request,
        "platform_site/coverage.html",
        {"coverage": coverage, "querystring": coverage.querystring()},
    )


@require_safe
def neglected_groups(request):
    coverage = build_coverage(request)
    groups = [(line, plain_parts(line)) for line in neglected(coverage.rows)]
    themes = [(line, plain_parts(line)) for line in neglected(coverage.columns)]
    return render(
        request,
        "platform_site/coverage_groups.html",
        {
            "coverage": coverage,
            "groups": groups,
            "themes": themes,
            "querystring": coverage.querystring(),
        },
    )


def _cell_text(value):
    if isinstance(value, str):
        return neutralise(value)
    return value


@require_safe
def coverage_export(request, fmt):
    if fmt not in EXPORT_FORMATS:
        raise Http404
    coverage = build_coverage(request)
    headers = export_headers()
    rows = export_rows(coverage, request.build_absolute_uri)
    filename = f"coverage-{timezone.localdate().isoformat()}.{fmt}"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(headers)
        for row in rows:
            writer.writerow([_cell_text(value) for value in row])
        response = HttpResponse(
            ("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type=CONTENT_TYPES["csv"]
        )
    else:
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=_("Coverage")[:31])
        bold = Font(bold=True)
        header = []
        for label in headers:
            cell = WriteOnlyCell(sheet, value=label)
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        for row in rows:
            sheet.append(
                [
                    ILLEGAL_CHARACTERS_RE.sub("", _cell_text(value))
                    if isinstance(value, str)
                    else value
                    for value in row
                ]
            )
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=CONTENT_TYPES["xlsx"])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
