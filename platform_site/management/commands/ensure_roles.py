from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

# Rows inside a catalogue entry (a funding line, a partner, a step) may be removed by
# whoever edits the entry; the entries themselves are never deleted, only archived.
EDITORS = {
    "projects": {
        "project": ("add", "change", "view"),
        "partnership": ("add", "change", "delete", "view"),
        "fundingline": ("add", "change", "delete", "view"),
        "keyfigure": ("add", "change", "delete", "view"),
    },
    "instruments": {"instrument": ("add", "change", "view")},
    "strategies": {
        "strategy": ("add", "change", "view"),
        "step": ("add", "change", "delete", "view"),
        "scenario": ("view",),
    },
    "taxonomy": {
        "organisation": ("add", "change", "view"),
        "place": ("add", "change", "view"),
        "source": ("add", "change", "view"),
        "theme": ("view",),
        "targetgroup": ("view",),
    },
    # Suggestions from the public are handled, never added or deleted, by the editors.
    "suggestions": {"suggestion": ("change", "view")},
}

# Publishers do all editors do, publish, unpublish and archive, and keep the vocabularies.
PUBLISHERS = {
    **EDITORS,
    "projects": {**EDITORS["projects"], "project": ("add", "change", "view", "publish")},
    "instruments": {"instrument": ("add", "change", "view", "publish")},
    "strategies": {
        **EDITORS["strategies"],
        "strategy": ("add", "change", "view", "publish"),
        "scenario": ("add", "change", "view"),
    },
    "taxonomy": {
        **EDITORS["taxonomy"],
        "theme": ("add", "change", "view"),
        "targetgroup": ("add", "change", "view"),
    },
}

ROLES = {"Editors": EDITORS, "Publishers": PUBLISHERS}


def codenames(spec) -> list[tuple[str, str]]:
    return [
        (app_label, f"{action}_{model}")
        for app_label, models in spec.items()
        for model, actions in models.items()
        for action in actions
    ]


def ensure_roles() -> dict[str, int]:
    """Create or correct the groups so that they hold exactly the permissions above."""
    counts = {}
    with transaction.atomic():
        for name, spec in ROLES.items():
            wanted = codenames(spec)
            permissions = []
            for app_label, codename in wanted:
                try:
                    permissions.append(
                        Permission.objects.get(content_type__app_label=app_label, codename=codename)
                    )
                except Permission.DoesNotExist as error:
                    raise CommandError(
                        f"Permission {app_label}.{codename} does not exist; run migrate first."
                    ) from error
            group, _created = Group.objects.get_or_create(name=name)
            group.permissions.set(permissions)
            counts[name] = len(permissions)
    return counts


class Command(BaseCommand):
    help = "Create the Editors and Publishers groups with exactly their permissions (safe to run again)."

    def handle(self, *args, **options):
        for name, count in ensure_roles().items():
            self.stdout.write(f"Group {name}: {count} permissions.")
