"""Versions: one save, one version, holding everything the save changed.

Everything saved inside ``one_version()`` — an entry's fields, its many-to-many links
(themes, target groups, places, sources), its rows (funding lines, partners, key figures,
steps) — is recorded once, when the block ends, and every historical record written in
the block carries the same ``history_group``. A reader of the history (the admin's list,
a readable change log) groups records by it: one group is one save by one person.

Models take part by registering their history through ``register()`` (or using
``VersionedHistoricalRecords`` directly), which adds ``history_group`` to their
historical model.
"""

import threading
import uuid
from contextlib import contextmanager

import simple_history
from django.db import models, transaction
from django.utils import timezone
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record
from simple_history.utils import get_m2m_reverse_field_name

_state = threading.local()

# Where the admin puts the change reason an editor typed (see set_typed_reason()).
TYPED_REASON = "_typed_change_reason"
REASON_SEPARATOR = " · "
# What a save says about itself, carried over when a later save of the same version
# works on another copy of the object (restoring links and rows does).
_CARRIED = ("_change_reason", TYPED_REASON, "_history_user")


class VersionGrouped(models.Model):
    """What every historical model of the platform adds: the save its record belongs to."""

    history_group = models.UUIDField(null=True, blank=True, editable=False, db_index=True)

    class Meta:
        abstract = True


class VersionedHistoricalRecords(HistoricalRecords):
    """simple-history's records, deferred to the end of ``one_version()`` when inside one."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("bases", [VersionGrouped])
        # A reason the editor types, after the platform's own ("Submitted for review: note"),
        # is longer than simple-history's default 100 characters.
        kwargs.setdefault("history_change_reason_field", models.TextField(null=True))
        super().__init__(*args, **kwargs)

    def get_change_reason_for_object(self, instance, history_type, using):
        """The platform's reason (a workflow step …) and the one the editor typed, together."""
        parts = [
            super().get_change_reason_for_object(instance, history_type, using),
            getattr(instance, TYPED_REASON, None),
        ]
        return REASON_SEPARATOR.join(str(part) for part in parts if part) or None

    def finalize(self, sender, **kwargs):
        super().finalize(sender, **kwargs)
        if self.cls is sender:
            sender._versioned_history = self

    def post_save(self, instance, created, using=None, **kwargs):
        if _defer(instance, created):
            return
        super().post_save(instance, created, using=using, **kwargs)

    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        if action in ("post_add", "post_remove", "post_clear") and _defer(instance, False):
            return
        super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)


def register(model, **config):
    """Record the history of ``model`` in versions (see the module's docstring)."""
    simple_history.register(model, records_class=VersionedHistoricalRecords, **config)


def _defer(instance, created) -> bool:
    pending = getattr(_state, "pending", None)
    if pending is None or getattr(instance, "skip_history_when_saving", False):
        return False
    key = (type(instance), instance.pk)
    earlier, was_created = pending.get(key, (None, created))
    if earlier is not None and earlier is not instance:
        for name in _CARRIED:
            if hasattr(earlier, name) and not hasattr(instance, name):
                setattr(instance, name, getattr(earlier, name))
    pending[key] = (instance, was_created or created)
    return True


def set_typed_reason(instance, reason: str) -> None:
    """Record ``reason`` (typed by the editor) with the next version of ``instance``."""
    reason = (reason or "").strip()
    if reason:
        setattr(instance, TYPED_REASON, reason)
    elif hasattr(instance, TYPED_REASON):
        delattr(instance, TYPED_REASON)


def current_group():
    """The group of the version being recorded, or None outside ``one_version()``."""
    return getattr(_state, "group", None)


@contextmanager
def one_version():
    """Record every versioned object saved inside once, at the end, in one group."""
    if getattr(_state, "pending", None) is not None:
        yield  # already inside one: the outer block records
        return
    _state.pending, _state.group = {}, uuid.uuid4()
    try:
        with transaction.atomic():
            yield
            pending = _state.pending
            _state.pending = None  # records are written now, not deferred again
            # One moment for the whole version, so that "as of this version" finds every part.
            moment = timezone.now()
            for instance, created in pending.values():
                if instance.pk is None:  # deleted later in the same save
                    continue
                records = type(instance)._versioned_history
                instance._history_date = moment
                try:
                    records.create_historical_record(instance, "+" if created else "~")
                finally:
                    del instance._history_date
    finally:
        _state.pending, _state.group = None, None


def _tag_with_group(sender, history_instance, **kwargs):
    group = current_group()
    if group is not None and hasattr(history_instance, "history_group"):
        history_instance.history_group = group


pre_create_historical_record.connect(_tag_with_group, dispatch_uid="catalogue.history.group")


def restore_links(entry, version):
    """Give ``entry`` the many-to-many links recorded in ``version``."""
    for field in version._history_m2m_fields:
        target = get_m2m_reverse_field_name(field)
        ids = [getattr(row, f"{target}_id") for row in getattr(version, field.name).all()]
        getattr(entry, field.name).set(ids)


def restore_rows(entry, version, row_models):
    """Give ``entry`` the rows it had in ``version``: ``row_models`` are (model, fk name)."""
    for model, fk_name in row_models:
        history = getattr(model, "history", None)
        if history is None:
            continue
        pk_name = model._meta.pk.attname
        records = (
            history.filter(**{f"{fk_name}_id": entry.pk, "history_date__lte": version.history_date})
            .order_by(pk_name, "-history_date")
            .distinct(pk_name)
        )
        kept = {
            getattr(record, pk_name): record for record in records if record.history_type != "-"
        }
        model.objects.filter(**{fk_name: entry}).exclude(pk__in=kept).delete()
        for record in kept.values():
            row = record.instance
            row.save()
            if getattr(record, "_history_m2m_fields", None):
                restore_links(row, record)
