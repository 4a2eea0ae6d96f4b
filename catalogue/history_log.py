"""The history of an entry as an editor reads it: one save per row, in the editor's language.

Each version (one save, see ``catalogue.history``) is described by what changed against
the version before it: fields by their labels (both languages of a translated field
labelled „Název (čeština)“, „Název (angličtina)“), values as a person reads them (names of
statuses and other choices, localized dates and numbers, names of linked entries, long
texts shortened around the change), many-to-many links added and removed, and the rows of
the entry (funding lines, key figures, partners, steps) added, changed and removed in the
same save. The differences come from django-simple-history's ``diff_against()``.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from os.path import commonprefix

from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import models
from django.utils import timezone, translation
from django.utils.formats import date_format, number_format
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import DeletedObject
from simple_history.utils import get_m2m_reverse_field_name

from catalogue import workflow
from catalogue.history import REASON_SEPARATOR

EMPTY = "—"
TEXT_LIMIT = 120
# Characters kept before the first difference when a long text is shortened.
CONTEXT_BEFORE = 30

# Bookkeeping every version repeats: who saved and when are the log's own columns.
NOT_SHOWN = frozenset(
    {
        "created_at",
        "created_by",
        "updated_at",
        "updated_by",
        "published_at",
        "czech_changed_at",
        "english_changed_at",
    }
)

LANGUAGE_NAMES = {
    "cs": pgettext_lazy("language of a field", "Czech"),
    "en": pgettext_lazy("language of a field", "English"),
}

# Change reasons the platform writes itself; shown in the reader's language whatever the
# language of the person who saved.
RESTORED = _("Earlier version restored")
AUTOMATIC_REASONS = (
    *workflow.CHANGE_REASONS.values(),
    _("Imported from a file"),
    _("Proposed change published"),
    RESTORED,
)


@dataclass
class Change:
    """One field: ``old`` → ``new``; or one set of links: ``added`` and ``removed``."""

    label: str
    old: str = ""
    new: str = ""
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    @property
    def is_links(self) -> bool:
        return bool(self.added or self.removed)


@dataclass
class RowChange:
    """A row of the entry (a funding line, a key figure …) added, changed or removed."""

    group: str
    kind: str  # "added", "changed" or "removed"
    row: str
    changes: list[Change] = field(default_factory=list)


@dataclass
class Version:
    record: object
    kind: str  # "created", "changed" or "deleted"
    changes: list[Change] = field(default_factory=list)
    rows: list[RowChange] = field(default_factory=list)

    @property
    def date(self) -> str:
        return format_datetime(self.record.history_date)

    @property
    def iso_date(self) -> str:
        return timezone.localtime(self.record.history_date).replace(microsecond=0).isoformat()

    @property
    def reason(self) -> str:
        return readable_reason(self.record.history_change_reason)

    @property
    def is_empty(self) -> bool:
        return not (self.changes or self.rows)


# --- labels and values -------------------------------------------------------------------


def field_label(model, name: str) -> str:
    """The field's label in the active language; a translated field names its language."""
    model_field = model._meta.get_field(name)
    original = getattr(model_field, "translated_field", None)
    if original is not None:
        language = LANGUAGE_NAMES.get(model_field.language, model_field.language)
        return f"{capfirst(original.verbose_name)} ({language})"
    return str(capfirst(model_field.verbose_name))


def format_datetime(value: datetime.datetime) -> str:
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return date_format(value, "DATETIME_FORMAT")


def display(model_field, value) -> str:
    """A stored value as a person reads it, in the active language."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, DeletedObject):
        return gettext("%(name)s (deleted)") % {"name": capfirst(value.model._meta.verbose_name)}
    if model_field is not None and model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, datetime.datetime):
        return format_datetime(value)
    if isinstance(value, datetime.date):
        return date_format(value, "DATE_FORMAT")
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            value = value.quantize(Decimal(1))
        return number_format(value, force_grouping=True)
    if isinstance(value, float):
        return number_format(value, force_grouping=True)
    if isinstance(value, int) and isinstance(model_field, models.PositiveSmallIntegerField):
        return str(value)  # years, positions: no grouping
    if isinstance(value, int):
        return number_format(value, force_grouping=True)
    return describe(value)


def describe(obj) -> str:
    """An object by its own string, or by its kind when that string cannot be built."""
    try:
        return str(obj)
    except ObjectDoesNotExist:
        return str(capfirst(obj._meta.verbose_name))


def shorten(old: str, new: str, limit: int = TEXT_LIMIT) -> tuple[str, str]:
    """Long texts cut to ``limit`` characters, starting shortly before their first difference."""
    if len(old) <= limit and len(new) <= limit:
        return old, new
    start = max(0, len(commonprefix([old, new])) - CONTEXT_BEFORE)
    if start:
        # Start at a word, so that the excerpt does not begin in the middle of one.
        space = old.rfind(" ", 0, start)
        start = space + 1 if space > 0 else start

    def cut(text: str) -> str:
        if text == EMPTY:
            return text
        excerpt = Truncator(text[start:]).chars(limit)
        return f"…{excerpt}" if start else excerpt

    return cut(old), cut(new)


def readable_reason(reason) -> str:
    """The stored change reason, with the platform's own wording in the active language."""
    if not reason or reason == "None":
        return ""
    for automatic in AUTOMATIC_REASONS:
        for language in LANGUAGE_NAMES:
            with translation.override(language):
                stored = str(automatic)
            if reason == stored or reason.startswith((f"{stored}:", f"{stored}{REASON_SEPARATOR}")):
                return str(automatic) + reason[len(stored) :]
    return reason


