from django.conf import settings
from django.core.management.base import BaseCommand

from suggestions.services import anonymise_old_suggestions


class Command(BaseCommand):
    help = (
        "Remove the submitter's name, e-mail and organisation from suggestions older than "
        "SUGGESTION_RETENTION_DAYS (run it daily, e.g. from cron)."
    )

    def handle(self, *args, **options):
        count = anonymise_old_suggestions()
        days = settings.SUGGESTION_RETENTION_DAYS
        self.stdout.write(f"Anonymised {count} suggestions older than {days} days.")
