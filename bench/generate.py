"""A realistic generated catalogue for the benchmark, written through the project's own models.

``generate(size)`` adds ``size`` projects (and, in proportion, organisations,
municipalities, instruments, scenarios with strategies and steps, funding lines
and key figures) to the seed content: both languages with some English
missing, facet values skewed the way real catalogues are (a few themes and
organisations carry most entries), a few per cent drafts, entries in review
and archived ones, and the search documents built by the project's own code.
Rows are written with ``bulk_create`` in batches, so 50,000 projects take
minutes. Every generated slug starts with ``PREFIX``.
"""

import random
import sys
import time
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone, translation

from catalogue import search
from catalogue.models import Currency, EvidenceLevel, Status
from instruments.models import (
    ApplicantType,
    CallFrequency,
    CallStatus,
    FundingSource,
    Instrument,
    Kind,
    Level,
)
from projects.models import FundingLine, KeyFigure, Partnership, Project
from strategies.models import PlaceKind, Scenario, Step, Strategy
from taxonomy.models import Organisation, Place, Source, TargetGroup, Theme

PREFIX = "gen-"
BATCH = 1000

CZECH_WORDS = """
integrace cizinců cizinci cizinec obec obce město města kraj kraje úřad úřadu úřady
jazyk jazyka češtiny čeština kurz kurzy kurzů výuka výuky škola školy žáci žáků
děti dětí rodiče rodičů rodina rodiny bydlení bydlení práce práci zaměstnání
zaměstnavatel zaměstnavatelé pracovníci pracovníků migranti migrantů komunita
komunity poradenství poradna sociální sociálních služby služeb zdraví zdravotní
péče tlumočení tlumočníci interkulturní pracovník pracovnice mediátor projekt
projektu aktivity aktivit setkání sousedské soužití veřejnost veřejnosti
informace informací web příručka metodika metodiky kulatý stůl spolupráce
neziskové organizace organizací ministerstvo vnitra koncepce strategie plán
plánu dotace dotační výzva výzvy financování rozpočet evropský sociální fond
ochrana dočasné ochrany uprchlíci uprchlíků Ukrajina ukrajinští Vietnamci
Mongolové Slováci pracovní migrace agentury ubytovny ubytování asistence
doprovod adaptace adaptačně integrační kurz orientační život v České republice
""".split()

ENGLISH_WORDS = """
integration foreigners foreign nationals municipality municipalities town city
region regional office language course courses teaching school pupils children
parents family housing work employment employer workers migrants community
counselling social services health care interpreting intercultural worker
mediator project activities meetings neighbourhood coexistence public
information website handbook methodology round table cooperation
non-governmental organisations ministry interior concept strategy plan grant
call funding budget European Social Fund temporary protection refugees Ukraine
labour migration agencies hostels accommodation assistance adaptation
orientation course life in the Czech Republic
""".split()

PLACE_STEMS = ["Horní", "Dolní", "Nová", "Stará", "Velká", "Malá", "Lhota", "Ves", "Hradec"]
PLACE_NAMES = ["Lhota", "Ves", "Újezd", "Hradiště", "Městec", "Žďár", "Čermná", "Řepy", "Chlum"]
ORG_KINDS = [
    (Organisation.Kind.NGO, 40),
    (Organisation.Kind.MUNICIPALITY, 25),
    (Organisation.Kind.REGION, 5),
    (Organisation.Kind.STATE, 5),
    (Organisation.Kind.UNIVERSITY, 8),
    (Organisation.Kind.MIGRANT, 7),
    (Organisation.Kind.COMPANY, 7),
    (Organisation.Kind.INTERNATIONAL, 3),
]
EVIDENCE = [
    (EvidenceLevel.NOT_EVALUATED, 45),
    (EvidenceLevel.MONITORING, 30),
    (EvidenceLevel.SURVEY, 15),
    (EvidenceLevel.EXTERNAL, 8),
    (EvidenceLevel.IMPACT, 2),
]
STATUSES = [
    (Status.PUBLISHED, 95),
    (Status.DRAFT, 3),
    (Status.REVIEW, 1),
    (Status.ARCHIVED, 1),
]


def weighted(pairs):
    values, weights = zip(*pairs, strict=True)
    return values, weights


