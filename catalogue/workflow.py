"""The editorial workflow of catalogue entries: draft → in review → published → archived.

Editors write drafts and submit them for review; publishers publish, unpublish (back
to draft) and archive. Each step is one function that checks the permission of the
person acting, records who did it and leaves a labelled version in the history.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from catalogue.models import Publishable, Status


def permission_name(model, action: str) -> str:
    """'projects.publish_project' for (Project, 'publish')."""
    opts = model._meta
    return f"{opts.app_label}.{action}_{opts.model_name}"


def can_edit(user, model) -> bool:
    return bool(user and user.is_active and user.has_perm(permission_name(model, "change")))


def can_publish(user, model) -> bool:
    """Publishing, unpublishing and archiving all go with the publish permission."""
    return bool(user and user.is_active and user.has_perm(permission_name(model, "publish")))


def can_withdraw(user, model) -> bool:
    """Editors take back what they sent for review; publishers return it to draft instead."""
    return can_edit(user, model) and not can_publish(user, model)


# For each step: the statuses it starts from, the status it leads to, and who may take it.
TRANSITIONS = {
    "submit_for_review": ((Status.DRAFT,), Status.REVIEW, can_edit),
    "withdraw": ((Status.REVIEW,), Status.DRAFT, can_withdraw),
    "publish": ((Status.DRAFT, Status.REVIEW, Status.ARCHIVED), Status.PUBLISHED, can_publish),
    "unpublish": ((Status.REVIEW, Status.PUBLISHED, Status.ARCHIVED), Status.DRAFT, can_publish),
    "archive": ((Status.DRAFT, Status.REVIEW, Status.PUBLISHED), Status.ARCHIVED, can_publish),
}

# Labels recorded in the history as the reason of the change.
CHANGE_REASONS = {
    "submit_for_review": _("Submitted for review"),
    "withdraw": _("Withdrawn from review"),
    "publish": _("Published"),
    "unpublish": _("Returned to draft"),
    "archive": _("Archived"),
}


def allowed_transitions(entry: Publishable, user) -> list[str]:
    """Names of the steps this user may take with the entry in its present status."""
    return [
        name
        for name, (sources, _target, check) in TRANSITIONS.items()
        if entry.status in sources and check(user, type(entry))
    ]


def _transition(name: str, entry: Publishable, by) -> Publishable:
    sources, target, check = TRANSITIONS[name]
    if not check(by, type(entry)):
        raise PermissionDenied(f"{by} may not {name.replace('_', ' ')} {entry._meta.verbose_name}.")
    if entry.status not in sources:
        raise ValidationError(
            _("An entry that is “%(status)s” cannot be moved to “%(target)s”."),
            code="invalid_transition",
            params={"status": entry.get_status_display(), "target": Status(target).label},
        )
    previous = entry.status
    entry.status = target
    if target == Status.PUBLISHED:
        # A published entry must carry its Czech title and summary (Publishable.clean).
        try:
            entry.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError:
            entry.status = previous
            raise
    entry.updated_by = by
    entry._history_user = by
    entry._change_reason = str(CHANGE_REASONS[name])
    if name == "submit_for_review" and entry.review_note:
        entry._change_reason += f": {entry.review_note}"
    if target == Status.PUBLISHED:
        entry.review_note = ""  # read by the publisher; the history keeps it
    with transaction.atomic():
        entry.save()
    return entry


def submit_for_review(entry: Publishable, by) -> Publishable:
    return _transition("submit_for_review", entry, by)


def withdraw(entry: Publishable, by) -> Publishable:
    return _transition("withdraw", entry, by)


def publish(entry: Publishable, by) -> Publishable:
    return _transition("publish", entry, by)


def unpublish(entry: Publishable, by) -> Publishable:
    return _transition("unpublish", entry, by)


def archive(entry: Publishable, by) -> Publishable:
    return _transition("archive", entry, by)


STEPS = {
    "submit_for_review": submit_for_review,
    "withdraw": withdraw,
    "publish": publish,
    "unpublish": unpublish,
    "archive": archive,
}
