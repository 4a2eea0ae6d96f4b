"""Research exports (CSV, XLSX, JSON) of any filtered list, and citation downloads (RIS, BibTeX).

An export takes its rows from the same validated path as the list page
(``listing.list_state``), so it holds exactly the rows the page counts, and
its columns from the explicit lists in ``columns.py``. CSV and JSON are
streamed row by row, and XLSX too, through a zip archive written as the rows come,
so the download starts at once and memory does not grow with the rows (beyond
XLSX's table of distinct texts); related rows come in one query per relation, beside the
entries (``streaming.py``), never per chunk or per row.
"""

import contextlib
import csv
import json
import logging
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache

from django.conf import settings
from django.http import Http404, HttpResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.writer.excel import ExcelWriter

from catalogue import registry
from catalogue.columns import SEARCH, ColumnType, ExportContext, columns_for, expand
from catalogue.listing import EXPORT_FORMATS, list_state
from catalogue.search import clean_query, search_entries
from catalogue.streaming import stream_entries

logger = logging.getLogger(__name__)

FORMATS = tuple(fmt for fmt, _label in EXPORT_FORMATS)
LANGUAGE_CHOICES = ("cs", "en", "both")
CHUNK_SIZE = 500
# Spreadsheets run a cell that starts with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

LICENCE = {
    "name": "CC BY 4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "url": "https://creativecommons.org/licenses/by/4.0/",
}
PUBLISHER = gettext_lazy(
    "Association for Integration and Migration (SIMI) and Center for Social and Economic "
    "Strategies, Charles University (CESES)"
)
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
}


def neutralise(value: str) -> str:
    """Keep a spreadsheet from running a cell as a formula (OWASP CSV injection advice)."""
    return f"'{value}" if value.startswith(FORMULA_PREFIXES) else value


def requested_language(request) -> str:
    """``?lang=cs|en|both``; anything else means the language of the page."""
    lang = request.GET.get("lang", "")
    return lang if lang in LANGUAGE_CHOICES else translation.get_language()


def base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


# --- which rows ---------------------------------------------------------------------------


@dataclass
class Rows:
    """What an export holds, read once from the request: the querysets in the page's order,
    the parameters that were applied and the values that were ignored (with the reason)."""

    querysets: list
    params: QueryDict
    errors: list

    @property
    def filters(self) -> dict:
        return {
            key: values if len(values) > 1 else values[0]
            for key, values in sorted(self.params.lists())
        }


def export_rows(request, catalogue: str) -> Rows:
    """The rows behind the list page (or the search page), validated as the page validates them."""
    if catalogue == SEARCH:
        query = clean_query(request.GET.get("q", ""))
        correct = request.GET.get("as_typed") != "1"
        params = QueryDict(mutable=True)
        if query:
            params["q"] = query
        querysets = list(search_entries(query, correct=correct).values()) if query else []
        return Rows(querysets, params, [])
    state = list_state(request, catalogue, with_facets=False)
    return Rows([state.queryset], state.params, state.errors)


def catalogue_querysets(request, catalogue: str) -> list:
    return export_rows(request, catalogue).querysets


def iter_entries(querysets: Iterable, spec) -> Iterator:
    """The entries with what the columns read, in a fixed number of queries per queryset
    (``streaming.stream_entries``): the rows start at once however long the list."""
    for queryset in querysets:
        yield from stream_entries(
            queryset, spec.select_related, spec.prefetch_related, chunk_size=CHUNK_SIZE
        )


# --- the shape of a file ------------------------------------------------------------------


@dataclass
class ExportFile:
    catalogue: str
    fmt: str
    lang: str  # cs, en or both
    header_lang: str
    spec: object
    layout: list
    contexts: dict
    querysets: list
    filters: dict
    list_url: str
    errors: list

    @property
    def filename(self) -> str:
        return f"{self.catalogue}-{timezone.localdate().isoformat()}-{self.lang}.{self.fmt}"

    def headers(self) -> list[str]:
        with translation.override(self.header_lang):
            result = []
            for column, code, _key in self.layout:
                label = str(column.label)
                result.append(f"{label} ({code})" if self.lang == "both" and code else label)
            return result

    def keys(self) -> list[str]:
        return [key for _column, _code, key in self.layout]

    def raw_rows(self) -> Iterator[list]:
        for entry in iter_entries(self.querysets, self.spec):
            yield [
                column.get(entry, self.contexts[code or self.header_lang])
                for column, code, _key in self.layout
            ]

    def types(self) -> list:
        return [column.type for column, _code, _key in self.layout]


