import shutil
from pathlib import Path

import polib
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Build the .mo message catalogues from the committed .po files (with or without GNU gettext)."

    def handle(self, *args, **options):
        if shutil.which("msgfmt"):
            call_command("compilemessages", ignore_patterns=[".venv"], verbosity=0)
            self.stdout.write("Message catalogues compiled with GNU gettext.")
            return
        # No gettext on this machine: polib writes the same binary format.
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in Path(locale_dir).glob("*/LC_MESSAGES/*.po"):
                mo_path = po_path.with_suffix(".mo")
                if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                    continue
                polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        self.stdout.write("Message catalogues compiled with polib.")
