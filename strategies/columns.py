"""The columns of the strategy exports, in the order of the files."""

from django.utils.translation import gettext_lazy as _

from catalogue.columns import (
    CatalogueColumns,
    Column,
    ColumnType,
    Value,
    Vocabulary,
    choice,
    choice_label,
    choices,
    identifiers,
    shared_vocabularies,
    sources_and_dates,
    text,
    text_in,
)
from strategies.models import PlaceKind, Scenario, Step


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


def vocabularies() -> list[Vocabulary]:
    return [
        Vocabulary(
            "scenarios",
            _("Crisis scenarios"),
            [Value(s.slug, s.title) for s in Scenario.objects.all()],
        ),
        Vocabulary(
            "strategy_place_kinds",
            _("Kinds of place a strategy is for"),
            choices(PlaceKind.choices),
        ),
        Vocabulary("step_phases", _("Phases of a strategy"), choices(Step.Phase.choices)),
    ]
