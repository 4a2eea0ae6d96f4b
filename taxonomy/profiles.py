"""A place in figures: its entries, their evidence, their funding and their coverage.

A place includes the places below it (a region holds its municipalities and
their districts), as the region filter of the lists does. The catalogues are looked
up in the registry by the part they play ("practice": the projects, "funding": the
instruments, "situations": the strategies): taxonomy imports no catalogue app.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import F, Q
from django.urls import reverse

from catalogue import registry
from catalogue.listing import m2m_columns
from catalogue.models import EvidenceLevel
from taxonomy.models import Place, TargetGroup, Theme

# Strategies written for the kinds of place a strategy can be for.
STRATEGY_KINDS = {
    Place.Kind.REGION: ["region"],
    Place.Kind.MUNICIPALITY: ["small_municipality", "city"],
    Place.Kind.DISTRICT: ["city_district", "city"],
}
# Who applies for an instrument on behalf of a kind of place.
APPLICANTS = {
    Place.Kind.REGION: ["region", "municipality"],
    Place.Kind.MUNICIPALITY: ["municipality"],
    Place.Kind.DISTRICT: ["city_district"],
}
CHART_WIDTH = 320  # the width of the longest bar, in SVG user units
INSTRUMENTS_SHOWN = 12


@dataclass
class Bar:
    label: str
    value: Decimal | int
    width: int = 0  # in SVG units, proportional to the largest value
    y: int = 0  # the bar's top edge in the chart
    css: str = ""


def bars(items: list[tuple[str, Decimal | int, str]], row_height: int = 28) -> list[Bar]:
    """Bars for a horizontal bar chart drawn with SVG attributes only (no inline style)."""
    largest = max((value for _label, value, _css in items), default=0) or 1
    result = []
    for index, (label, value, css) in enumerate(items):
        width = round(CHART_WIDTH * float(value) / float(largest)) if value else 0
        result.append(Bar(label, value, width, index * row_height, css))
    return result


@dataclass
class Profile:
    place: Place
    counts: list[tuple[str, int, str]] = field(default_factory=list)  # label, count, list url
    evidence: list[Bar] = field(default_factory=list)
    funding_years: list[Bar] = field(default_factory=list)
    funding_table: list[tuple[str, list]] = field(default_factory=list)  # source, amounts by year
    funding_year_labels: list[int] = field(default_factory=list)
    funding_currency: str = "CZK"
    funding_other: list[tuple[str, Decimal]] = field(default_factory=list)  # other currencies
    covered_pairs: int = 0
    all_pairs: int = 0
    uncovered_groups: list = field(default_factory=list)  # groups with no entry at all
    unevaluated_groups: list = field(default_factory=list)  # groups with entries, none evaluated
    coverage_url: str = ""
    instruments: list = field(default_factory=list)
    instruments_url: str = ""
    strategies: list = field(default_factory=list)
    strategies_url: str = ""

    @property
    def chart_height(self) -> int:
        return max(len(self.evidence), 1) * 28

    @property
    def funding_chart_height(self) -> int:
        return max(len(self.funding_years), 1) * 28


def region_of(place: Place) -> Place | None:
    current = place
    while current is not None and current.kind != Place.Kind.REGION:
        current = current.parent
    return current


def _published_in(model, place_ids):
    return model.objects.published().filter(
        pk__in=model.objects.filter(places__in=place_ids).values("pk")
    )


def build_profile(place: Place, place_ids: set[int] | None = None) -> Profile:
    """The figures of ``place``; ``place_ids`` (it and the places below it) when already known."""
    practice = registry.provider("practice")
    funding = registry.provider("funding")
    situations = registry.provider("situations")
    Instrument = funding.model
    FundingLine = registry.model("funding_line")
    if place_ids is None:
        place_ids = Place.objects.with_descendants([place])
    profile = Profile(place=place)
    region = region_of(place)
    query = f"?region={region.slug}" if region is not None and region == place else ""

    projects = _published_in(practice.model, place_ids)
    project_rows = list(projects.values_list("pk", "evidence_level"))
    # The entries of each catalogue with a "place" phrase, each count linking to its list
    # filtered by the region where the list has that filter.
    for catalogue in registry.catalogues():
        if "place" not in catalogue.phrases:
            continue
        if catalogue is practice:
            count = len(project_rows)
        else:
            count = _published_in(catalogue.model, place_ids).count()
        filters = catalogue.filterset_class().base_filters
        url = f"{reverse(catalogue.list_url_name)}{query}" if query and "region" in filters else ""
        profile.counts.append((catalogue.phrase("place"), count, url))

    per_level = defaultdict(int)
    for _pk, level in project_rows:
        per_level[level] += 1
    profile.evidence = bars(
        [
            (str(label), per_level.get(level, 0), f"bar-evidence-{level}")
            for level, label in EvidenceLevel.choices
        ]
    )

    # Funding: the funding lines of the place's projects, by funding source and year.
    lines = FundingLine.objects.filter(project__in=projects, amount__isnull=False).values_list(
        "year", "currency", "amount", "instrument__funding_source"
    )
    by_source_year: dict[str, dict] = defaultdict(lambda: defaultdict(Decimal))
    by_year: dict = defaultdict(Decimal)
    other = defaultdict(Decimal)
    FundingSource = Instrument._meta.get_field("funding_source").choices
    source_labels = dict(FundingSource)
    for year, currency, amount, source in lines:
        if currency != profile.funding_currency:
            other[currency] += amount
            continue
        label = str(source_labels.get(source, "")) or _unknown_source()
        by_source_year[label][year] += amount
        by_year[year] += amount
    years = sorted(by_year, key=lambda y: (y is None, y or 0))
    profile.funding_year_labels = years
    profile.funding_years = bars(
        [(str(year) if year else _no_year(), by_year[year], "bar-funding") for year in years]
    )
    profile.funding_table = [
        (label, [by_source_year[label].get(year) for year in years])
        for label in sorted(by_source_year)
    ]
    profile.funding_other = sorted(other.items())

    # Coverage: target group × theme pairs with at least one project or instrument here.
    pairs, evaluated_groups, groups_seen = set(), set(), set()
    for model in (catalogue.model for catalogue in registry.providers("coverage")):
        queryset = _published_in(model, place_ids)
        rows = (
            model.objects.filter(pk__in=queryset.values("pk"))
            .filter(themes__isnull=False, target_groups__isnull=False)
            .values_list("target_groups", "themes", "evidence_level")
            .distinct()
        )
        for group, theme, level in rows:
            pairs.add((group, theme))
            groups_seen.add(group)
            if level != EvidenceLevel.NOT_EVALUATED:
                evaluated_groups.add(group)
    groups = list(TargetGroup.objects.order_by("position", "slug"))
    theme_count = Theme.objects.count()
    profile.all_pairs = len(groups) * theme_count
    profile.covered_pairs = len(pairs)
    profile.uncovered_groups = [group for group in groups if group.pk not in groups_seen]
    profile.unevaluated_groups = [
        group for group in groups if group.pk in groups_seen and group.pk not in evaluated_groups
    ]
    if region is not None:
        profile.coverage_url = f"{reverse('coverage')}?region={region.slug}"

    # Instruments its municipalities (or the region itself) may apply for: EU and national
    # ones, and those tied to this place or the places above it.
    applicants = APPLICANTS.get(place.kind, ["municipality"])
    above = [place.pk, *([p.pk for p in _ancestors(place)])]
    eligible = Q()
    for applicant in applicants:
        eligible |= Q(eligible_applicants__contains=[applicant])
    usable = (
        Instrument.objects.published()
        .filter(eligible)
        .filter(
            Q(level__in=["eu", "national"])
            | Q(pk__in=Instrument.objects.filter(places__in=above).values("pk"))
        )
        .order_by("title")
    )
    profile.instruments = list(usable[:INSTRUMENTS_SHOWN])
    profile.instruments_url = f"{reverse(funding.list_url_name)}?" + "&".join(
        f"applicant={applicant}" for applicant in applicants
    )

    kinds = STRATEGY_KINDS.get(place.kind, [])
    profile.strategies = list(
        situations.model.objects.published().filter(place_kind__in=kinds).order_by("title")
    )
    profile.strategies_url = f"{reverse(situations.list_url_name)}?" + "&".join(
        f"place_kind={kind}" for kind in kinds
    )
    return profile


def _ancestors(place):
    chain, current = [], place.parent
    while current is not None:
        chain.append(current)
        current = current.parent
    return chain


def _unknown_source() -> str:
    from django.utils.translation import gettext

    return gettext("Source not stated")


def _no_year() -> str:
    from django.utils.translation import gettext

    return gettext("year not stated")


# ---------------------------------------------------------------------------
# The regions side by side


@dataclass
class RegionFigures:
    region: Place
    projects: int = 0
    evaluated: int = 0
    instruments: int = 0
    pairs: int = 0
    funding: Decimal = Decimal(0)

    @property
    def projects_url(self) -> str:
        return f"{reverse(registry.provider('practice').list_url_name)}?region={self.region.slug}"

    @property
    def evaluated_url(self) -> str:
        levels = "".join(
            f"&evidence={level}"
            for level in EvidenceLevel.values
            if level != EvidenceLevel.NOT_EVALUATED
        )
        return f"{self.projects_url}{levels}"

    @property
    def instruments_url(self) -> str:
        return f"{reverse(registry.provider('funding').list_url_name)}?region={self.region.slug}"


def _sql(queryset) -> tuple[str, list]:
    sql, params = queryset.query.sql_with_params()
    return sql, list(params)


def _place_regions_sql(depth: int = 5) -> tuple[str, list]:
    """SQL of (place, region) rows: the region a place is or lies in, up to ``depth`` levels
    below it, the nearest region going up. Plain joins up the parents, so the planner
    knows how many rows each step gives."""
    qn = connection.ops.quote_name
    place = qn(Place._meta.db_table)
    joins = "".join(
        f" LEFT JOIN {place} p{level} ON p{level}.id = p{level - 1}.parent_id"
        for level in range(1, depth + 1)
    )
    whens = " ".join(f"WHEN p{level}.kind = %s THEN p{level}.id" for level in range(depth + 1))
    sql = (
        f"SELECT place_region.id, place_region.region FROM (SELECT p0.id, CASE {whens} END "
        f"AS region FROM {place} p0{joins}) AS place_region WHERE place_region.region IS NOT NULL"
    )
    return sql, [Place.Kind.REGION] * (depth + 1)


def regions_sql(project_model, instrument_model, funding_model) -> tuple[str, list]:
    """One query of (region, projects, evaluated, instruments, pairs, funding) rows.

    An entry belongs to a region when one of its places is the region or lies below
    it (the nearest region up from the place, at most five levels up). Each catalogue's
    published entries are read once, into (entry, region) pairs that the figures count.
    """
    qn = connection.ops.quote_name
    place = qn(Place._meta.db_table)
    parts: list[str] = []
    params: list = []

    def add(sql: str, *found) -> None:
        parts.append(sql)
        params.extend(found)

    def in_regions(model, name, evaluated: bool) -> None:
        table, entry, value = m2m_columns(model, "places")
        fields = {"entry": F("pk")}
        if evaluated:
            fields["level"] = F("evidence_level")
        # Named columns: values() may put them in another order than asked.
        published = model.objects.published().order_by().annotate(**fields).values(*fields)
        published_sql, published_params = _sql(published)
        regions_sql, regions_params = _place_regions_sql()
        flag = ", e.level IS DISTINCT FROM %s AS evaluated" if evaluated else ""
        add(
            f"{name} AS MATERIALIZED (SELECT DISTINCT link.{qn(entry)} AS id, "
            f"place_region.region{flag} FROM {qn(table)} link "
            f"JOIN ({regions_sql}) AS place_region ON place_region.id = link.{qn(value)} "
            f"JOIN ({published_sql}) AS e ON e.entry = link.{qn(entry)})",
            *([EvidenceLevel.NOT_EVALUATED] if evaluated else []),
            *regions_params,
            *published_params,
        )

    def pairs(model, name):
        themes, theme_entry, theme = m2m_columns(model, "themes")
        groups, group_entry, group = m2m_columns(model, "target_groups")
        return (
            f"SELECT r.region, t.{qn(theme)} AS theme, g.{qn(group)} AS target_group "
            f"FROM {name} r "
            f"JOIN {qn(themes)} t ON t.{qn(theme_entry)} = r.id "
            f"JOIN {qn(groups)} g ON g.{qn(group_entry)} = r.id"
        )

    in_regions(project_model, "project_regions", evaluated=True)
    in_regions(instrument_model, "instrument_regions", evaluated=False)
    funding = qn(funding_model._meta.db_table)
    funded = qn(funding_model._meta.get_field("project").column)
    add(
        "projects AS (SELECT region, COUNT(*) AS projects, COUNT(*) FILTER (WHERE evaluated) "
        "AS evaluated FROM project_regions GROUP BY region)"
    )
    add(
        "instruments AS (SELECT region, COUNT(*) AS instruments FROM instrument_regions "
        "GROUP BY region)"
    )
    add(
        f"pairs AS (SELECT region, COUNT(*) AS pairs FROM ({pairs(project_model, 'project_regions')} "
        f"UNION {pairs(instrument_model, 'instrument_regions')}) AS pair GROUP BY region)"
    )
    add(
        f"funding AS (SELECT r.region, SUM(f.amount) AS funding FROM {funding} f "
        f"JOIN project_regions r ON r.id = f.{funded} "
        "WHERE f.amount IS NOT NULL AND f.currency = %s GROUP BY r.region)",
        "CZK",
    )
    sql = (
        f"WITH {', '.join(parts)} "
        "SELECT region.id, COALESCE(projects.projects, 0), COALESCE(projects.evaluated, 0), "
        "COALESCE(instruments.instruments, 0), COALESCE(pairs.pairs, 0), funding.funding "
        f"FROM {place} region "
        "LEFT JOIN projects ON projects.region = region.id "
        "LEFT JOIN instruments ON instruments.region = region.id "
        "LEFT JOIN pairs ON pairs.region = region.id "
        "LEFT JOIN funding ON funding.region = region.id "
        "WHERE region.kind = %s"
    )
    return sql, [*params, Place.Kind.REGION]


def regions_overview() -> tuple[list[RegionFigures], int]:
    """The same figures for every region, from a fixed number of queries."""
    sql, params = regions_sql(
        registry.provider("practice").model,
        registry.provider("funding").model,
        registry.model("funding_line"),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = {row[0]: row[1:] for row in cursor.fetchall()}
    figures = []
    for region in Place.objects.filter(kind=Place.Kind.REGION):
        projects, evaluated, instruments, pairs, funding = rows.get(region.pk, (0, 0, 0, 0, None))
        figures.append(
            RegionFigures(region, projects, evaluated, instruments, pairs, funding or Decimal(0))
        )
    all_pairs = TargetGroup.objects.count() * Theme.objects.count()
    return figures, all_pairs
