"""The columns of the instrument exports, in the order of the files."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from catalogue.columns import (
    CatalogueColumns,
    Column,
    ColumnType,
    Vocabulary,
    choice,
    choice_text,
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
from instruments.models import ApplicantType, CallFrequency, CallStatus, FundingSource, Kind, Level


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


def vocabularies() -> list[Vocabulary]:
    return [
        Vocabulary("instrument_kinds", _("Kinds of instrument"), choices(Kind.choices)),
        Vocabulary("instrument_levels", _("Levels of instrument"), choices(Level.choices)),
        Vocabulary("funding_sources", _("Funding sources"), choices(FundingSource.choices)),
        Vocabulary("applicant_types", _("Eligible applicants"), choices(ApplicantType.choices)),
        Vocabulary("call_frequencies", _("Call frequencies"), choices(CallFrequency.choices)),
        Vocabulary("call_statuses", _("Call statuses"), choices(CallStatus.choices)),
    ]