class Text:
    """Random but plausible sentences in both languages."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def sentence(self, words, length):
        chosen = self.rng.choices(words, k=length)
        return " ".join(chosen).capitalize() + "."

    def paragraph(self, words, sentences, length=12):
        return " ".join(self.sentence(words, length) for _ in range(sentences))

    def cs(self, sentences=3):
        return self.paragraph(CZECH_WORDS, sentences)

    def en(self, sentences=3):
        return self.paragraph(ENGLISH_WORDS, sentences)

    def title_cs(self):
        return self.sentence(CZECH_WORDS, self.rng.randint(3, 7))[:-1]

    def title_en(self):
        return self.sentence(ENGLISH_WORDS, self.rng.randint(3, 7))[:-1]


def zipf(items, rng, exponent=1.1):
    """A sampler that picks the first items much more often than the last (skewed facets)."""
    weights = [1 / (rank + 1) ** exponent for rank in range(len(items))]
    cumulative = []
    total = 0.0
    for weight in weights:
        total += weight
        cumulative.append(total)

    def pick(k=1):
        return rng.choices(items, cum_weights=cumulative, k=k)

    return pick


class Progress:
    """One line on stderr: a bar, how far, how long."""

    def __init__(self, total: int, label: str):
        self.total, self.label, self.done = total, label, 0
        self.started = time.monotonic()

    def advance(self, count: int) -> None:
        self.done += count
        width = 30
        filled = int(width * self.done / max(self.total, 1))
        elapsed = time.monotonic() - self.started
        sys.stderr.write(
            f"\r  {self.label:<12} [{'#' * filled}{'.' * (width - filled)}] "
            f"{self.done:>6}/{self.total} {elapsed:6.1f} s"
        )
        if self.done >= self.total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def _status_fields(rng, status_pick, now):
    status = status_pick()[0]
    published_at = None
    if status in (Status.PUBLISHED, Status.ARCHIVED):
        published_at = now - timedelta(days=rng.randint(0, 8 * 365), minutes=rng.randint(0, 1440))
    return {"status": status, "published_at": published_at}


def _translated(text, rng, english_share, fields):
    """Czech always; English for most entries, missing for the rest."""
    values = {}
    has_english = rng.random() < english_share
    for name, sentences in fields:
        values[f"{name}_cs"] = text.cs(sentences)
        values[f"{name}_en"] = text.en(sentences) if has_english else ""
    return values, has_english


def generate_taxonomy(size, rng, text):
    regions = list(Place.objects.filter(kind=Place.Kind.REGION))
    places = list(Place.objects.filter(kind=Place.Kind.MUNICIPALITY))
    count = min(max(size // 8, 20), 6000)
    new_places = [
        Place(
            slug=f"{PREFIX}place-{n}",
            name_cs=f"{rng.choice(PLACE_STEMS)} {rng.choice(PLACE_NAMES)} {n}",
            name_en=f"{rng.choice(PLACE_STEMS)} {rng.choice(PLACE_NAMES)} {n}",
            kind=Place.Kind.MUNICIPALITY,
            parent=rng.choice(regions) if regions else None,
            code=f"9{n:05d}",
        )
        for n in range(count)
    ]
    places += Place.objects.bulk_create(new_places, batch_size=BATCH)

    kinds, kind_weights = weighted(ORG_KINDS)
    organisations = list(Organisation.objects.all())
    new_organisations = []
    for n in range(max(size // 10, 20)):
        name = f"{text.title_cs()} {n}"
        new_organisations.append(
            Organisation(
                slug=f"{PREFIX}org-{n}",
                name_cs=name,
                name_en=name if rng.random() < 0.5 else "",
                acronym=f"O{n}" if rng.random() < 0.3 else "",
                kind=rng.choices(kinds, kind_weights)[0],
                place=rng.choice(places) if places else None,
            )
        )
    organisations += Organisation.objects.bulk_create(new_organisations, batch_size=BATCH)

    sources = list(Source.objects.all())
    sources += Source.objects.bulk_create(
        [
            Source(
                slug=f"{PREFIX}source-{n}",
                title=text.title_cs(),
                publisher=text.title_cs(),
                year=rng.randint(2005, 2025),
            )
            for n in range(max(size // 50, 10))
        ],
        batch_size=BATCH,
    )
    return places, organisations, sources


def _link(through, owner_field, target_field, owners, pick_targets):
    rows = []
    for owner in owners:
        for target in set(pick_targets()):
            rows.append(through(**{owner_field: owner, target_field: target}))
    through.objects.bulk_create(rows, batch_size=5000, ignore_conflicts=True)


def _link_vocabularies(model, entries, rng, themes, groups, places, sources):
    owner = model._meta.model_name
    pick_theme, pick_group, pick_place = zipf(themes, rng), zipf(groups, rng), zipf(places, rng)
    pick_source = zipf(sources, rng)
    _link(model.themes.through, owner, "theme", entries, lambda: pick_theme(rng.randint(1, 3)))
    _link(
        model.target_groups.through,
        owner,
        "targetgroup",
        entries,
        lambda: pick_group(rng.randint(1, 2)),
    )
    _link(model.places.through, owner, "place", entries, lambda: pick_place(rng.randint(0, 2)))
    _link(model.sources.through, owner, "source", entries, lambda: pick_source(rng.randint(0, 2)))


def generate_instruments(size, rng, text, organisations, vocabularies, now):
    count = max(size // 25, 20)
    kinds, levels = list(Kind.values), list(Level.values)
    statuses, status_weights = weighted(STATUSES)
    evidence, evidence_weights = weighted(EVIDENCE)
    pick_org = zipf(organisations, rng)
    instruments = list(Instrument.objects.published())
    progress = Progress(count, "instruments")
    for start in range(0, count, BATCH):
        batch = []
        for n in range(start, min(start + BATCH, count)):
            fields, has_english = _translated(
                text,
                rng,
                0.7,
                [("summary", 2), ("purpose", 3), ("eligible_activities", 3), ("conditions", 2)],
            )
            grant_min = rng.choice([None, 50_000, 100_000, 500_000])
            batch.append(
                Instrument(
                    slug=f"{PREFIX}instrument-{n}",
                    title_cs=f"{text.title_cs()} {n}",
                    title_en=f"{text.title_en()} {n}" if has_english else "",
                    **fields,
                    **_status_fields(rng, lambda: rng.choices(statuses, status_weights), now),
                    kind=rng.choice(kinds),
                    level=rng.choice(levels),
                    administrator=pick_org()[0],
                    funding_source=rng.choice(list(FundingSource.values)),
                    eligible_applicants=rng.sample(list(ApplicantType.values), rng.randint(1, 4)),
                    grant_min=grant_min,
                    grant_max=grant_min * 10 if grant_min else None,
                    allocation=rng.choice([None, 10_000_000, 250_000_000]),
                    currency=Currency.CZK,
                    call_frequency=rng.choice(list(CallFrequency.values)),
                    call_status=rng.choice(list(CallStatus.values)),
                    next_deadline=date.today() + timedelta(days=rng.randint(-400, 400))
                    if rng.random() < 0.4
                    else None,
                    valid_from=rng.randint(2010, 2024),
                    evidence_level=rng.choices(evidence, evidence_weights)[0],
                )
            )
        batch = Instrument.objects.bulk_create(batch)
        _link_vocabularies(Instrument, batch, rng, *vocabularies)
        instruments += [entry for entry in batch if entry.status == Status.PUBLISHED]
        progress.advance(len(batch))
    return instruments


def generate_projects(size, rng, text, organisations, instruments, vocabularies, now):
    statuses, status_weights = weighted(STATUSES)
    evidence, evidence_weights = weighted(EVIDENCE)
    pick_org = zipf(organisations, rng)
    pick_instrument = zipf(instruments, rng)
    roles = list(Partnership.Role.values)
    progress = Progress(size, "projects")
    projects = []
    for start in range(0, size, BATCH):
        batch = []
        for n in range(start, min(start + BATCH, size)):
            fields, has_english = _translated(
                text,
                rng,
                0.75,
                [
                    ("summary", 2),
                    ("objectives", 2),
                    ("activities", 3),
                    ("results", 2),
                    ("evaluation", 1),
                    ("lessons", 1),
                ],
            )
            start_year = rng.randint(2005, 2025)
            ongoing = start_year >= 2023 and rng.random() < 0.5
            batch.append(
                Project(
                    slug=f"{PREFIX}project-{n}",
                    title_cs=f"{text.title_cs()} {n}",
                    title_en=f"{text.title_en()} {n}" if has_english else "",
                    **fields,
                    **_status_fields(rng, lambda: rng.choices(statuses, status_weights), now),
                    lead_organisation=pick_org()[0] if rng.random() < 0.95 else None,
                    start_year=start_year,
                    end_year=None if ongoing else min(start_year + rng.randint(0, 4), 2100),
                    ongoing=ongoing,
                    evidence_level=rng.choices(evidence, evidence_weights)[0],
                    is_good_practice=rng.random() < 0.05,
                    contact_function_cs="koordinátor projektu",
                )
            )
        batch = Project.objects.bulk_create(batch)
        _link_vocabularies(Project, batch, rng, *vocabularies)
        partnerships, funding, figures = [], [], []
        for project in batch:
            partners = {pick_org()[0] for _ in range(rng.randint(0, 3))}
            partners.discard(project.lead_organisation)
            partnerships += [
                Partnership(project=project, organisation=org, role=rng.choice(roles))
                for org in partners
            ]
            for _ in range(rng.randint(1, 2)):
                funding.append(
                    FundingLine(
                        project=project,
                        instrument=pick_instrument()[0] if instruments else None,
                        amount=rng.randint(1, 500) * 10_000,
                        currency=Currency.CZK,
                        year=project.start_year,
                    )
                )
            figures += [
                KeyFigure(
                    project=project,
                    label_cs="účastníků",
                    label_en="participants",
                    value=rng.randint(5, 900),
                    unit="",
                    position=position,
                )
                for position in range(rng.randint(0, 3))
            ]
        Partnership.objects.bulk_create(partnerships, batch_size=5000)
        FundingLine.objects.bulk_create(funding, batch_size=5000)
        KeyFigure.objects.bulk_create(figures, batch_size=5000)
        projects += [project for project in batch if project.status == Status.PUBLISHED]
        progress.advance(len(batch))
    return projects


def generate_strategies(size, rng, text, instruments, projects, vocabularies, now):
    count = max(size // 1000, 5)
    scenarios = Scenario.objects.bulk_create(
        Scenario(
            slug=f"{PREFIX}scenario-{n}",
            title_cs=f"{text.title_cs()} {n}",
            title_en=f"{text.title_en()} {n}",
            situation_cs=text.cs(3),
            situation_en=text.en(3),
            warning_signs_cs=text.cs(2),
            position=100 + n,
        )
        for n in range(count)
    )
    strategies = []
    for scenario in scenarios:
        for place_kind in PlaceKind.values:
            fields, has_english = _translated(
                text, rng, 0.8, [("summary", 2), ("goals", 3), ("key_actors", 2), ("risks", 2)]
            )
            strategies.append(
                Strategy(
                    slug=f"{PREFIX}strategy-{scenario.pk}-{place_kind}",
                    title_cs=text.title_cs(),
                    title_en=text.title_en() if has_english else "",
                    **fields,
                    status=Status.PUBLISHED,
                    published_at=now - timedelta(days=rng.randint(0, 900)),
                    scenario=scenario,
                    place_kind=place_kind,
                )
            )
    strategies = Strategy.objects.bulk_create(strategies)
    _link_vocabularies(Strategy, strategies, rng, *vocabularies)
    phases = list(Step.Phase.values)
    steps = Step.objects.bulk_create(
        Step(
            strategy=strategy,
            phase=phases[position // 2 % len(phases)],
            position=position,
            title_cs=text.title_cs(),
            title_en=text.title_en(),
            description_cs=text.cs(2),
            responsible_cs="starosta obce",
            responsible_en="the mayor",
        )
        for strategy in strategies
        for position in range(8)
    )
    Step.instruments.through.objects.bulk_create(
        [
            Step.instruments.through(step=step, instrument=instrument)
            for step in steps
            for instrument in set(rng.sample(instruments, min(2, len(instruments))))
        ],
        ignore_conflicts=True,
    )
    Step.projects.through.objects.bulk_create(
        [
            Step.projects.through(step=step, project=project)
            for step in steps
            for project in set(rng.sample(projects, min(2, len(projects))))
        ],
        ignore_conflicts=True,
    )
    sys.stderr.write(f"  strategies   {len(strategies)} for {len(scenarios)} scenarios\n")


def generate(size: int, seed: int = 16) -> None:
    """Add a generated catalogue of ``size`` projects to the database."""
    rng = random.Random(seed)
    text = Text(rng)
    now = timezone.now()
    with translation.override("cs"), transaction.atomic():
        places, organisations, sources = generate_taxonomy(size, rng, text)
        vocabularies = (
            list(Theme.objects.all()),
            list(TargetGroup.objects.all()),
            places,
            sources,
        )
        instruments = generate_instruments(size, rng, text, organisations, vocabularies, now)
        projects = generate_projects(size, rng, text, organisations, instruments, vocabularies, now)
        generate_strategies(size, rng, text, instruments, projects, vocabularies, now)
        # Now that the links and rows exist: every search document again, with them, and
        # the vocabulary that typo correction reads.
        started = time.monotonic()
        search.rebuild_all(
            progress=lambda count: sys.stderr.write(
                f"\r  search       {count:>7} documents  {time.monotonic() - started:6.1f} s"
            )
        )
        sys.stderr.write("\n")


def generated_count() -> int:
    return Project.objects.filter(slug__startswith=f"{PREFIX}project-").count()