def build_export(request, catalogue: str, fmt: str) -> ExportFile:
    lang = requested_language(request)
    page_lang = translation.get_language()
    header_lang = page_lang if lang == "both" else lang
    spec = columns_for(catalogue)
    root = base_url(request)
    contexts = {
        code: ExportContext(lang=code, fallback=lang != "both", base_url=root)
        for code in ("cs", "en")
    }
    list_name = "search" if catalogue == SEARCH else registry.catalogue(catalogue).list_url_name
    rows = export_rows(request, catalogue)
    list_url = request.build_absolute_uri(reverse(list_name))
    if rows.params:
        list_url = f"{list_url}?{rows.params.urlencode()}"
    return ExportFile(
        catalogue=catalogue,
        fmt=fmt,
        lang=lang,
        header_lang=header_lang,
        spec=spec,
        layout=expand(spec, lang),
        contexts=contexts,
        querysets=rows.querysets,
        filters=rows.filters,
        list_url=list_url,
        errors=rows.errors,
    )


# --- cell values --------------------------------------------------------------------------


@lru_cache(maxsize=8)
def yes_no(value: bool, lang: str) -> str:
    with translation.override(lang):
        return _("yes") if value else _("no")


def number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def text_cell(value, lang: str, guard=neutralise) -> str:
    """A value as the text of a CSV cell (and of an XLSX text cell, which needs no guard)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes_no(value, lang)
    if isinstance(value, (list, tuple)):
        return guard("; ".join(str(item) for item in value if item not in (None, "")))
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, str):
        return guard(value)
    return str(value)


def _as_typed(value: str) -> str:
    return value


def xlsx_cell(value, lang: str, sheet=None):
    """Numbers and dates as such; text as a text cell, which a spreadsheet never runs.

    XLSX cells have types, so "- item" or "=x" stays exactly what was written, without
    the apostrophe the CSV export needs.
    """
    if value is None or isinstance(value, (int, Decimal, date)) and not isinstance(value, bool):
        return value
    text = ILLEGAL_CHARACTERS_RE.sub("", text_cell(value, lang, guard=_as_typed))
    if sheet is None:
        return text
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"  # openpyxl would store a leading "=" as a formula
    return cell


def json_value(value):
    if isinstance(value, Decimal):
        return number(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


# --- the three formats --------------------------------------------------------------------


class Echo:
    """A file-like object whose write() returns what it was given, for streaming csv.writer."""

    def write(self, value):
        return value


def incomplete(export: ExportFile, written: int) -> None:
    """Log an export that broke off midway; the caller then ends the download as failed."""
    logger.exception(
        "The %s export of %s broke off after %d rows; the file was not completed.",
        export.fmt,
        export.catalogue,
        written,
    )


def incomplete_marker(lang: str) -> str:
    with translation.override(lang):
        return _(
            "# EXPORT INCOMPLETE: an error occurred while reading the data and the rows after "
            "this line are missing. Please download the file again."
        )


def csv_chunks(export: ExportFile) -> Iterator[str]:
    """The file row by row. If reading breaks off, the last row says that the file is
    incomplete, the error is logged and the download ends as failed (the connection is
    closed before the end of the response)."""
    writer = csv.writer(Echo())  # the "excel" dialect: RFC 4180 quoting and CRLF line ends
    yield "\ufeff" + writer.writerow(export.headers())
    lang = export.header_lang
    written = 0
    try:
        for row in export.raw_rows():
            yield writer.writerow([text_cell(value, lang) for value in row])
            written += 1
    except Exception:
        incomplete(export, written)
        yield writer.writerow([incomplete_marker(lang)])
        raise


def csv_response(export: ExportFile) -> StreamingHttpResponse:
    return StreamingHttpResponse(
        (chunk.encode("utf-8") for chunk in csv_chunks(export)), content_type=CONTENT_TYPES["csv"]
    )


# By the type itself: a lazy translation hashes as its text in the active language.
COLUMN_WIDTHS = (
    (ColumnType.MARKDOWN, 60),
    (ColumnType.LIST, 40),
    (ColumnType.TEXT, 30),
    (ColumnType.URL, 40),
)


def column_width(kind) -> int:
    return next((width for known, width in COLUMN_WIDTHS if kind is known), 16)


class Sink:
    """Where the zip archive of an XLSX file writes: a file that cannot seek, whose bytes
    the response takes as they come (zipfile then writes each size after its data)."""

    def __init__(self):
        self.parts: list[bytes] = []
        self.position = 0

    def write(self, data) -> int:
        self.parts.append(bytes(data))
        self.position += len(data)
        return len(data)

    def tell(self) -> int:
        return self.position

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data = b"".join(self.parts)
        self.parts.clear()
        return data


class StreamedWorkbookWriter(ExcelWriter):
    """openpyxl's writer of the workbook's other parts, for a sheet already in the archive."""

    def write_worksheet(self, ws):
        ws._drawing = SpreadsheetDrawing()
        ws._rels = ws._writer._rels
        self.manifest.append(ws)


def xlsx_chunks(export: ExportFile) -> Iterator[bytes]:
    """The workbook as it is written: the sheet's rows go through the zip compressor to
    the visitor as they are read, and the workbook's small parts follow. If reading
    breaks off, the error is logged and the download ends as failed (the archive has
    no directory, so no spreadsheet opens it)."""
    sink = Sink()
    archive = zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED)
    workbook = Workbook(write_only=True)
    with translation.override(export.header_lang):
        sheet = workbook.create_sheet(title=str(export.spec.label)[:31])
    sheet._id = 1
    # Write-only sheets take their layout before the first row.
    sheet.freeze_panes = "C2"
    for index, kind in enumerate(export.types(), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column_width(kind)
    entry = archive.open(sheet.path[1:], "w")
    sheet._writer = WorksheetWriter(sheet, out=entry)
    sheet._writer.write_top()
    bold = Font(bold=True)
    header = []
    for label in export.headers():
        cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", label))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    lang = export.header_lang
    written = 0
    try:
        for row in export.raw_rows():
            sheet.append([xlsx_cell(value, lang, sheet) for value in row])
            written += 1
            if written % CHUNK_SIZE == 0 and (data := sink.take()):
                yield data
    except BaseException as error:  # GeneratorExit too: the visitor stopped the download
        if not isinstance(error, GeneratorExit):
            incomplete(export, written)
        abandon(sheet, entry, archive)
        raise
    sheet.close()
    entry.close()
    StreamedWorkbookWriter(workbook, archive).save()
    yield sink.take()


def abandon(sheet, entry, archive) -> None:
    """Close the writers of a broken-off workbook without completing its archive: what
    was sent stays a file without a directory, and nothing more is sent."""
    with contextlib.suppress(Exception):
        sheet.close()
    with contextlib.suppress(Exception):
        entry.close()
    archive.fp = None  # ZipFile.close() would write the directory of a truncated sheet


def xlsx_response(export: ExportFile) -> StreamingHttpResponse:
    return StreamingHttpResponse(xlsx_chunks(export), content_type=CONTENT_TYPES["xlsx"])


def how_to_cite(export_lang: str, list_url: str) -> str:
    with translation.override(export_lang):
        return _(
            "%(publisher)s. %(site)s [online]. Data export, %(date)s. Available at: %(url)s. "
            "Licence CC BY 4.0."
        ) % {
            "publisher": PUBLISHER,
            "site": settings.SITE_NAME,
            "date": timezone.localdate().isoformat(),
            "url": list_url,
        }


def json_chunks(export: ExportFile) -> Iterator[str]:
    """The document entry by entry: its description first, then the entries, then their
    count. If reading breaks off, the error is logged and the download ends as failed,
    with a document that does not parse."""
    keys = export.keys()
    with translation.override(export.header_lang):
        head = {
            "catalogue": export.catalogue,
            "title": str(export.spec.label),
            "language": export.lang,
            "generated_at": timezone.now().isoformat(timespec="seconds"),
            "source": export.list_url,
            "filters": export.filters,
            "ignored": export.errors,
            "licence": LICENCE,
            "publisher": str(PUBLISHER),
            "how_to_cite": how_to_cite(export.header_lang, export.list_url),
            "columns": [
                {"key": key, "label": label, "type": str(kind)}
                for key, label, kind in zip(keys, export.headers(), export.types(), strict=True)
            ],
        }
    opening = json.dumps(head, ensure_ascii=False, indent=1)
    yield opening[: opening.rindex("}")].rstrip() + ',\n "entries": ['
    written = 0
    try:
        for row in export.raw_rows():
            entry = dict(zip(keys, map(json_value, row), strict=True))
            yield ("\n  " if not written else ",\n  ") + json.dumps(entry, ensure_ascii=False)
            written += 1
    except Exception:
        incomplete(export, written)
        raise
    yield f'\n ],\n "count": {written}\n}}\n'


def json_response(export: ExportFile) -> StreamingHttpResponse:
    return StreamingHttpResponse(
        (chunk.encode("utf-8") for chunk in json_chunks(export)),
        content_type=CONTENT_TYPES["json"],
    )


RESPONDERS = {"csv": csv_response, "xlsx": xlsx_response, "json": json_response}


@require_safe
def export_view(request, fmt, catalogue):
    if fmt not in FORMATS or not (catalogue == SEARCH or registry.is_catalogue(catalogue)):
        raise Http404
    export = build_export(request, catalogue, fmt)
    response = RESPONDERS[fmt](export)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    response["Content-Language"] = export.header_lang if export.lang != "both" else "cs, en"
    return response


# --- citations ----------------------------------------------------------------------------

CITATION_TYPES = {
    "ris": "application/x-research-info-systems; charset=utf-8",
    "bib": "application/x-bibtex; charset=utf-8",
}


@dataclass
class Citation:
    key: str
    title: str
    summary: str
    permalink: str
    updated: date
    accessed: date
    language: str
    keywords: list[str]
    publisher: str
    site: str
    kind: str


def one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def citation_for(request, entry) -> Citation:
    lang = translation.get_language()
    return Citation(
        key=entry.slug,
        title=one_line(entry.title),
        summary=one_line(entry.summary),
        permalink=request.build_absolute_uri(entry.get_absolute_url()),
        updated=timezone.localtime(entry.updated_at).date(),
        accessed=timezone.localdate(),
        language=lang,
        keywords=[one_line(theme.name) for theme in entry.themes.all()],
        publisher=str(PUBLISHER),
        site=str(settings.SITE_NAME),
        kind=str(entry._meta.verbose_name),
    )


def ris(citation: Citation) -> str:
    lines = [
        ("TY", "ELEC"),
        ("ID", citation.key),
        ("TI", citation.title),
        ("AU", citation.publisher),
        ("T2", citation.site),
        ("PB", citation.publisher),
        ("PY", str(citation.updated.year)),
        ("DA", citation.updated.strftime("%Y/%m/%d")),
        ("Y2", citation.accessed.strftime("%Y/%m/%d")),
        ("UR", citation.permalink),
        ("AB", citation.summary),
        *[("KW", keyword) for keyword in citation.keywords],
        ("LA", citation.language),
        ("M3", citation.kind),
        ("N1", f"{LICENCE['name']}: {LICENCE['url']}"),
        ("ER", ""),
    ]
    return "".join(
        f"{tag}  - {value}".rstrip() + "\r\n" for tag, value in lines if value or tag == "ER"
    )


BIBTEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def bibtex_escape(text: str) -> str:
    return "".join(BIBTEX_SPECIALS.get(char, char) for char in text)


def bibtex(citation: Citation) -> str:
    language = {"cs": "czech", "en": "english"}.get(citation.language, citation.language)
    fields = [
        # Double braces keep the capitals of a title and a corporate author as they are.
        ("title", "{" + bibtex_escape(citation.title) + "}"),
        ("author", "{" + bibtex_escape(citation.publisher) + "}"),
        ("organization", bibtex_escape(citation.site)),
        ("year", str(citation.updated.year)),
        ("date", citation.updated.isoformat()),
        ("urldate", citation.accessed.isoformat()),
        ("url", citation.permalink),
        ("howpublished", r"\url{" + citation.permalink + "}"),
        ("abstract", bibtex_escape(citation.summary)),
        ("keywords", bibtex_escape(", ".join(citation.keywords))),
        ("language", language),
        ("note", bibtex_escape(f"{citation.kind}. {LICENCE['name']}")),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@misc{{{citation.key},\n{body}\n}}\n"


@require_safe
def citation_view(request, slug, fmt, catalogue):
    if fmt not in CITATION_TYPES:
        raise Http404
    model = registry.catalogue(catalogue).model
    entry = get_object_or_404(
        model.objects.visible_to(request.user).prefetch_related("themes"), slug=slug
    )
    citation = citation_for(request, entry)
    body = ris(citation) if fmt == "ris" else bibtex(citation)
    response = HttpResponse(body, content_type=CITATION_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{entry.slug}.{fmt}"'
    return response
