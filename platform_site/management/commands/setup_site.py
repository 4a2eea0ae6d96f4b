from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from platform_site import search

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"


class Command(BaseCommand):
    help = (
        "Prepare the site: database, migrations, message catalogues, seed content, search index, "
        "editor roles and (in development) demo accounts. Safe to run again."
    )

    def handle(self, *args, **options):
        call_command("ensure_database")
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Database migrated.")
        call_command("compile_catalogues")
        fixtures = sorted(str(path) for path in FIXTURES_DIR.glob("*.yaml"))
        if fixtures:
            call_command("loaddata", *fixtures, verbosity=0)
            self.stdout.write(f"Seed content loaded from {len(fixtures)} fixture files.")
        self.stdout.write(f"Search index rebuilt for {search.rebuild_all()} entries.")
