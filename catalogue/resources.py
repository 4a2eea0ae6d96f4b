"""What the import/export resources of every catalogue share.

A file is imported whole or not at all: every row is validated like a form (field
values, choices, the database constraints) and any invalid row rolls the whole file
back, with each problem reported by sheet, row and column in the editor's language.

Columns are named by their labels in the editor's language ("Název (česky)", "Title
(Czech)"); an import accepts the Czech and the English labels and the field names older
files used ("title_cs"). Several values in one cell are separated by MULTI_VALUE_SEPARATOR.
"""

import copy
from collections import namedtuple

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from import_export import fields, resources, results, widgets

from catalogue import history, search, workflow
from catalogue.import_values import (
    LANGUAGE_CODES,
    ImportValueError,
    SlugListWidget,
    SlugWidget,
    cell_text,
    normalise_header,
    platform_widget,
)
from catalogue.languages import field_names
from catalogue.models import Status
from taxonomy.models import Place, Source, TargetGroup, Theme

IN_LANGUAGE = {
    "cs": gettext_lazy("%(field)s (Czech)"),
    "en": gettext_lazy("%(field)s (English)"),
}

# Sheets of the import template that hold no data: an import reads past them.
HELP_SHEET = gettext_lazy("Help")
VOCABULARY_SHEET = gettext_lazy("Vocabularies")

# A problem the import report names: the sheet, the row as the spreadsheet numbers it
# (the header is row 1), the column's label and the message, all for the editor.
Problem = namedtuple("Problem", "sheet row column message")


def translated(*names: str) -> tuple[str, ...]:
    """title → title_cs, title_en: the columns of a translated field."""
    return field_names(*names)


def in_every_language(text) -> list[str]:
    """A translatable text as each language of the site writes it."""
    found = []
    for code in LANGUAGE_CODES:
        with translation.override(code):
            found.append(str(text))
    return found


def sheet_row(dataset, index: int) -> int:
    """The spreadsheet's number of the dataset's row ``index`` (1-based; the header is row 1)."""
    numbers = getattr(dataset, "row_numbers", None)
    if numbers and 0 < index <= len(numbers):
        return numbers[index - 1]
    return index + 1


def slug_list(attribute: str, model) -> fields.Field:
    """A many-to-many column holding slugs separated by '|'."""
    return fields.Field(attribute=attribute, column_name=attribute, widget=SlugListWidget(model))


def slug_of(attribute: str, model) -> fields.Field:
    return fields.Field(attribute=attribute, column_name=attribute, widget=SlugWidget(model))


class ImportFileError(ValueError):
    """The file as a whole cannot be imported (a missing or unknown column, a repeated slug).

    Its message is for the editor, in their language; the admin shows it without a traceback.
    """


# --- columns -------------------------------------------------------------------------


def column_label(model, attribute: str) -> str:
    """The label of a model's column in the active language: "Název (česky)"."""
    for code in LANGUAGE_CODES:
        base = attribute.removesuffix(f"_{code}")
        if base != attribute and all(
            _has_field(model, f"{base}_{other}") for other in LANGUAGE_CODES
        ):
            if _has_field(model, base):
                name = capfirst(str(model._meta.get_field(base).verbose_name))
                return IN_LANGUAGE[code] % {"field": name}
    if _has_field(model, attribute):
        return capfirst(str(model._meta.get_field(attribute).verbose_name))
    return attribute


def _has_field(model, name) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


