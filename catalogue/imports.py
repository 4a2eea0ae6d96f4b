"""Imports in the admin: where a file waits for its confirmation, how a workbook is read and
how its problems are reported.

Where an uploaded import file waits between its preview and its confirmation:

django-import-export keeps it in the local /tmp by default, which another app server
behind the load balancer cannot read. Here it waits in the shared cache (Redis in
production) for a limited time, so that any app server can confirm it and a file
nobody confirms goes away by itself.
"""

import logging
from io import BytesIO

import tablib
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _
from import_export.formats import base_formats
from import_export.tmp_storages import CacheStorage

from catalogue.resources import ImportFileError, Problem

logger = logging.getLogger(__name__)

UNEXPECTED = _(
    "The file could not be imported because of an unexpected error; nothing was saved. "
    "Please check the file against the import template, or ask the administrator."
)
ROW_UNEXPECTED = _(
    "This row could not be saved because of an unexpected error; nothing was saved. "
    "Please check its values against the help sheet of the import template."
)


class SharedImportStorage(CacheStorage):
    CACHE_PREFIX = "import-file-"

    @property
    def CACHE_LIFETIME(self):  # noqa: N802 (the name CacheStorage reads)
        return settings.IMPORT_FILE_LIFETIME

    def exists(self) -> bool:
        return bool(self.name) and cache.get(self.CACHE_PREFIX + self.name) is not None


class SpreadsheetCSV(base_formats.CSV):
    """A CSV with commas or with semicolons between the columns (a spreadsheet set to
    Czech saves the latter), whichever its first line uses."""

    def create_dataset(self, in_stream, **kwargs):
        text = (
            in_stream.decode(self.encoding or "utf-8-sig")
            if isinstance(in_stream, bytes)
            else in_stream
        )
        first_line = text.split("\n", 1)[0]
        delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
        return super().create_dataset(text, delimiter=delimiter, **kwargs)


class WorkbookXLSX(base_formats.XLSX):
    """An XLSX workbook: its first sheet holds the entries, further sheets their rows.

    Whichever sheet was open when the editor saved, the first one is read as the entries;
    the others ride along on the dataset (``dataset.sheets``, by title) for the resource
    to import. Empty rows are left out, and each row keeps its number in the sheet so
    that a problem is reported where the editor sees it.
    """

    def create_dataset(self, in_stream):
        import openpyxl

        book = openpyxl.load_workbook(BytesIO(in_stream), read_only=True, data_only=True)
        sheets = [read_sheet(sheet) for sheet in book.worksheets[1:]]
        dataset = read_sheet(book.worksheets[0], Workbook) if book.worksheets else Workbook()
        book.close()
        dataset.sheets = {sheet.title: sheet for sheet in sheets}
        return dataset


class Workbook(tablib.Dataset):
    """The first sheet, carrying the further ones; it holds data when any of them does
    (an editor may import only the funding lines of existing projects)."""

    sheets: dict = {}

    def __bool__(self):
        return len(self) > 0 or any(len(sheet) for sheet in self.sheets.values())


def read_sheet(sheet, dataset_class=tablib.Dataset) -> tablib.Dataset:
    rows = sheet.iter_rows(values_only=True)
    headers = list(next(rows, ()))
    while headers and headers[-1] in (None, ""):
        headers.pop()
    dataset = dataset_class(title=sheet.title)
    dataset.headers = headers
    dataset.row_numbers = []
    for number, values in enumerate(rows, start=2):
        values = list(values[: len(headers)]) + [None] * (len(headers) - len(values))
        if all(value is None or str(value).strip() == "" for value in values):
            continue
        dataset.append(values)
        dataset.row_numbers.append(number)
    return dataset


def import_report(result, resource) -> list[Problem]:
    """Every problem of an import: sheet, row, column label and message, for the editor."""
    sheet = resource.sheet_title()
    problems = []
    for error in result.base_errors:
        if isinstance(error.error, ImportFileError):
            problems.append(Problem(sheet, None, None, str(error.error)))
        else:
            logger.warning("Import failed: %r", error.error)
            problems.append(Problem(sheet, None, None, UNEXPECTED))
    for number, errors in result.row_errors():
        logger.warning("Import of row %s failed: %r", number, [e.error for e in errors])
        problems.append(Problem(sheet, result.sheet_row(number), None, ROW_UNEXPECTED))
    for row in result.invalid_rows:
        for column, messages in row.error_dict.items():
            for message in messages:
                problems.append(
                    Problem(sheet, result.sheet_row(row.number), resource.label_of(column), message)
                )
    problems.extend(getattr(result, "sheet_problems", []))
    return problems
