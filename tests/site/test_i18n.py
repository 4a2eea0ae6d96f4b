"""Czech is the first language: its catalogue is compiled and the interface speaks Czech."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext, ngettext
from django.utils.translation.reloader import translation_file_changed

CS_PO = Path(settings.BASE_DIR) / "locale" / "cs" / "LC_MESSAGES" / "django.po"

# Known strings of the base layout and the home page with their Czech translation.
KNOWN = {
    "Skip to main content": "Přejít na hlavní obsah",
    "Main navigation": "Hlavní navigace",
    "Accessibility statement": "Prohlášení o přístupnosti",
    "In a crisis? Choose your situation": "Krizová situace? Vyberte, co řešíte",
}


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogues():
    """Build the .mo files from the committed .po files, as the set-up does, and reload them."""
    call_command("compile_catalogues", verbosity=0)
    translation_file_changed(sender=None, file_path=CS_PO.with_suffix(".mo"))


@pytest.mark.parametrize(("english", "czech"), KNOWN.items())
def test_known_interface_string_is_translated_to_czech(english, czech):
    with translation.override("cs"):
        assert gettext(english) == czech
    with translation.override("en"):
        assert gettext(english) == english


def test_czech_plural_forms_follow_czech_grammar():
    with translation.override("cs"):
        forms = [
            ngettext("%(counter)s strategy", "%(counter)s strategies", n) % {"counter": n}
            for n in (1, 3, 5)
        ]
    assert forms == ["1 strategie", "3 strategie", "5 strategií"]


@pytest.mark.django_db
def test_czech_pages_speak_czech_and_english_pages_english(client):
    czech = client.get("/cs/").content.decode()
    english = client.get("/en/").content.decode()
    assert "Přejít na hlavní obsah" in czech and "Skip to main content" not in czech
    assert "Skip to main content" in english


def test_the_committed_czech_catalogue_translates_the_base_layout():
    """Entries used by every page are translated and not fuzzy (other entries are checked per feature)."""
    catalogue = {entry.msgid: entry for entry in polib.pofile(str(CS_PO))}
    for english in [
        *KNOWN,
        "Projects",
        "Instruments",
        "Strategies",
        "About",
        "Search",
        "Page not found",
    ]:
        entry = catalogue[english]
        assert entry.msgstr, f"{english!r} has no Czech translation"
        assert "fuzzy" not in entry.flags, f"{english!r} is marked fuzzy"


def test_catalogues_compile_without_gnu_gettext(tmp_path, settings, monkeypatch):
    """A machine without msgfmt builds the same .mo files through polib."""
    import gettext
    import shutil

    from platform_site.management.commands import compile_catalogues

    locale = tmp_path / "locale"
    shutil.copytree(
        CS_PO.parent.parent.parent, locale, ignore=shutil.ignore_patterns("*.mo", ".lock")
    )
    settings.LOCALE_PATHS = [locale]
    monkeypatch.setattr(compile_catalogues.shutil, "which", lambda name: None)
    call_command("compile_catalogues", verbosity=0)
    with (locale / "cs" / "LC_MESSAGES" / "django.mo").open("rb") as mo:
        catalogue = gettext.GNUTranslations(mo)
    assert catalogue.gettext("Skip to main content") == "Přejít na hlavní obsah"
    assert (
        catalogue.ngettext("%(counter)s strategy", "%(counter)s strategies", 5)
        == "%(counter)s strategií"
    )