class ImportResult(results.Result):
    """A result that also holds the problems and summaries of the further sheets of a workbook."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sheet_problems: list[Problem] = []
        self.sheet_summaries: list[str] = []
        self.row_numbers = None

    def has_validation_errors(self):
        return super().has_validation_errors() or bool(self.sheet_problems)

    def sheet_row(self, index: int) -> int:
        if self.row_numbers and 0 < index <= len(self.row_numbers):
            return self.row_numbers[index - 1]
        return index + 1


class LabelledResource(resources.ModelResource):
    """Columns named by their labels in the editor's language; values read as editors write them."""

    # Labels that say more than the model field's name, by column.
    column_titles: dict = {}
    # Columns that must be in the file and filled in every row.
    required_columns: tuple = ()

    @classmethod
    def field_from_django_field(cls, field_name, django_field, readonly):
        field = super().field_from_django_field(field_name, django_field, readonly)
        widget = platform_widget(django_field)
        if widget is not None:
            field.widget = widget
        return field

    @classmethod
    def sheet_title(cls) -> str:
        return capfirst(str(cls._meta.model._meta.verbose_name_plural))

    def column_label(self, field) -> str:
        title = self.column_titles.get(field.column_name)
        if title:
            return str(title)
        return column_label(self._meta.model, field.attribute or field.column_name)

    def column_labels(self) -> dict[str, str]:
        """Column name → its label in the active language, in the order of the file."""
        return {field.column_name: self.column_label(field) for field in self.get_import_fields()}

    def label_of(self, column: str) -> str:
        if column in (None, "", "__all__"):
            return _("whole row")
        labels = self.column_labels()
        # The model reports a translated field by its own name ("summary"): that is the
        # column of the first language.
        label = labels.get(column) or labels.get(f"{column}_{LANGUAGE_CODES[0]}")
        return label or column_label(self._meta.model, column)

    def header_aliases(self) -> dict[str, str]:
        """Every header that names a column: its label in each language, and its field name."""
        aliases = {}
        for code in LANGUAGE_CODES:
            with translation.override(code):
                for column, label in self.column_labels().items():
                    aliases.setdefault(normalise_header(label), column)
        for column in self.column_labels():
            aliases[normalise_header(column)] = column
        return aliases

    def get_export_headers(self, selected_fields=None):
        return [self.column_label(field) for field in self.get_export_fields(selected_fields)]

    def map_headers(self, headers) -> tuple[list[str], list[str]]:
        """The file's headers as column names, and the problems with them."""
        aliases = self.header_aliases()
        columns, unknown, repeated, problems = [], [], [], []
        for header in headers or []:
            text = str(header or "").strip()
            column = aliases.get(normalise_header(text)) if text else ""
            if column is None:
                unknown.append(text)
                column = text
            elif column and column in columns:
                repeated.append(text)
            columns.append(column)
        missing = [column for column in self.required_columns if column not in columns]
        if missing:
            labels = [self.label_of(column) for column in missing]
            problems.append(
                ngettext(
                    "The file has no column “%(columns)s”, which every row needs.",
                    "The file has no columns %(columns)s, which every row needs.",
                    len(missing),
                )
                % {"columns": ", ".join(labels) if len(labels) > 1 else labels[0]}
            )
        if unknown:
            problems.append(
                _("Unknown columns: %(unknown)s. The columns this file may have are: %(known)s.")
                % {
                    "unknown": ", ".join(unknown),
                    "known": ", ".join(self.column_labels().values()),
                }
            )
        if repeated:
            problems.append(
                _("These columns are in the file more than once: %(columns)s.")
                % {"columns": ", ".join(repeated)}
            )
        return columns, problems

    def read_values(self, instance, row, skip=(), **kwargs) -> dict[str, list[str]]:
        """Set the row's values on the instance; the problems by column, for the editor."""
        errors = {}
        for field in self.get_import_fields():
            if field.column_name not in row or not field.attribute or field.column_name in skip:
                continue
            is_m2m = isinstance(field.widget, widgets.ManyToManyWidget)
            try:
                if is_m2m:
                    # Saved only after the row; checked now, to be reported with the rest.
                    field.clean(row, **kwargs)
                else:
                    field.save(instance, row, **kwargs)
            except ImportValueError as error:
                errors[field.column_name] = [str(error)]
            except Exception:  # a widget's own error text is not written for editors
                errors[field.column_name] = [
                    _("This value cannot be read: “%(value)s”.")
                    % {"value": cell_text(row.get(field.column_name))}
                ]
        for column in self.required_columns:
            if column in row and not cell_text(row.get(column)) and column not in errors:
                errors[column] = [_("This column must be filled in every row.")]
        return errors

    def row_errors(self, instance) -> dict[str, str]:
        """Errors by column that the database would refuse (its check constraints).

        full_clean() reports a violated constraint without naming a column; these
        name it for the person fixing the file.
        """
        return {}


