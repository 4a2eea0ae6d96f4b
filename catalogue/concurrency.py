"""No lost updates: a save built on an older version of an entry is refused.

The change form carries the ``updated_at`` of the version the editor opened. If the entry
was saved since (by another editor, a workflow step, a restore), the save is refused with
what changed meanwhile, and the editor's own text stays in the form. Rows of the entry
(funding lines, partners, steps) are saved with the entry, so the same check covers them.
"""

import datetime

from django.contrib.admin.utils import get_fields_from_path
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.text import capfirst, get_text_list
from django.utils.translation import gettext as _

EDIT_BASE_FIELD = "_edit_base"
# Bookkeeping that changes with every save; not what an editor needs to hear about.
IGNORED_FIELDS = {"updated_at", "updated_by", "search_vector", "published_at"}


def edit_base(entry) -> str:
    """The token of the version an editor opens (empty for a new entry)."""
    if entry is None or entry.pk is None or entry.updated_at is None:
        return ""
    return entry.updated_at.isoformat()


def parse_edit_base(raw) -> datetime.datetime | None:
    try:
        value = parse_datetime(raw or "")
    except ValueError:
        return None
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    return value


def _field_label(model, name: str) -> str:
    try:
        field = get_fields_from_path(model, name)[-1]
    except Exception:
        return name
    return str(capfirst(getattr(field, "verbose_name", name)))


def changes_since(entry, base: datetime.datetime, row_models=()) -> dict | None:
    """Who changed what in the entry after the version saved at ``base``; None if nothing did.

    ``row_models`` are (model, name of the foreign key to the entry) of the entry's rows.
    """
    history = entry.history.all()
    later = list(history.filter(updated_at__gt=base).select_related("history_user"))
    if not later:
        return None
    opened = history.filter(updated_at=base).order_by("-history_date").first()
    latest = max(later, key=lambda record: record.history_date)
    fields = []
    if opened is not None:
        delta = latest.diff_against(opened)
        fields = [
            _field_label(type(entry), name)
            for name in delta.changed_fields
            if name not in IGNORED_FIELDS
        ]
    # Rows are saved just after their entry: those of the later saves come after the first.
    since = min(record.updated_at for record in later)
    for model, fk_name in row_models:
        rows = getattr(model, "history", None)
        if (
            rows is not None
            and rows.filter(**{f"{fk_name}_id": entry.pk, "history_date__gte": since}).exists()
        ):
            fields.append(str(capfirst(model._meta.verbose_name_plural)))
    people = sorted({str(record.history_user or _("someone")) for record in later})
    return {
        "people": people,
        "when": timezone.localtime(latest.history_date),
        "fields": fields,
    }


def conflict_message(changes: dict) -> str:
    when = date_format(changes["when"], "DATETIME_FORMAT")
    people = get_text_list(changes["people"], _("and"))
    if changes["fields"]:
        saved = _(
            "While you were editing, this entry was saved by someone else (%(people)s, "
            "%(when)s), who changed: %(fields)s."
        ) % {"people": people, "when": when, "fields": ", ".join(changes["fields"])}
    else:
        saved = _(
            "While you were editing, this entry was saved by someone else (%(people)s, %(when)s)."
        ) % {"people": people, "when": when}
    return " ".join(
        [
            saved,
            _(
                "Your changes were not saved, so that theirs are not lost. Your text is still in "
                "the form below: copy what you need, open the entry again and make your changes "
                "in its new version."
            ),
        ]
    )
