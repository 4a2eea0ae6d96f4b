"""The import template of a catalogue, and the help that explains every column of it.

XLSX: a workbook with the entries' sheet (column names only), a sheet for each kind of
row the entries have (a project's funding lines, key figures, partners), a help sheet
(what to write in every column: meaning, whether required, format, allowed values) and a
sheet of vocabularies (every code a column accepts, with its name).

CSV: the column names of the entries only. A CSV file holds one sheet, so the rows of the
further sheets come by the workbook, and the help is the workbook's help sheet, which
the import page also shows.
"""

import csv
import io
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from catalogue.import_values import (
    LANGUAGE_CODES,
    MULTI_VALUE_SEPARATOR,
    ChoiceListWidget,
    ChoiceWidget,
    DayWidget,
    DecimalNumberWidget,
    SlugListWidget,
    SlugWidget,
    WholeNumberWidget,
    YesNoWidget,
)
from catalogue.models import MarkdownField
from catalogue.resources import HELP_SHEET, VOCABULARY_SHEET

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


@dataclass
class ColumnHelp:
    sheet: str
    column: str
    meaning: str
    required: str
    format: str
    allowed: str


def _split_language(model, attribute):
    """title_cs → (title field, "cs"); start_year → (start_year field, None)."""
    for code in LANGUAGE_CODES:
        base = attribute.removesuffix(f"_{code}")
        if base != attribute:
            try:
                return model._meta.get_field(base), code
            except FieldDoesNotExist:
                break
    try:
        return model._meta.get_field(attribute), None
    except FieldDoesNotExist:
        return None, None


# What a column means, where its model field has no help text of its own.
MEANINGS = {
    "status": gettext_lazy(
        "Where the entry is in the editorial work: a draft, in review, published or archived."
    ),
    "title": gettext_lazy("The name of the entry as the site shows it."),
    "themes": gettext_lazy("The themes the entry is about."),
    "target_groups": gettext_lazy("The groups of people the entry is for."),
    "places": gettext_lazy("The places (municipalities, regions, the country) the entry concerns."),
    "sources": gettext_lazy("The documents the facts of the entry come from."),
    "lead_organisation": gettext_lazy("The organisation that runs the project."),
    "start_year": gettext_lazy("The year the project started."),
    "end_year": gettext_lazy("The year the project ended or is planned to end."),
    "ongoing": gettext_lazy("Yes while the project is still running."),
    "evidence_level": gettext_lazy(
        "How well the results are evidenced, from not evaluated to an impact evaluation."
    ),
    "contact_name": gettext_lazy("The name of the project's contact person."),
    "website": gettext_lazy("A web address where more can be read."),
    "project": gettext_lazy("The slug of the project the row belongs to."),
    "instrument": gettext_lazy(
        "The instrument (programme, call, grant) that provided the funding."
    ),
    "amount": gettext_lazy("The amount of the funding, in the currency of its row."),
    "currency": gettext_lazy("The currency of the amount."),
    "year": gettext_lazy("The year of the funding."),
    "note": gettext_lazy("A short note shown with the row."),
    "position": gettext_lazy("The order in which the rows are shown: lower numbers first."),
    "label": gettext_lazy("What the figure counts, for example “enrolled participants”."),
    "value": gettext_lazy("The figure itself."),
    "unit": gettext_lazy("The unit of the figure, for example %."),
    "organisation": gettext_lazy("The partner organisation."),
    "role": gettext_lazy("The organisation's role in the project."),
}


def _meaning(django_field, language) -> str:
    parts = []
    if language == "cs":
        parts.append(_("In Czech."))
    elif language == "en":
        parts.append(_("In English."))
    if django_field is not None:
        if django_field.help_text:
            parts.append(str(django_field.help_text))
        elif django_field.name in MEANINGS:
            parts.append(str(MEANINGS[django_field.name]))
        else:
            parts.append(capfirst(str(django_field.verbose_name)) + ".")
    return " ".join(parts)


