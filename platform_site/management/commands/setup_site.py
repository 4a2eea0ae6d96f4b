import hashlib
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand

from catalogue import search
from platform_site.models import SeedState

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"


def fixture_files() -> list[Path]:
    return sorted(FIXTURES_DIR.glob("*.yaml"))


def fixtures_fingerprint(files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


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
        self.load_seed_content()
        call_command("ensure_roles")
        # Refuses to do anything unless DEBUG is on.
        call_command("create_demo_users")
        cache.clear()

    def load_seed_content(self):
        files = fixture_files()
        if not files:
            return
        fingerprint = fixtures_fingerprint(files)
        if SeedState.objects.filter(fingerprint=fingerprint).exists():
            # Loading again would only overwrite what editors may have changed since.
            self.stdout.write("Seed content unchanged since it was last loaded.")
            return
        call_command("loaddata", *[str(path) for path in files], verbosity=0)
        self.stdout.write(f"Seed content loaded from {len(files)} fixture files.")
        self.stdout.write(f"Search index rebuilt for {search.rebuild_all()} entries.")
        SeedState.objects.all().delete()
        SeedState.objects.create(fingerprint=fingerprint)
