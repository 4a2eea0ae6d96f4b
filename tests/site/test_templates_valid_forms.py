"""Templates write no empty form action, which HTML forbids (an omitted action submits to the page itself)."""

from pathlib import Path

from django.conf import settings


def test_no_template_has_an_empty_form_action():
    offenders = [
        str(path.relative_to(settings.BASE_DIR))
        for path in Path(settings.BASE_DIR, "templates").rglob("*.html")
        if 'action=""' in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
