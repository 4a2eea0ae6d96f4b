"""The columns of the research exports: the machinery, the columns every catalogue shares
and those of the global search. Each catalogue app lists its own in its ``columns.py``.

Every column has a stable key (used as the JSON field name and in the
data dictionary), a header in the page language, a type and a meaning. The
Data page renders these lists, so the dictionary cannot drift from the files.

Values are read from the language columns explicitly (``title_cs``,
``title_en``), never from whatever ``title`` resolves to. A single-language
export falls back to the Czech text where the English one is missing (as
the pages do); the "both languages" export gives each language as it is.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from catalogue import registry
from catalogue.languages import LANGUAGES, PRIMARY_LANGUAGE, field_name, localized_text
from catalogue.models import EVIDENCE_LEVEL_EXPLANATIONS, Currency, EvidenceLevel, Status


class ColumnType:
    TEXT = _("text")
    MARKDOWN = _("text in Markdown")
    LIST = _("list of texts (joined with “; ” in CSV and XLSX, an array in JSON)")
    INTEGER = _("whole number")
    YEAR = _("year (four digits)")
    DECIMAL = _("decimal number (decimal point, no thousands separator)")
    BOOLEAN = _("yes / no (true / false in JSON)")
    DATE = _("date (YYYY-MM-DD)")
    URL = _("web address (URL)")
    CODE = _("code from a list of allowed values")
    LABEL = _("name of a value from a list of allowed values")


@dataclass(frozen=True)
class ExportContext:
    """What a value needs besides the entry: the language and the site's address."""

    lang: str
    fallback: bool
    base_url: str = ""


@dataclass(frozen=True)
class Column:
    key: str
    label: Any  # a lazy translation
    type: Any
    help: Any
    get: Callable[[Any, ExportContext], Any]
    # A translated column is given once per language in a "both languages" export.
    translated: bool = False
    # The vocabulary whose allowed values the Data page lists for this column.
    vocabulary: str = ""


@dataclass(frozen=True)
class CatalogueColumns:
    key: str
    label: Any
    columns: tuple[Column, ...]
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()


# --- reading values ----------------------------------------------------------------------


def text_in(obj, name: str, ctx: ExportContext) -> str:
    """The text of a translated field in the context's language (Czech if missing and allowed)."""
    return localized_text(
        obj, name, ctx.lang, fallback=ctx.fallback and ctx.lang != PRIMARY_LANGUAGE
    )


@lru_cache(maxsize=1024)
def choice_text(model, name: str, value: str, lang: str) -> str:
    # Switching the language costs more than the rest of a cell: look each label up once.
    with translation.override(lang):
        return str(dict(model._meta.get_field(name).flatchoices).get(value, value))


def choice_label(obj, name: str, ctx: ExportContext) -> str:
    value = getattr(obj, name, "")
    return choice_text(type(obj), name, value, ctx.lang) if value else ""


def published(entry) -> bool:
    return entry is not None and getattr(entry, "status", Status.PUBLISHED) == Status.PUBLISHED


def local_date(value) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return timezone.localtime(value).date()
    return value


SLUG_PLACEHOLDER = "slug-placeholder"


@lru_cache(maxsize=64)
def detail_path(url_name: str, lang: str) -> str:
    # Resolving a URL costs about a millisecond; once per catalogue and language is enough.
    with translation.override(lang):
        return reverse(url_name, kwargs={"slug": SLUG_PLACEHOLDER})


def permalink(entry, ctx: ExportContext, url_name: str | None = None) -> str:
    url_name = url_name or registry.url_name_for(entry, "detail")
    path = detail_path(url_name, ctx.lang).replace(SLUG_PLACEHOLDER, entry.slug)
    return f"{ctx.base_url}{path}"


# --- column builders ------------------------------------------------------------------------


def text(key, label, help, name=None, markdown=False):
    name = name or key
    return Column(
        key,
        label,
        ColumnType.MARKDOWN if markdown else ColumnType.TEXT,
        help,
        lambda e, ctx: text_in(e, name, ctx),
        translated=True,
    )


def plain(key, label, help, type=ColumnType.TEXT, name=None):
    name = name or key
    return Column(key, label, type, help, lambda e, ctx: getattr(e, name))


def choice(key, label, help, vocabulary, name=None):
    name = name or key
    return Column(
        key,
        label,
        ColumnType.LABEL,
        help,
        lambda e, ctx: choice_label(e, name, ctx),
        translated=True,
        vocabulary=vocabulary,
    )


def names(key, label, help, relation, vocabulary="", name="name"):
    return Column(
        key,
        label,
        ColumnType.LIST,
        help,
        lambda e, ctx: [text_in(item, name, ctx) for item in getattr(e, relation).all()],
        translated=True,
        vocabulary=vocabulary,
    )


