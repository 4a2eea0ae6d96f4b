"""The columns of the research exports, one explicit and documented list per catalogue.

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
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from catalogue.models import Status

PRIMARY_LANGUAGE = "cs"


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
    if obj is None:
        return ""
    value = getattr(obj, f"{name}_{ctx.lang}", None)
    if not value and ctx.fallback and ctx.lang != PRIMARY_LANGUAGE:
        value = getattr(obj, f"{name}_{PRIMARY_LANGUAGE}", None)
    if value is None:
        value = "" if hasattr(obj, f"{name}_{PRIMARY_LANGUAGE}") else getattr(obj, name, "")
    return value or ""


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
    url_name = url_name or f"{entry._meta.app_label}:detail"
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


# --- projects -----------------------------------------------------------------------------


def organisation_name(org, ctx) -> str:
    if org is None:
        return ""
    name = text_in(org, "name", ctx)
    return f"{name} ({org.acronym})" if org.acronym else name


def partner_texts(project, ctx) -> list[str]:
    result = []
    for partnership in project.partnerships.all():
        role = choice_label(partnership, "role", ctx)
        result.append(f"{organisation_name(partnership.organisation, ctx)} ({role})")
    return result


def amount_text(amount, currency) -> str:
    if amount is None:
        return ""
    return f"{amount:f} {currency}"


def funding_line_texts(project, ctx) -> list[str]:
    result = []
    for line in project.funding_lines.all():
        name = text_in(line.instrument, "title", ctx) if published(line.instrument) else ""
        name = name or text_in(line, "note", ctx)
        details = [
            part
            for part in (amount_text(line.amount, line.currency), line.year and str(line.year))
            if part
        ]
        result.append(
            f"{name}: {', '.join(details)}" if details and name else name or ", ".join(details)
        )
    return result


def funding_totals(project, ctx) -> list[str]:
    totals: dict[str, Decimal] = {}
    for line in project.funding_lines.all():
        if line.amount is not None:
            totals[line.currency] = totals.get(line.currency, Decimal(0)) + line.amount
    return [amount_text(amount, currency) for currency, amount in sorted(totals.items())]


def key_figure_texts(project, ctx) -> list[str]:
    result = []
    for figure in project.key_figures.all():
        value = f"{figure.value.normalize():f}"
        unit = text_in(figure, "unit", ctx)
        result.append(f"{text_in(figure, 'label', ctx)}: {value} {unit}".strip())
    return result


def project_columns() -> CatalogueColumns:
    return CatalogueColumns(
        key="projects",
        label=_("Projects"),
        columns=(
            *identifiers(),
            text("title", _("Title"), _("Name of the project.")),
            text("summary", _("Summary"), _("Two to four sentences on what the project is.")),
            text(
                "objectives",
                _("Objectives"),
                _("What the project set out to achieve."),
                markdown=True,
            ),
            text("activities", _("How it works"), _("The project's activities."), markdown=True),
            text("beneficiaries", _("Who benefits"), _("Who the project serves."), markdown=True),
            text(
                "results",
                _("Results and outputs"),
                _("What the project produced and achieved."),
                markdown=True,
            ),
            text(
                "evaluation",
                _("Evaluation"),
                _("How the project was evaluated and what was found."),
                markdown=True,
            ),
            text(
                "lessons",
                _("Lessons and transferability"),
                _("What others can take over, and on what conditions."),
                markdown=True,
            ),
            *shared_vocabularies(),
            Column(
                "lead_organisation",
                _("Lead organisation"),
                ColumnType.TEXT,
                _("Organisation that led the project (acronym in brackets)."),
                lambda e, ctx: organisation_name(e.lead_organisation, ctx),
                translated=True,
                vocabulary="organisation_kinds",
            ),
            Column(
                "partners",
                _("Partners"),
                ColumnType.LIST,
                _("Partner organisations with their role in brackets."),
                partner_texts,
                translated=True,
                vocabulary="partner_roles",
            ),
            plain("start_year", _("Start year"), _("Year the project started."), ColumnType.YEAR),
            plain(
                "end_year",
                _("End year"),
                _("Year the project ended (empty if ongoing or unknown)."),
                ColumnType.YEAR,
            ),
            plain(
                "ongoing", _("Ongoing"), _("Whether the project still runs."), ColumnType.BOOLEAN
            ),
            evidence_level(),
            plain(
                "is_good_practice",
                _("Good practice"),
                _("Whether the editors mark the project as a good practice."),
                ColumnType.BOOLEAN,
            ),
            Column(
                "funding",
                _("Funding"),
                ColumnType.LIST,
                _(
                    "Funding lines: the instrument (or a note), the amount with its currency (CZK or EUR) and the year."
                ),
                funding_line_texts,
                translated=True,
            ),
            Column(
                "funding_total",
                _("Total funding"),
                ColumnType.LIST,
                _("Sum of the funding lines per currency, for example “8500000.00 CZK”."),
                funding_totals,
            ),
            Column(
                "key_figures",
                _("Key figures"),
                ColumnType.LIST,
                _("Figures the project reports: label, value and unit."),
                key_figure_texts,
                translated=True,
            ),
            plain(
                "contact_name", _("Contact person"), _("Name of the contact person, if published.")
            ),
            text(
                "contact_function",
                _("Contact person's function"),
                _("Function of the contact person."),
            ),
            plain("website", _("Website"), _("The project's own website."), ColumnType.URL),
            *sources_and_dates(),
        ),
        select_related=("lead_organisation",),
        prefetch_related=(
            "themes",
            "target_groups",
            "places",
            "sources",
            "partnerships__organisation",
            "funding_lines__instrument",
            "key_figures",
        ),
    )


# --- instruments --------------------------------------------------------------------------


def applicant_labels(instrument, ctx) -> list[str]:
    field = type(instrument)._meta.get_field("eligible_applicants").base_field
    with translation.override(ctx.lang):
        labels = dict(field.flatchoices)
        return [str(labels.get(value, value)) for value in instrument.eligible_applicants]


def instrument_columns() -> CatalogueColumns:
    return CatalogueColumns(
        key="instruments",
        label=_("Instruments"),
        columns=(
            *identifiers(),
            text("title", _("Title"), _("Name of the instrument.")),
            plain("acronym", _("Acronym"), _("Short name, if it has one.")),
            text("summary", _("Summary"), _("Two to four sentences on what the instrument is.")),
            choice(
                "kind",
                _("Kind"),
                _(
                    "Financial, legislative, strategic, institutional, methodological or informational."
                ),
                "instrument_kinds",
            ),
            choice(
                "level",
                _("Level"),
                _("The level of government it belongs to."),
                "instrument_levels",
            ),
            Column(
                "administrator",
                _("Administered by"),
                ColumnType.TEXT,
                _("Organisation that administers the instrument."),
                lambda e, ctx: organisation_name(e.administrator, ctx),
                translated=True,
            ),
            Column(
                "parent",
                _("Part of"),
                ColumnType.TEXT,
                _(
                    "The programme or instrument this one belongs to (for example a call within a programme)."
                ),
                lambda e, ctx: text_in(e.parent, "title", ctx) if published(e.parent) else "",
                translated=True,
            ),
            choice(
                "funding_source",
                _("Funding source"),
                _("Where the money comes from."),
                "funding_sources",
            ),
            Column(
                "eligible_applicants",
                _("Who may apply"),
                ColumnType.LIST,
                _("Kinds of applicants that may use the instrument."),
                applicant_labels,
                translated=True,
                vocabulary="applicant_types",
            ),
            text("purpose", _("Purpose"), _("What the instrument is for."), markdown=True),
            text(
                "eligible_activities",
                _("What it funds or covers"),
                _("Eligible activities."),
                markdown=True,
            ),
            text(
                "conditions",
                _("Conditions"),
                _("Conditions an applicant must meet."),
                markdown=True,
            ),
            plain(
                "allocation",
                _("Allocation"),
                _("Total money available, in the currency of the instrument."),
                ColumnType.DECIMAL,
            ),
            plain(
                "grant_min",
                _("Minimum grant"),
                _("Smallest grant, in the currency of the instrument."),
                ColumnType.DECIMAL,
            ),
            plain(
                "grant_max",
                _("Maximum grant"),
                _("Largest grant, in the currency of the instrument."),
                ColumnType.DECIMAL,
            ),
            plain(
                "currency",
                _("Currency"),
                _("Currency of the amounts: CZK or EUR."),
                ColumnType.CODE,
            ),
            plain(
                "cofinancing_rate",
                _("Co-financing rate (%)"),
                _("Share the applicant pays from its own resources, in per cent."),
                ColumnType.DECIMAL,
            ),
            text("funding_period", _("Funding period"), _("The period the money is for.")),
            choice(
                "call_frequency",
                _("Call frequency"),
                _("How often calls for applications open."),
                "call_frequencies",
            ),
            Column(
                "call_status",
                _("Call status"),
                ColumnType.LABEL,
                _(
                    "Whether one can apply now. A financial instrument whose status is not known, "
                    "or whose deadline has passed, is given as unknown: verify before applying."
                ),
                lambda e, ctx: (
                    choice_text(type(e), "call_status", e.effective_call_status, ctx.lang)
                    if e.effective_call_status
                    else ""
                ),
                translated=True,
                vocabulary="call_statuses",
            ),
            plain(
                "next_deadline",
                _("Next deadline"),
                _("Next application deadline, if known."),
                ColumnType.DATE,
            ),
            plain(
                "status_verified_on",
                _("Status verified on"),
                _("The day an editor last checked the call status at the official source."),
                ColumnType.DATE,
            ),
            plain(
                "verify_url",
                _("Verify at"),
                _("Official page where one can check whether and when one can apply."),
                ColumnType.URL,
            ),
            Column(
                "successor",
                _("Successor"),
                ColumnType.TEXT,
                _("The instrument that replaced this one, e.g. the programme of the next period."),
                lambda e, ctx: text_in(e.successor, "title", ctx) if published(e.successor) else "",
                translated=True,
            ),
            text(
                "legal_basis",
                _("Legal basis"),
                _("Laws and decisions the instrument rests on."),
                markdown=True,
            ),
            plain(
                "application_url",
                _("Where to apply"),
                _("Address of the call or application form."),
                ColumnType.URL,
            ),
            plain(
                "valid_from",
                _("Valid from"),
                _("First year the instrument applies."),
                ColumnType.YEAR,
            ),
            plain(
                "valid_to",
                _("Valid until"),
                _("Last year the instrument applies."),
                ColumnType.YEAR,
            ),
            text(
                "results",
                _("Results achieved"),
                _("What the instrument has achieved."),
                markdown=True,
            ),
            text("strengths", _("Strengths"), _("What works well."), markdown=True),
            text("weaknesses", _("Weaknesses"), _("What works less well."), markdown=True),
            evidence_level(),
            text(
                "when_to_use",
                _("When to use it"),
                _("Advice for an official on when the instrument fits."),
                markdown=True,
            ),
            *shared_vocabularies(),
            *sources_and_dates(),
        ),
        select_related=("administrator", "parent", "successor"),
        prefetch_related=("themes", "target_groups", "places", "sources"),
    )


# --- strategies ---------------------------------------------------------------------------


def step_texts(strategy, ctx) -> list[str]:
    result = []
    for step in strategy.steps.all():
        details = [text_in(step, "responsible", ctx), text_in(step, "time_frame", ctx)]
        details = [d for d in details if d]
        line = f"{choice_label(step, 'phase', ctx)}: {text_in(step, 'title', ctx)}"
        result.append(f"{line} ({'; '.join(details)})" if details else line)
    return result


def strategy_columns() -> CatalogueColumns:
    return CatalogueColumns(
        key="strategies",
        label=_("Strategies"),
        columns=(
            *identifiers(),
            text("title", _("Title"), _("Name of the strategy.")),
            text("summary", _("Summary"), _("Two to four sentences on the strategy.")),
            Column(
                "scenario",
                _("Scenario"),
                ColumnType.TEXT,
                _("The crisis situation the strategy responds to."),
                lambda e, ctx: text_in(e.scenario, "title", ctx),
                translated=True,
                vocabulary="scenarios",
            ),
            choice(
                "place_kind",
                _("Kind of place"),
                _("The kind of place the strategy is written for."),
                "strategy_place_kinds",
            ),
            text("goals", _("Goals"), _("What the strategy aims at."), markdown=True),
            text("key_actors", _("Key actors"), _("Who has to take part."), markdown=True),
            text("risks", _("Risks and pitfalls"), _("What can go wrong."), markdown=True),
            Column(
                "steps",
                _("Steps"),
                ColumnType.LIST,
                _("Steps in order: phase, step, who acts and when (in brackets)."),
                step_texts,
                translated=True,
                vocabulary="step_phases",
            ),
            *shared_vocabularies(),
            *sources_and_dates(),
        ),
        select_related=("scenario",),
        prefetch_related=("themes", "target_groups", "places", "sources", "steps"),
    )


# --- organisations ------------------------------------------------------------------------


def organisation_columns() -> CatalogueColumns:
    return CatalogueColumns(
        key="organisations",
        label=_("Organisations"),
        columns=(
            *identifiers("taxonomy:organisation"),
            text("name", _("Name"), _("Name of the organisation.")),
            plain("acronym", _("Acronym"), _("Short name, if it has one.")),
            choice("kind", _("Kind"), _("What kind of organisation it is."), "organisation_kinds"),
            Column(
                "seat",
                _("Seat"),
                ColumnType.TEXT,
                _("Place where the organisation has its seat, with its official code."),
                lambda e, ctx: place_text(e.place, ctx) if e.place_id else "",
                translated=True,
            ),
            plain("website", _("Website"), _("The organisation's website."), ColumnType.URL),
            text("description", _("Description"), _("What the organisation does.")),
        ),
        select_related=("place",),
    )


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


BUILDERS = {
    "projects": project_columns,
    "instruments": instrument_columns,
    "strategies": strategy_columns,
    "organisations": organisation_columns,
    "search": search_columns,
}


def columns_for(catalogue: str) -> CatalogueColumns:
    return BUILDERS[catalogue]()


def languages_for(lang: str) -> tuple[str, ...]:
    return ("cs", "en") if lang == "both" else (lang,)


def expand(spec: CatalogueColumns, lang: str) -> list[tuple[Column, str | None, str]]:
    """The columns of a file as (column, language, key) triples.

    In a "both languages" file a translated column appears twice, as ``key_cs`` and
    ``key_en``; the language of the others (None) does not matter for their value.
    """
    result = []
    for column in spec.columns:
        if lang == "both" and column.translated:
            for code in ("cs", "en"):
                result.append((column, code, f"{column.key}_{code}"))
        else:
            result.append((column, None if lang == "both" else lang, column.key))
    return result
