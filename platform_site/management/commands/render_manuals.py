"""Render the PDFs of the manual of instruments ahead of the first visitor.

The full edition of a large catalogue takes longer to render than a request may
last: the site renders it in the background on the first request and shows a page
that reloads itself until the PDF is ready. Run after a deployment or a seed load
(``manage.py render_manuals --base-url https://example.org``) to have it ready:

    manage.py render_manuals --base-url https://integrace.example.org
    manage.py render_manuals --base-url https://integrace.example.org --edition "applicant=city_district"

The base URL must be the one visitors use: the PDF shows its permanent link, so the
address is part of the content version under which the PDF is stored.
"""

import time
from urllib.parse import urlsplit

from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from catalogue import pdf
from platform_site import manual


class Command(BaseCommand):
    help = "Render and store the manual's PDFs (both languages; the full edition and any given)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default="http://localhost:8000",
            help="The site's address as visitors use it (scheme and host).",
        )
        parser.add_argument(
            "--edition",
            action="append",
            default=[],
            metavar="QUERY",
            help='An edition\'s query string, e.g. "applicant=city_district" (repeatable).',
        )
        parser.add_argument("--language", action="append", choices=["cs", "en"], default=[])

    def handle(self, *args, base_url, edition, language, **options):
        if pdf.unavailable_reason():
            raise CommandError(f"{pdf.unavailable_reason()} Install: {pdf.install_hint()}")
        address = urlsplit(base_url)
        if address.scheme not in ("http", "https") or not address.netloc:
            raise CommandError(f"Not a site address: {base_url!r}")
        factory = RequestFactory(
            HTTP_HOST=address.netloc,
            **({"wsgi.url_scheme": "https"} if address.scheme == "https" else {}),
        )
        for code in language or ["cs", "en"]:
            for query in ["", *edition]:
                with translation.override(code):
                    path = reverse("manual-pdf")
                    request = factory.get(path + (f"?{query}" if query else ""))
                    request.user = AnonymousUser()
                    current = manual.build_edition(request)
                    html = manual.manual_pdf_html(request, current)
                key = pdf.pdf_key(html, manual.MANUAL_STYLESHEETS)
                if pdf.stored_pdf(key) is not None:
                    self.stdout.write(f"{request.get_full_path()}: stored already")
                    continue
                started = time.perf_counter()
                pdf.cached_pdf(html, stylesheets=manual.MANUAL_STYLESHEETS, base_url=base_url)
                self.stdout.write(
                    f"{request.get_full_path()}: {len(current.instruments)} instruments, "
                    f"rendered in {time.perf_counter() - started:.1f} s"
                )