class PlatformResource(LabelledResource):
    """A resource whose import validates every row and rolls back on any invalid one."""

    # Columns every file must have: the slug names the entry a row creates or updates.
    required_columns = ("slug",)
    # Resources of the entry's rows (funding lines, partners …), imported from further
    # sheets of a workbook together with the entries.
    row_sheets: tuple = ()

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.user = None

    class Meta:
        import_id_fields = ("slug",)
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        clean_model_instances = True

    def get_result_class(self):
        return ImportResult

    def import_data(
        self,
        dataset,
        dry_run=False,
        raise_errors=False,
        use_transactions=None,
        collect_failed_rows=False,
        rollback_on_validation_errors=False,
        **kwargs,
    ):
        self.user = kwargs.get("user")
        # One invalid row means nothing of the file is saved, whoever calls this.
        result = super().import_data(
            dataset,
            dry_run=dry_run,
            raise_errors=raise_errors,
            use_transactions=True,
            collect_failed_rows=collect_failed_rows,
            rollback_on_validation_errors=True,
            **kwargs,
        )
        result.row_numbers = getattr(dataset, "row_numbers", None)
        return result

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        columns, problems = self.map_headers(dataset.headers)
        if dataset.headers:
            dataset.headers = columns
        if "slug" in columns:
            rows_by_slug = {}
            for number, row in enumerate(dataset.dict, start=1):
                slug = cell_text(row.get("slug"))
                if slug:
                    rows_by_slug.setdefault(slug, []).append(sheet_row(dataset, number))
            for slug, numbers in rows_by_slug.items():
                if len(numbers) > 1:
                    problems.append(
                        _("The slug “%(slug)s” is in more than one row (rows %(rows)s).")
                        % {"slug": slug, "rows": ", ".join(map(str, numbers))}
                    )
        if problems:
            raise ImportFileError(" ".join(problems))

    def import_instance(self, instance, row, **kwargs):
        errors = self.read_values(instance, row, **kwargs)
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        for column, message in self.row_errors(instance).items():
            errors.setdefault(column, []).append(message)
        super().validate_instance(instance, errors, validate_unique)

    def before_save_instance(self, instance, row, **kwargs):
        if self.user is not None and self.user.is_authenticated:
            instance._history_user = self.user
        instance._change_reason = str(_("Imported from a file"))

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        sheets = getattr(dataset, "sheets", None) or {}
        if not self.row_sheets or not sheets:
            return
        entry_slugs = {cell_text(row.get("slug")) for row in dataset.dict} - {""}
        planned, read = [], set()
        for resource_class in self.row_sheets:
            resource = resource_class()
            title, sheet = resource.find_sheet(sheets)
            if sheet is not None:
                read.add(title)
                plan = resource.read_sheet(sheet, self.user, entry_slugs, result.sheet_problems)
                planned.append((resource, plan))
        ignored = {normalise_header(title) for title in in_every_language(HELP_SHEET)}
        ignored |= {normalise_header(title) for title in in_every_language(VOCABULARY_SHEET)}
        for title in sheets:
            if title not in read and normalise_header(title) not in ignored:
                known = [resource_class.sheet_title() for resource_class in self.row_sheets]
                result.sheet_problems.append(
                    Problem(
                        title,
                        None,
                        None,
                        _("This import does not read a sheet of this name. It reads: %(sheets)s.")
                        % {"sheets": ", ".join([self.sheet_title(), *known])},
                    )
                )
        if result.has_errors() or result.has_validation_errors():
            return
        for resource, plan in planned:
            summary = resource.replace_rows(plan, self.user)
            if summary:
                result.sheet_summaries.append(summary)


def _with_status(instance, status):
    """A stand-in for the entry as it is stored, to ask the workflow what it allows."""
    stored = copy.copy(instance)
    stored.status = status
    return stored


def not_negative(instance, names) -> dict[str, str]:
    return {
        name: _("The amount must not be negative.")
        for name in names
        if getattr(instance, name) is not None and getattr(instance, name) < 0
    }


def locked_for(user, entry) -> bool:
    """A published or archived entry, and its rows, are changed only by those who may publish."""
    return (
        user is not None
        and entry is not None
        and entry.status in (Status.PUBLISHED, Status.ARCHIVED)
        and not workflow.can_publish(user, type(entry))
    )


class PublishableResource(PlatformResource):
    """A catalogue entry: people without the publish permission import drafts only."""

    # The vocabularies every catalogue entry shares, exchanged as slugs.
    themes = slug_list("themes", Theme)
    target_groups = slug_list("target_groups", TargetGroup)
    places = slug_list("places", Place)
    sources = slug_list("sources", Source)

    def after_init_instance(self, instance, new, row, **kwargs):
        instance._stored_status = None if new else instance.status

    def row_errors(self, instance):
        errors = super().row_errors(instance)
        if self.user is None:
            return errors
        stored = getattr(instance, "_stored_status", None)
        if not workflow.can_publish(self.user, type(instance)):
            if stored in (Status.PUBLISHED, Status.ARCHIVED):
                errors["slug"] = _(
                    "This entry is published or archived; only a publisher may change it by import."
                )
                return errors
            if instance.status not in (Status.DRAFT, Status.REVIEW):
                errors["status"] = _(
                    "Only a publisher may import entries that are published or archived."
                )
                return errors
        if stored is not None and instance.status != stored and instance.status in Status.values:
            # An import moves an entry only as the workflow lets this person move it.
            allowed = {
                workflow.TRANSITIONS[name][1]
                for name in workflow.allowed_transitions(_with_status(instance, stored), self.user)
            }
            if instance.status not in allowed:
                errors["status"] = _(
                    "An import cannot move this entry from “%(stored)s” to “%(status)s”: "
                    "that is not a step of the workflow you may take."
                ) % {"stored": Status(stored).label, "status": Status(instance.status).label}
        return errors

    def before_save_instance(self, instance, row, **kwargs):
        super().before_save_instance(instance, row, **kwargs)
        if self.user is not None and self.user.is_authenticated:
            if instance.pk is None:
                instance.created_by = self.user
            instance.updated_by = self.user

    def save_m2m(self, instance, row, **kwargs):
        super().save_m2m(instance, row, **kwargs)
        # The search document was written when the entry was saved, before its links.
        if not kwargs.get("dry_run"):
            search.update_search_document(instance)


