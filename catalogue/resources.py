"""What the import/export resources of every catalogue share.

A file is imported whole or not at all: every row is validated like a form (field
values, choices, the database constraints) and any invalid row rolls the whole file
back, with each error reported by row and column.
"""

import copy

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from import_export import fields, resources, widgets

from catalogue import workflow
from catalogue.models import Status
from taxonomy.models import Place, Source, TargetGroup, Theme

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def translated(*names: str) -> tuple[str, ...]:
    """title → title_cs, title_en: the columns of a translated field."""
    return tuple(f"{name}_{code}" for name in names for code in LANGUAGE_CODES)


class SlugListWidget(widgets.ManyToManyWidget):
    """Slugs separated by '|'; an unknown slug is an error, not silently dropped."""

    def __init__(self, model):
        super().__init__(model, separator="|", field="slug")

    def clean(self, value, row=None, **kwargs):
        found = super().clean(value, row=row, **kwargs)
        if value:
            wanted = {part.strip() for part in str(value).split(self.separator) if part.strip()}
            missing = sorted(wanted - set(found.values_list("slug", flat=True)))
            if missing:
                raise ValueError(
                    _("Unknown %(model)s: %(slugs)s")
                    % {"model": self.model._meta.verbose_name, "slugs": ", ".join(missing)}
                )
        return found


def slug_list(attribute: str, model) -> fields.Field:
    """A many-to-many column holding slugs separated by '|'."""
    return fields.Field(attribute=attribute, column_name=attribute, widget=SlugListWidget(model))


def slug_of(attribute: str, model) -> fields.Field:
    return fields.Field(
        attribute=attribute, column_name=attribute, widget=widgets.ForeignKeyWidget(model, "slug")
    )


class ImportFileError(ValueError):
    """The file as a whole cannot be imported (a missing or unknown column, a repeated slug).

    Its message is for the editor, in their language; the admin shows it without a traceback.
    """


class PlatformResource(resources.ModelResource):
    """A resource whose import validates every row and rolls back on any invalid one."""

    # Columns every file must have: the slug names the entry a row creates or updates.
    required_columns = ("slug",)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.user = None

    class Meta:
        import_id_fields = ("slug",)
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        clean_model_instances = True

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
        return super().import_data(
            dataset,
            dry_run=dry_run,
            raise_errors=raise_errors,
            use_transactions=True,
            collect_failed_rows=collect_failed_rows,
            rollback_on_validation_errors=True,
            **kwargs,
        )

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        headers = [str(header or "").strip() for header in dataset.headers or []]
        problems = []
        missing = [column for column in self.required_columns if column not in headers]
        if missing:
            problems.append(
                ngettext(
                    "The file has no column “%(columns)s”, which every row needs.",
                    "The file has no columns %(columns)s, which every row needs.",
                    len(missing),
                )
                % {"columns": ", ".join(missing) if len(missing) > 1 else missing[0]}
            )
        importable = [str(field.column_name) for field in self.get_import_fields()]
        known = set(importable) | {str(header) for header in self.get_export_headers()}
        unknown = [header for header in headers if header and header not in known]
        if unknown:
            problems.append(
                _("Unknown columns: %(unknown)s. The columns this file may have are: %(known)s.")
                % {"unknown": ", ".join(unknown), "known": ", ".join(importable)}
            )
        if "slug" in headers:
            rows_by_slug = {}
            for number, row in enumerate(dataset.dict, start=1):
                slug = str(row.get("slug") or "").strip()
                if slug:
                    rows_by_slug.setdefault(slug, []).append(number)
            for slug, numbers in rows_by_slug.items():
                if len(numbers) > 1:
                    problems.append(
                        _("The slug “%(slug)s” is in more than one row (rows %(rows)s).")
                        % {"slug": slug, "rows": ", ".join(map(str, numbers))}
                    )
        if problems:
            raise ImportFileError(" ".join(problems))

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        # Many-to-many columns are saved only after the row; check their slugs now, so that
        # an unknown one is reported with the other errors of the row.
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row)
                except ValueError as error:
                    errors[field.column_name] = [str(error)]
        if errors:
            raise ValidationError(errors)

    def row_errors(self, instance) -> dict[str, str]:
        """Errors by column that the database would refuse (its check constraints).

        full_clean() reports a violated constraint without naming a column; these
        name it for the person fixing the file.
        """
        return {}

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        for column, message in self.row_errors(instance).items():
            errors.setdefault(column, []).append(message)
        super().validate_instance(instance, errors, validate_unique)

    def before_save_instance(self, instance, row, **kwargs):
        if self.user is not None and self.user.is_authenticated:
            instance._history_user = self.user
        instance._change_reason = str(_("Imported from a file"))


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
