"""The columns of the project exports, in the order of the files."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from catalogue.columns import (
    CatalogueColumns,
    Column,
    ColumnType,
    Vocabulary,
    choice_label,
    choices,
    evidence_level,
    identifiers,
    organisation_name,
    plain,
    published,
    shared_vocabularies,
    sources_and_dates,
    text,
    text_in,
)
from projects.models import Partnership


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


def vocabularies() -> list[Vocabulary]:
    return [Vocabulary("partner_roles", _("Roles of partners"), choices(Partnership.Role.choices))]
