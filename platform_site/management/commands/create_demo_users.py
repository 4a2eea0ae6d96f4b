from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from platform_site.management.commands.ensure_roles import ensure_roles

ADMIN_URL = "http://127.0.0.1:8000/admin/"

# Development only: well-known passwords for trying the admin on one's own machine.
DEMO_USERS = (
    ("demo-editor", "demo-editor-pass", "Editors", "Demo", "Editor"),
    ("demo-publisher", "demo-publisher-pass", "Publishers", "Demo", "Publisher"),
)


class Command(BaseCommand):
    help = (
        "Development only (DEBUG on, embedded database): create a demo editor and a demo "
        "publisher with known passwords and print how to log in. Does nothing with DEBUG off "
        "or when DATABASE_URL names a database: the passwords are published."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            self.stdout.write("DEBUG is off: no demo accounts are created.")
            return
        if not settings.EMBEDDED_DATABASE:
            self.stdout.write("DATABASE_URL names a real database: no demo accounts are created.")
            return
        ensure_roles()
        User = get_user_model()
        for username, password, group_name, first_name, last_name in DEMO_USERS:
            user, _created = User.objects.get_or_create(username=username)
            user.first_name, user.last_name = first_name, last_name
            user.is_staff = True
            user.is_active = True
            user.is_superuser = False
            user.set_password(password)
            user.save()
            user.groups.set([Group.objects.get(name=group_name)])
        self.stdout.write(f"Try the admin at {ADMIN_URL}")
        for username, password, group_name, _first, _last in DEMO_USERS:
            self.stdout.write(f"  {group_name[:-1].lower()}: user {username}, password {password}")