# --- differences --------------------------------------------------------------------------


def field_changes(new_record, old_record, model) -> list[Change]:
    """What changed between two records of one object, in the order of the model's fields."""
    delta = new_record.diff_against(old_record, foreign_keys_are_objs=True)
    order = {f.name: position for position, f in enumerate(model._meta.get_fields())}
    # A translated field's own column repeats its Czech one (title = title_cs).
    mirrored = {
        f.translated_field.name for f in model._meta.fields if hasattr(f, "translated_field")
    }
    result = []
    for change in sorted(delta.changes, key=lambda c: order.get(c.field, len(order))):
        if change.field in NOT_SHOWN or change.field in mirrored:
            continue
        try:
            model_field = model._meta.get_field(change.field)
        except FieldDoesNotExist:
            continue
        label = field_label(model, change.field)
        if isinstance(model_field, models.ManyToManyField):
            links = link_change(model_field, change.old, change.new, label)
            if links is not None:
                result.append(links)
            continue
        old, new = display(model_field, change.old), display(model_field, change.new)
        if old == new:
            continue  # e.g. "" and None
        old, new = shorten(old, new)
        result.append(Change(label=label, old=old, new=new))
    return result


def link_change(model_field, old_rows, new_rows, label) -> Change | None:
    target = get_m2m_reverse_field_name(model_field)

    def names(rows):
        items = {}
        for row in rows:
            obj = row[target]
            items[obj.pk] = display(None, obj)
        return items

    old, new = names(old_rows), names(new_rows)
    added = sorted(name for pk, name in new.items() if pk not in old)
    removed = sorted(name for pk, name in old.items() if pk not in new)
    if not (added or removed):
        return None
    return Change(label=label, added=added, removed=removed)


def row_changes(entry_pk, groups, row_models) -> dict:
    """The rows each version (history group) added, changed or removed."""
    by_group = {}
    if not groups:
        return by_group
    for model, fk_name in row_models:
        history = getattr(model, "history", None)
        if history is None:
            continue
        group_label = str(capfirst(model._meta.verbose_name_plural))
        records = history.filter(
            **{f"{fk_name}_id": entry_pk, "history_group__in": groups}
        ).order_by("history_date", "history_id")
        for record in records:
            if record.history_type == "+":
                kind, changes = "added", []
            elif record.history_type == "-":
                kind, changes = "removed", []
            else:
                previous = record.prev_record
                changes = field_changes(record, previous, model) if previous else []
                changes = [c for c in changes if c.label != field_label(model, fk_name)]
                if previous is not None and not changes:
                    continue  # saved, but nothing a reader would see changed
                kind = "changed"
            row = RowChange(group_label, kind, describe(record.instance), changes)
            by_group.setdefault(record.history_group, []).append(row)
    return by_group


def versions(records, row_models=(), older=None) -> list[Version]:
    """The versions of one object, newest first, as ``records`` are ordered.

    ``older`` is the record just before the last of ``records`` (the next page's first),
    so that the last version on a page is described too.
    """
    records = list(records)
    if not records:
        return []
    model = records[0].instance_type
    entry_pk = getattr(records[0], model._meta.pk.attname)
    groups = {record.history_group for record in records if record.history_group}
    rows = row_changes(entry_pk, groups, row_models)
    result = []
    for position, record in enumerate(records):
        previous = records[position + 1] if position + 1 < len(records) else older
        if record.history_type == "+":
            kind, changes = "created", []
        elif record.history_type == "-":
            kind, changes = "deleted", []
        else:
            # Without an earlier record (kept from before the history began) nothing to compare.
            kind = "changed"
            changes = field_changes(record, previous, model) if previous is not None else []
        version = Version(record, kind, changes, rows.get(record.history_group, []))
        result.append(version)
    return result
