from django.core.management.base import BaseCommand
from django.db import connection


class Command(BaseCommand):
    help = "Start the embedded PostgreSQL if needed and check that the database answers."

    def handle(self, *args, **options):
        with connection.cursor() as cursor:
            cursor.execute("SELECT version()")
            version = cursor.fetchone()[0]
        self.stdout.write(
            f"Database ready: {connection.settings_dict['NAME']} ({version.split(',')[0]})"
        )
