"""One home for "this field in that language, with fallback".

A translated field ``title`` is stored in one column per language (``title_cs``,
``title_en``, by django-modeltranslation). Everything that reads a language column
explicitly, rather than whatever ``title`` resolves to in the active language, goes
through this module: the detail pages (which mark a fallback with ``lang``), the
exports, the search, the sort keys, the admin's translation filters, the sitemap.

Czech is the primary language: an entry is written in Czech first and shown in
Czech, marked as such, where its English text is missing.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import CharField, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language

LANGUAGES: tuple[str, ...] = tuple(code for code, _name in settings.LANGUAGES)
PRIMARY_LANGUAGE: str = settings.LANGUAGE_CODE  # "cs"


def page_language() -> str:
    """The active language as a bare code ("cs", "en"); the primary one outside a request."""
    code = (get_language() or PRIMARY_LANGUAGE).split("-")[0]
    return code if code in LANGUAGES else PRIMARY_LANGUAGE


def known_language(lang: str | None) -> str:
    """``lang`` when the site has that language, else the primary one."""
    return lang if lang in LANGUAGES else PRIMARY_LANGUAGE


def other_language(lang: str) -> str:
    """The language a field falls back to when it is empty in ``lang``."""
    return next((code for code in LANGUAGES if code != lang), lang)


def fallback_order(lang: str) -> list[str]:
    """``lang`` first, then the primary language, then the others."""
    order = [lang, PRIMARY_LANGUAGE, *LANGUAGES]
    return list(dict.fromkeys(order))


def field_name(name: str, lang: str) -> str:
    """title, "en" → "title_en": the column of a translated field in one language."""
    return f"{name}_{lang}"


def field_names(*names: str, languages=LANGUAGES) -> tuple[str, ...]:
    """title, summary → title_cs, title_en, summary_cs, summary_en."""
    return tuple(field_name(name, code) for name in names for code in languages)


def is_translated(obj_or_model, name: str) -> bool:
    """True when ``name`` is stored in one column per language on this model."""
    opts = obj_or_model._meta
    return any(f.name == field_name(name, PRIMARY_LANGUAGE) for f in opts.get_fields())


def value_in(obj, name: str, lang: str):
    """The stored value of ``name`` in ``lang`` exactly (None when the model has no such column)."""
    if obj is None:
        return None
    return getattr(obj, field_name(name, lang), None)


def localized(obj, name: str, lang: str | None = None, fallback: bool = True):
    """(value, language used) of field ``name`` in ``lang`` (the page language by default).

    With ``fallback`` an empty value is taken from the primary language, then from the
    others; the language returned is then the one the value is written in. Without a
    value anywhere the result is ``("", lang)``. A field that is not translated (no
    language columns) gives its plain value in ``lang``.
    """
    lang = lang or page_language()
    if obj is None:
        return "", lang
    for code in fallback_order(lang) if fallback else [lang]:
        value = value_in(obj, name, code)
        if value:
            return value, code
    if not hasattr(obj, field_name(name, PRIMARY_LANGUAGE)):
        return getattr(obj, name, "") or "", lang
    return "", lang


def localized_text(obj, name: str, lang: str | None = None, fallback: bool = True):
    """Only the value of ``localized``."""
    return localized(obj, name, lang, fallback)[0]


def fallback_language(obj, name: str, lang: str | None = None) -> str | None:
    """The language field ``name`` is shown in when it is not ``lang`` (the page's), else None.

    django-modeltranslation fills an empty English field from Czech (and the other way
    round); a page must say so with a ``lang`` attribute instead of mixing silently.
    """
    lang = lang or page_language()
    if obj is None or value_in(obj, name, lang):
        return None
    value, used = localized(obj, name, lang)
    return used if value and used != lang else None


def has_text_in(obj, names, lang: str) -> bool:
    """True when every field of ``names`` has a value in ``lang`` itself."""
    return all(value_in(obj, name, lang) for name in names)


def localized_expression(name: str, lang: str):
    """A database expression of field ``name`` in ``lang``, the other language when empty."""
    return Coalesce(
        NullIf(field_name(name, lang), Value("")),
        field_name(name, other_language(lang)),
        output_field=CharField(),
    )


def empty_in(name: str, lang: str) -> Q:
    """Rows whose field ``name`` has no text in ``lang``."""
    column = field_name(name, lang)
    return Q(**{column: ""}) | Q(**{f"{column}__isnull": True})


def filled_in(name: str, lang: str) -> Q:
    """Rows whose field ``name`` has text in ``lang``."""
    return ~empty_in(name, lang)
