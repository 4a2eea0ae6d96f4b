from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from catalogue import registry


def roles() -> dict[str, dict[str, dict]]:
    """{role: {app label: {model: actions}}}: the Editors and Publishers each app declares."""
    return registry.roles()


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
        for name, spec in roles().items():
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