def _format(resource, field, django_field) -> str:
    widget = field.widget
    vocabularies = str(VOCABULARY_SHEET)
    if field.column_name == "slug":
        return _(
            "Lowercase letters without diacritics, digits and hyphens, for example "
            "kurzy-cestiny. A slug already in the catalogue updates that entry; a new one "
            "creates an entry."
        )
    if isinstance(widget, SlugListWidget):
        return _(
            "Codes (slugs) separated by a vertical bar “%(separator)s” without spaces, "
            "as listed on the sheet “%(sheet)s”."
        ) % {"separator": MULTI_VALUE_SEPARATOR, "sheet": vocabularies}
    if isinstance(widget, SlugWidget):
        if field.column_name == getattr(resource, "parent", None):
            return _(
                "The slug of the entry the row belongs to: one on the first sheet, or one "
                "already in the catalogue."
            )
        return _("One code (slug), as listed on the sheet “%(sheet)s”.") % {"sheet": vocabularies}
    if isinstance(widget, ChoiceListWidget):
        return _(
            "Values from the list, by code or name, separated by a vertical bar “%(separator)s”."
        ) % {"separator": MULTI_VALUE_SEPARATOR}
    if isinstance(widget, ChoiceWidget):
        text = _("One value from the list, by its code or its name.")
        if widget.default:
            label = dict(widget.choices).get(widget.default, widget.default)
            text += " " + _("An empty cell means “%(value)s”.") % {"value": label}
        return text
    if isinstance(widget, YesNoWidget):
        return _("ano or ne (yes or no); an empty cell means no.")
    if isinstance(widget, WholeNumberWidget):
        if "year" in field.column_name:
            return _("A year, for example 2021.")
        return _("A whole number.")
    if isinstance(widget, DecimalNumberWidget):
        return _(
            "A number: digits with a decimal comma or point, without spaces or a currency, "
            "for example 1250000 or 54,5."
        )
    if isinstance(widget, DayWidget):
        return _("A date: 2026-03-31 or 31. 3. 2026.")
    if isinstance(django_field, MarkdownField):
        return _(
            "Text; it may use Markdown: paragraphs separated by an empty line, list items "
            "starting with “- ”, links as [text](https://…)."
        )
    if isinstance(django_field, models.URLField):
        return _("A web address beginning with https://.")
    if isinstance(django_field, models.CharField) and django_field.max_length:
        return _("Text of at most %(count)d characters.") % {"count": django_field.max_length}
    return _("Text.")


def _required(resource, field) -> str:
    if field.column_name in resource.required_columns:
        return _("yes")
    django_field, language = _split_language(resource._meta.model, field.attribute or "")
    if (
        django_field is not None
        and language in (None, LANGUAGE_CODES[0])
        and not (django_field.blank or django_field.has_default() or django_field.many_to_many)
    ):
        return _("yes")
    return _("no")


def _allowed(resource, field) -> str:
    widget = field.widget
    if isinstance(widget, (ChoiceWidget, ChoiceListWidget)):
        return "\n".join(f"{value} = {label}" for value, label in widget.choices)
    if field.column_name == getattr(resource, "parent", None):
        return ""
    if isinstance(widget, (SlugWidget, SlugListWidget)):
        return _("see the sheet “%(sheet)s”") % {"sheet": VOCABULARY_SHEET}
    return ""


def column_help(resource) -> list[ColumnHelp]:
    """What to write in each column of the resource's sheet, in the active language."""
    rows = []
    sheet = resource.sheet_title()
    model = resource._meta.model
    for field in resource.get_import_fields():
        django_field, language = _split_language(model, field.attribute or field.column_name)
        rows.append(
            ColumnHelp(
                sheet=sheet,
                column=resource.column_label(field),
                meaning=_meaning(django_field, language),
                required=_required(resource, field),
                format=_format(resource, field, django_field),
                allowed=_allowed(resource, field),
            )
        )
    return rows


def template_resources(resource) -> list:
    """The resources whose sheets make up the template: the entries, then their rows."""
    return [resource, *(row_class() for row_class in getattr(resource, "row_sheets", ()))]


def workbook_help(resource) -> list[ColumnHelp]:
    return [row for part in template_resources(resource) for row in column_help(part)]


def general_help(resource) -> list[str]:
    """The paragraphs at the top of the help sheet (and of the import page)."""
    first = resource.sheet_title()
    slug = resource.label_of("slug")
    paragraphs = [
        _(
            "The sheet “%(sheet)s” has one entry per row. Keep its first row, the column "
            "names: Czech and English names are both accepted, and so are the field names of "
            "older files (such as title_cs). Columns you do not need may be left out, except "
            "“%(slug)s”."
        )
        % {"sheet": first, "slug": slug},
        _(
            "An entry whose slug is already in the catalogue is updated; a new slug creates a "
            "new entry. Only a publisher may import published or archived entries."
        ),
        _(
            "Several values in one cell (themes, target groups, places, sources …) are "
            "separated by a vertical bar “%(separator)s” without spaces, for example "
            "%(example)s."
        )
        % {"separator": MULTI_VALUE_SEPARATOR, "example": _separator_example()},
        _(
            "Values from a vocabulary are written as their code (slug); the sheet "
            "“%(sheet)s” lists every code with its name. A value from a fixed list (status, "
            "evidence level, currency …) may be written as its code or its name."
        )
        % {"sheet": VOCABULARY_SHEET},
        _(
            "Numbers: digits with a decimal comma or point, without spaces or a currency. "
            "Dates: 2026-03-31 or 31. 3. 2026. Yes or no: ano or ne (yes or no); an empty "
            "cell means no."
        ),
        _(
            "The whole file is imported, or nothing. The import first shows a preview; if any "
            "row has a problem, the report names its sheet, row and column, and nothing is "
            "saved. Rows are numbered as in the spreadsheet: the column names are row 1."
        ),
    ]
    row_sheets = template_resources(resource)[1:]
    if row_sheets:
        paragraphs.append(
            _(
                "The sheets %(sheets)s hold rows of the entries: each row names its entry by "
                "slug in the first column. For each entry a sheet names, the rows of that sheet "
                "replace all its rows of that kind; entries the sheet does not name keep "
                "theirs, and an empty sheet changes nothing."
            )
            % {"sheets": ", ".join(quoted(part.sheet_title()) for part in row_sheets)}
        )
        paragraphs.append(
            _(
                "CSV: a CSV file holds one sheet, the entries; the rows of the further sheets "
                "are imported from the XLSX workbook. The CSV template holds the column names "
                "only: its help is this text, also on the help sheet of the XLSX template. "
                "Save a CSV in UTF-8, with commas or semicolons between the columns."
            )
        )
    else:
        paragraphs.append(
            _(
                "CSV: the CSV template holds the column names only: its help is this text, "
                "also on the help sheet of the XLSX template. Save a CSV in UTF-8, with commas "
                "or semicolons between the columns."
            )
        )
    return paragraphs