def identifiers(url_name=None):
    return (
        plain(
            "slug",
            _("Identifier"),
            _(
                "Stable ASCII identifier of the entry; it is part of the permanent link and never changes."
            ),
        ),
        Column(
            "permalink",
            _("Permanent link"),
            ColumnType.URL,
            _("Address of the entry's page in the language of the export."),
            lambda e, ctx: permalink(e, ctx, url_name),
            translated=True,
        ),
    )


def source_text(source) -> str:
    parts = [source.title]
    if source.publisher:
        parts.append(source.publisher)
    if source.year:
        parts.append(str(source.year))
    result = ", ".join(parts)
    return f"{result}, {source.url}" if source.url else result


def place_text(place, ctx):
    name = text_in(place, "name", ctx)
    return f"{name} ({place.code})" if place.code else name


def shared_vocabularies():
    return (
        names(
            "themes",
            _("Themes"),
            _("Policy domains the entry belongs to."),
            "themes",
            vocabulary="themes",
        ),
        names(
            "target_groups",
            _("Target groups"),
            _("Groups of people the entry is meant for."),
            "target_groups",
            vocabulary="target_groups",
        ),
        Column(
            "places",
            _("Places"),
            ColumnType.LIST,
            _(
                "Countries, regions, municipalities or city districts where it takes place, with their official code (ISO 3166, CZ-NUTS, LAU) in brackets."
            ),
            lambda e, ctx: [place_text(p, ctx) for p in e.places.all()],
            translated=True,
            vocabulary="place_kinds",
        ),
    )


def sources_and_dates():
    return (
        Column(
            "sources",
            _("Sources"),
            ColumnType.LIST,
            _("Documents the entry draws its facts from: title, publisher, year, address."),
            lambda e, ctx: [source_text(s) for s in e.sources.all()],
        ),
        Column(
            "published_at",
            _("Published"),
            ColumnType.DATE,
            _("Date the entry was first published on the platform."),
            lambda e, ctx: local_date(e.published_at),
        ),
        Column(
            "updated_at",
            _("Last updated"),
            ColumnType.DATE,
            _("Date of the entry's last change."),
            lambda e, ctx: local_date(e.updated_at),
        ),
    )


def evidence_level():
    return choice(
        "evidence_level",
        _("Evidence level"),
        _("How well the results are evidenced, from “not evaluated” to “impact evaluation”."),
        vocabulary="evidence_levels",
    )


# --- values several catalogues share -------------------------------------------------------


def organisation_name(org, ctx) -> str:
    if org is None:
        return ""
    name = text_in(org, "name", ctx)
    return f"{name} ({org.acronym})" if org.acronym else name


# --- global search ------------------------------------------------------------------------


def catalogue_label(entry, ctx) -> str:
    with translation.override(ctx.lang):
        return str(entry._meta.verbose_name)


def search_columns() -> CatalogueColumns:
    return CatalogueColumns(
        key="search",
        label=_("Search results"),
        columns=(
            Column(
                "type",
                _("Type"),
                ColumnType.LABEL,
                _("Which catalogue the entry comes from: project, instrument or strategy."),
                catalogue_label,
                translated=True,
            ),
            *identifiers(),
            text("title", _("Title"), _("Name of the entry.")),
            text("summary", _("Summary"), _("Two to four sentences on the entry.")),
            *shared_vocabularies(),
            *sources_and_dates(),
        ),
        prefetch_related=("themes", "target_groups", "places", "sources"),
    )


# --- allowed values of coded columns (documented on the Data page) ----------------------------


@dataclass
class Value:
    code: str
    label: str
    description: str = ""


@dataclass
class Vocabulary:
    key: str  # what a column's ``vocabulary`` names
    title: Any
    values: list
    note: Any = ""


def choices(options, descriptions=None) -> list[Value]:
    descriptions = descriptions or {}
    return [Value(code, label, descriptions.get(code, "")) for code, label in options]


def core_vocabularies() -> list[Vocabulary]:
    return [
        Vocabulary(
            "evidence_levels",
            _("Evidence levels"),
            choices(EvidenceLevel.choices, EVIDENCE_LEVEL_EXPLANATIONS),
        ),
        Vocabulary("currencies", _("Currencies"), choices(Currency.choices)),
    ]


SEARCH = "search"


def columns_for(catalogue: str) -> CatalogueColumns:
    """The export columns of a registered catalogue, or of the global search ("search")."""
    if catalogue == SEARCH:
        return search_columns()
    return registry.catalogue(catalogue).export_columns()


def languages_for(lang: str) -> tuple[str, ...]:
    return LANGUAGES if lang == "both" else (lang,)


def expand(spec: CatalogueColumns, lang: str) -> list[tuple[Column, str | None, str]]:
    """The columns of a file as (column, language, key) triples.

    In a "both languages" file a translated column appears twice, as ``key_cs`` and
    ``key_en``; the language of the others (None) does not matter for their value.
    """
    result = []
    for column in spec.columns:
        if lang == "both" and column.translated:
            for code in LANGUAGES:
                result.append((column, code, field_name(column.key, code)))
        else:
            result.append((column, None if lang == "both" else lang, column.key))
    return result