class RowSheetResource(LabelledResource):
    """The rows of entries (funding lines, key figures, partners) on a sheet of their own.

    Each row names its entry by slug in the column ``parent``. For every entry the sheet
    names, its rows become exactly the rows of the sheet (so importing the same file twice
    changes nothing); entries the sheet does not name keep theirs.
    """

    parent = "project"
    # Columns whose values together may appear only once per entry.
    unique_together: tuple = ()

    @classmethod
    def parent_model(cls):
        return cls._meta.model._meta.get_field(cls.parent).related_model

    @classmethod
    def related_name(cls) -> str:
        return cls._meta.model._meta.get_field(cls.parent).remote_field.related_name

    def find_sheet(self, sheets):
        """(title, dataset) of this resource's sheet among a workbook's, or (None, None)."""
        titles = set()
        for code in LANGUAGE_CODES:
            with translation.override(code):
                titles.add(normalise_header(self.sheet_title()))
        for title, sheet in sheets.items():
            if normalise_header(title) in titles:
                return title, sheet
        return None, None

    def column_label(self, field) -> str:
        if field.column_name == self.parent:
            return capfirst(str(self.parent_model()._meta.verbose_name))
        return super().column_label(field)

    def value_columns(self):
        return [field for field in self.get_import_fields() if field.column_name != self.parent]

    def read_sheet(self, dataset, user, entry_slugs, problems) -> dict:
        """Read and check every row; the instances by the slug of their entry."""
        title = self.sheet_title()
        columns, header_problems = self.map_headers(dataset.headers)
        for message in header_problems:
            problems.append(Problem(title, 1, _("header"), message))
        if header_problems:
            return {}
        plan, seen = {}, {}
        parents = {}
        for index, values in enumerate(dataset, start=1):
            row = dict(zip(columns, values, strict=False))
            number = sheet_row(dataset, index)
            instance = self._meta.model()
            errors = self.read_values(instance, row, skip=(self.parent,))
            slug = cell_text(row.get(self.parent))
            if slug and slug not in parents:
                parents[slug] = self.parent_model()._default_manager.filter(slug=slug).first()
            entry = parents.get(slug)
            if slug and entry is None and slug not in entry_slugs:
                errors[self.parent] = [
                    _("Unknown %(model)s: %(slugs)s")
                    % {"model": self.parent_model()._meta.verbose_name, "slugs": slug}
                ]
            elif locked_for(user, entry):
                errors[self.parent] = [
                    _(
                        "This entry is published or archived; only a publisher may change its "
                        "rows by import."
                    )
                ]
            for column, message in self.row_errors(instance).items():
                errors.setdefault(column, []).append(message)
            try:
                instance.full_clean(
                    exclude=[self.parent, *errors],
                    validate_unique=False,
                    validate_constraints=False,
                )
            except ValidationError as error:
                errors = error.update_error_dict(errors)
            if self.unique_together and not errors:
                key = (slug, *(str(getattr(instance, name)) for name in self.unique_together))
                if key in seen:
                    errors["__all__"] = [
                        _("The same row is already on this sheet (row %(row)s).")
                        % {"row": seen[key]}
                    ]
                seen.setdefault(key, number)
            for column, messages in errors.items():
                for message in messages:
                    problems.append(Problem(title, number, self.label_of(column), str(message)))
            if not errors:
                plan.setdefault(slug, []).append(instance)
        return plan

    def signature(self, instance) -> tuple:
        return tuple(str(field.get_value(instance)) for field in self.value_columns())

    def replace_rows(self, plan, user) -> str:
        """Give each entry of the plan exactly its rows; a summary for the editor."""
        changed = 0
        for slug, instances in plan.items():
            entry = self.parent_model()._default_manager.get(slug=slug)
            current = list(getattr(entry, self.related_name()).all())
            if sorted(map(self.signature, current)) == sorted(map(self.signature, instances)):
                continue
            changed += 1
            with history.one_version():
                for row in current:
                    row._history_user = user
                    row.delete()
                for instance in instances:
                    setattr(instance, self.parent, entry)
                    instance._history_user = user
                    instance._change_reason = str(_("Imported from a file"))
                    instance.save()
            if hasattr(entry, "search_vector"):
                # Partners and funding are part of the entry's search document.
                search.update_search_document(entry)
        if not changed:
            return ""
        return ngettext(
            "%(sheet)s: the rows of %(count)d entry are replaced by those of the sheet.",
            "%(sheet)s: the rows of %(count)d entries are replaced by those of the sheet.",
            changed,
        ) % {"sheet": self.sheet_title(), "count": changed}