def quoted(text) -> str:
    return _("“%(text)s”") % {"text": text}


def _separator_example() -> str:
    from taxonomy.models import Theme

    slugs = list(Theme.objects.order_by("position", "slug").values_list("slug", flat=True)[:2])
    if len(slugs) < 2:
        slugs = [pgettext("example code", "first-code"), pgettext("example code", "second-code")]
    return MULTI_VALUE_SEPARATOR.join(slugs)


def vocabularies(resource) -> list[tuple[str, str, str]]:
    """(vocabulary, code to write, name) of every value a column of the template accepts."""
    rows, seen_models = [], set()
    for part in template_resources(resource):
        for field in part.get_import_fields():
            widget = field.widget
            if isinstance(widget, (ChoiceWidget, ChoiceListWidget)):
                rows.extend(
                    (part.column_label(field), str(value), str(label))
                    for value, label in widget.choices
                )
            elif isinstance(widget, (SlugWidget, SlugListWidget)):
                model = widget.model
                if field.column_name == getattr(part, "parent", None) or model in seen_models:
                    continue
                seen_models.add(model)
                name = capfirst(str(model._meta.verbose_name_plural))
                rows.extend(
                    (name, record.slug, str(record))
                    for record in model._default_manager.order_by("slug")
                )
    return rows


def xlsx_template(resource) -> bytes:
    """The workbook an editor fills, in the active language."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    bold = Font(bold=True)
    book = Workbook()
    book.remove(book.active)
    for part in template_resources(resource):
        sheet = book.create_sheet(_sheet_name(part.sheet_title()))
        labels = list(part.column_labels().values())
        sheet.append(labels)
        for index, label in enumerate(labels, start=1):
            sheet.cell(row=1, column=index).font = bold
            sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = max(
                14, min(40, len(label) + 4)
            )
        sheet.freeze_panes = "A2"

    help_sheet = book.create_sheet(_sheet_name(str(HELP_SHEET)))
    help_sheet.append([_("How to fill in this file")])
    help_sheet.cell(row=1, column=1).font = Font(bold=True, size=14)
    for paragraph in general_help(resource):
        help_sheet.append([paragraph])
    help_sheet.append([])
    headers = [
        _("Sheet"),
        _("Column"),
        _("Meaning"),
        _("Required"),
        _("Format"),
        _("Allowed values"),
    ]
    help_sheet.append(headers)
    header_row = help_sheet.max_row
    for index in range(1, len(headers) + 1):
        help_sheet.cell(row=header_row, column=index).font = bold
    for row in workbook_help(resource):
        help_sheet.append(
            [row.sheet, row.column, row.meaning, row.required, row.format, row.allowed]
        )
    for letter, width in zip("ABCDEF", (18, 28, 50, 12, 50, 40), strict=True):
        help_sheet.column_dimensions[letter].width = width
    for cells in help_sheet.iter_rows(min_row=header_row + 1):
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")

    vocabulary_sheet = book.create_sheet(_sheet_name(str(VOCABULARY_SHEET)))
    vocabulary_sheet.append([_("Vocabulary"), _("Code to write"), _("Name")])
    for index in range(1, 4):
        vocabulary_sheet.cell(row=1, column=index).font = bold
    for row in vocabularies(resource):
        vocabulary_sheet.append(list(row))
    for letter, width in zip("ABC", (30, 40, 60), strict=True):
        vocabulary_sheet.column_dimensions[letter].width = width
    vocabulary_sheet.freeze_panes = "A2"

    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_template(resource) -> bytes:
    """The column names of the entries, in UTF-8 with a byte-order mark (for Excel)."""
    out = io.StringIO()
    csv.writer(out).writerow(resource.column_labels().values())
    return out.getvalue().encode("utf-8-sig")


def _sheet_name(title: str) -> str:
    """A title Excel accepts: at most 31 characters, none of []:*?/\\."""
    for character in "[]:*?/\\":
        title = title.replace(character, " ")
    return title[:31]
