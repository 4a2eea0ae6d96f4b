"""Alphabetical order in the page language, independent of the database's collations.

The embedded PostgreSQL has no ICU and no Czech locale, so ``ORDER BY title``
cannot follow the Czech alphabet there. Instead each letter is mapped onto a
private, ordered range of characters with PostgreSQL's ``translate()`` (the
same table is available in Python) and the result is compared byte by byte
(``COLLATE "C"``). In Czech, č, ř, š, ž and the digraph "ch" are letters of
their own (Č after C, Ch after H, Ř after R, Š after S, Ž after Z); other
accents (á, é, ě, í, ó, ú, ů, ý, ď, ť, ň) only break ties. English folds every
accent and has no "ch".
"""

from django.db.models import CharField, Func, Value
from django.db.models.functions import Collate

# Letters of each alphabet in order; the variants on a line sort as one letter.
_CZECH = [
    "aáàâäåãąAÁÀÂÄÅÃĄ",
    "bB",
    "cçćCÇĆ",
    "čČ",
    "dďđDĎĐ",
    "eéěèêëęEÉĚÈÊËĘ",
    "fF",
    "gG",
    "hH",
    "",  # ch: produced by the digraph rule below
    "iíìîïIÍÌÎÏ",
    "jJ",
    "kK",
    "lĺľłLĹĽŁ",
    "mM",
    "nňñńNŇÑŃ",
    "oóòôöõøőOÓÒÔÖÕØŐ",
    "pP",
    "qQ",
    "rŕRŔ",
    "řŘ",
    "sśSŚ",
    "šŠ",
    "tťTŤ",
    "uúůùûüűUÚŮÙÛÜŰ",
    "vV",
    "wW",
    "xX",
    "yýÿYÝŸ",
    "zźżZŹŻ",
    "žŽ",
]
_ENGLISH_MERGE = {"čČ": "c", "řŘ": "r", "šŠ": "s", "žŽ": "z"}

_BASE = 0x0250  # a block of two-byte UTF-8 characters well above ASCII digits and punctuation


def _czech_table() -> tuple[str, str]:
    source, target = [], []
    for index, letters in enumerate(_CZECH):
        for letter in letters:
            source.append(letter)
            target.append(chr(_BASE + index))
    return "".join(source), "".join(target)


def _english_table() -> tuple[str, str]:
    merged = {letters: base for letters, base in _ENGLISH_MERGE.items()}
    source, target = [], []
    position = {}
    for letters in _CZECH:
        if letters and letters not in merged:
            position[letters[0]] = len(position)
    for letters in _CZECH:
        if not letters:
            continue
        key = merged.get(letters, letters[0])
        for letter in letters:
            source.append(letter)
            target.append(chr(_BASE + position[key]))
    return "".join(source), "".join(target)


TABLES = {"cs": _czech_table(), "en": _english_table()}
_C = chr(_BASE + _CZECH.index("cçćCÇĆ"))
_H = chr(_BASE + _CZECH.index("hH"))
_CH = chr(_BASE + _CZECH.index(""))
_PY_TABLES = {lang: str.maketrans(source, target) for lang, (source, target) in TABLES.items()}

# Folding to lower-case ASCII, for matching names regardless of accents and case.
_ASCII = {"č": "c", "ř": "r", "š": "s", "ž": "z"}
_FOLD_SOURCE = "".join(_CZECH)
_FOLD_TARGET = "".join(
    _ASCII.get(letters[0], letters[0]) * len(letters) for letters in _CZECH if letters
)
_FOLD_TABLE = str.maketrans(_FOLD_SOURCE, _FOLD_TARGET)


def sort_key(text: str, language: str = "cs") -> str:
    """The key Python sorts by, the same one the database orders by."""
    language = language if language in TABLES else "cs"
    key = (text or "").strip().translate(_PY_TABLES[language])
    if language == "cs":
        key = key.replace(_C + _H, _CH)
    return key


def fold(text: str) -> str:
    return (text or "").translate(_FOLD_TABLE)


def _translate(expression, source: str, target: str):
    return Func(
        expression, Value(source), Value(target), function="translate", output_field=CharField()
    )


def sort_key_expression(expression, language: str = "cs"):
    """A database expression ordering like ``sort_key`` (byte order, no locale needed)."""
    language = language if language in TABLES else "cs"
    source, target = TABLES[language]
    key = _translate(Func(expression, function="btrim", output_field=CharField()), source, target)
    if language == "cs":
        key = Func(key, Value(_C + _H), Value(_CH), function="replace", output_field=CharField())
    return Collate(key, "C")


def fold_expression(expression):
    return _translate(expression, _FOLD_SOURCE, _FOLD_TARGET)
