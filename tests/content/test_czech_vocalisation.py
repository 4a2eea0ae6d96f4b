"""Czech text uses the vocalised prepositions: "se" and "ze" before s, z, š, ž, "ke" before k, g.

The rule of the Czech language institute (ÚJČ) is checked in every Czech text field of the seed
fixtures and in every Czech message of the interface catalogue. The only accepted exception is
the fixed phrase "s sebou".
"""

import re
from pathlib import Path

import pytest
import yaml
from django.conf import settings

FIXTURES = sorted((Path(settings.BASE_DIR) / "fixtures").glob("*.yaml"))
CATALOGUE = Path(settings.BASE_DIR) / "locale" / "cs" / "LC_MESSAGES" / "django.po"

# A one-letter preposition (not part of a word, an abbreviation or a placeholder) followed by a
# word whose first letter calls for the vocalised form.
UNVOCALISED = re.compile(
    r"(?<![\w.\-/)%])(?:([sSzZ])[ \u00a0]+(?=[sSzZšŠžŽ])|([kK])[ \u00a0]+(?=[kKgG]))"
)
EXCEPTIONS = re.compile(r"\b[sS][ \u00a0]+sebou\b")
# Markdown emphasis, quotation marks and brackets do not change how the next word sounds.
TRANSPARENT = re.compile(r"[*„“”\"'(\[]")
PLACEHOLDER = re.compile(r"%\([^)]*\)[sd]|%[sd]|\{[^}]*\}")


def unvocalised(text):
    """The places in `text` where a preposition should have been vocalised."""
    clean = EXCEPTIONS.sub("", PLACEHOLDER.sub("", TRANSPARENT.sub("", text)))
    return [clean[max(0, m.start() - 25) : m.end() + 15] for m in UNVOCALISED.finditer(clean)]


def czech_fixture_texts():
    for path in FIXTURES:
        for row in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            key = row["fields"].get("slug", row.get("pk"))
            for name, value in row["fields"].items():
                if name.endswith("_cs") and isinstance(value, str):
                    yield f"{path.name} {row['model']} {key}.{name}", value


def czech_messages():
    """(msgid, msgstr) of every entry of the Czech catalogue, continuation lines joined."""
    entries, msgid, msgstr, current = [], [], [], None
    for line in CATALOGUE.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("msgid "):
            if msgstr:
                entries.append(("".join(msgid), "".join(msgstr)))
            msgid, msgstr, current = [line[6:].strip('"')], [], msgid
            current = msgid
        elif line.startswith("msgstr"):
            current = msgstr
            msgstr.append(line.split(" ", 1)[1].strip('"'))
        elif line.startswith('"') and current is not None:
            current.append(line.strip('"'))
    if msgstr:
        entries.append(("".join(msgid), "".join(msgstr)))
    return [(mid, mstr) for mid, mstr in entries if mid]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("práce s žáky", 1),
        ("práce se žáky", 0),
        ("z Šumperka a z Brna", 1),
        ("ze Šumperka", 0),
        ("k Kolínu", 1),
        ("ke Kolínu, ke Gruzii", 0),
        ("k obci, s obcí, z obce", 0),
        ("spolupráce s *Sdružením*", 1),
        ("úroveň %(rank)s z %(scale)s", 0),
        ("vezměte si s sebou doklady", 0),
        ("Sb., č. 325/1999 Sb. z. s.", 0),
    ],
)
def test_the_check_finds_exactly_the_unvocalised_prepositions(text, expected):
    assert len(unvocalised(text)) == expected


def test_there_are_czech_texts_and_messages_to_check():
    assert len(list(czech_fixture_texts())) > 1000
    assert len(czech_messages()) > 500


def test_every_czech_text_of_the_catalogue_vocalises_its_prepositions():
    errors = [(where, hit) for where, text in czech_fixture_texts() for hit in unvocalised(text)]
    assert errors == []


def test_every_czech_interface_message_vocalises_its_prepositions():
    errors = [(msgid, hit) for msgid, msgstr in czech_messages() for hit in unvocalised(msgstr)]
    assert errors == []
