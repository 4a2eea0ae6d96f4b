import hashlib
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.core.management.color import no_style
from django.db import connection, transaction

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


def _owner(instance):
    """(model, pk) of the entry a row belongs to: its first foreign key (a project's funding line)."""
    for field in instance._meta.concrete_fields:
        if field.many_to_one:
            return field.related_model, getattr(instance, field.attname)
    return None


def add_missing_seed_content(files: list[Path]) -> int:
    """Save the fixture objects that are not in the database yet; never touch one that is.

    Entries and vocabularies are recognised by their natural key (the slug), rows of an
    entry (funding lines, partners, steps) by their primary key; a row is added only with
    its entry, so an entry that editors have worked on never gains or regains rows.
    Returns how many objects were added.
    """
    added: set[tuple] = set()
    deferred = []
    with transaction.atomic():
        for path in files:
            with path.open(encoding="utf-8") as stream:
                for item in serializers.deserialize("yaml", stream, handle_forward_references=True):
                    instance = item.object
                    model = type(instance)
                    if (
                        instance.pk is not None
                        and model._default_manager.filter(pk=instance.pk).exists()
                    ):
                        continue
                    if not hasattr(instance, "natural_key"):
                        owner = _owner(instance)
                        if owner is not None and owner not in added:
                            continue
                    item.save()
                    added.add((model, instance.pk))
                    if item.deferred_fields:
                        deferred.append(item)
        for item in deferred:
            item.save_deferred_fields()
        # Rows come with explicit primary keys: move the sequences past them, as loaddata does.
        models = {model for model, _pk in added}
        if models:
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), models):
                    cursor.execute(sql)
    return len(added)


class Command(BaseCommand):
    help = (
        "Prepare the site: database, migrations, message catalogues, seed content, search index, "
        "and editor roles. Safe to run again: seed content "
        "only adds what does not exist yet and never overwrites editors' work."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help=(
                "Development only: reload every fixture over the database, overwriting "
                "editors' changes to seed entries (titles, texts, status)."
            ),
        )

    def handle(self, *args, **options):
        call_command("ensure_database")
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Database migrated.")
        call_command("compile_catalogues")
        self.load_seed_content(force=options.get("force", False))
        call_command("ensure_roles")
        cache.clear()

    def load_seed_content(self, force=False):
        files = fixture_files()
        if not files:
            return
        fingerprint = fixtures_fingerprint(files)
        if force:
            self.stderr.write(
                self.style.WARNING(
                    "--force: every fixture is loaded over the database. Seed entries that "
                    "editors changed, archived or unpublished are overwritten with the seed "
                    "version. Never do this on a site with real editorial work."
                )
            )
            call_command("loaddata", *[str(path) for path in files], verbosity=0)
            self.stdout.write(f"Seed content reloaded from {len(files)} fixture files.")
        elif SeedState.objects.filter(fingerprint=fingerprint).exists():
            self.stdout.write("Seed content unchanged since it was last loaded.")
            return
        else:
            added = add_missing_seed_content(files)
            self.stdout.write(
                f"Seed content: {added} new objects added from {len(files)} fixture files; "
                "existing ones left as editors keep them."
            )
            if not added:
                self._record(fingerprint)
                return
        self.stdout.write(f"Search index rebuilt for {search.rebuild_all()} entries.")
        self._record(fingerprint)

    def _record(self, fingerprint):
        SeedState.objects.all().delete()
        SeedState.objects.create(fingerprint=fingerprint)
