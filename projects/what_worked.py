"""What worked in a project, from the figures editors entered: reach, funding, cost per participant.

Nothing here is estimated. The cost per participant is given only when it can
be computed exactly: every funding line has an amount, all in one currency,
and exactly one key figure is marked as the number of people reached.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from catalogue.models import EVIDENCE_LEVEL_EXPLANATIONS, EvidenceLevel


@dataclass
class CostPerParticipant:
    amount: Decimal
    currency: str
    total: Decimal
    reach: Decimal
    reach_figure: object  # the KeyFigure it divides by


@dataclass
class FundingTotal:
    amount: Decimal
    currency: str


@dataclass
class WhatWorked:
    evidence_level: str
    explanation: str
    reach: list = field(default_factory=list)  # key figures counting people reached
    results: list = field(default_factory=list)  # the other key figures
    funding: list[FundingTotal] = field(default_factory=list)  # one total per currency
    funding_complete: bool = True  # every funding line has an amount
    cost_per_participant: CostPerParticipant | None = None
    transferability: str = ""

    @property
    def is_evaluated(self) -> bool:
        return self.evidence_level != EvidenceLevel.NOT_EVALUATED


def funding_totals(lines) -> tuple[list[FundingTotal], bool]:
    """The sum of the funding lines' amounts per currency, and whether every line has one."""
    totals: dict[str, Decimal] = {}
    complete = True
    for line in lines:
        if line.amount is None:
            complete = False
            continue
        totals[line.currency] = totals.get(line.currency, Decimal(0)) + line.amount
    return [FundingTotal(amount, currency) for currency, amount in sorted(totals.items())], complete


def cost_per_participant(lines, figures) -> CostPerParticipant | None:
    lines = list(lines)
    reach = [figure for figure in figures if figure.counts_reach]
    totals, complete = funding_totals(lines)
    if not lines or not complete or len(totals) != 1 or len(reach) != 1:
        return None
    people = reach[0].value
    if people is None or people <= 0:
        return None
    total = totals[0]
    amount = (total.amount / people).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    return CostPerParticipant(amount, total.currency, total.amount, people, reach[0])


def what_worked(project) -> WhatWorked:
    """Reads the project's prefetched key figures and funding lines (no query of its own)."""
    figures = list(project.key_figures.all())
    lines = list(project.funding_lines.all())
    totals, complete = funding_totals(lines)
    return WhatWorked(
        evidence_level=project.evidence_level,
        explanation=str(EVIDENCE_LEVEL_EXPLANATIONS.get(project.evidence_level, "")),
        reach=[figure for figure in figures if figure.counts_reach],
        results=[figure for figure in figures if not figure.counts_reach],
        funding=totals,
        funding_complete=complete,
        cost_per_participant=cost_per_participant(lines, figures),
        transferability=project.lessons or "",
    )
