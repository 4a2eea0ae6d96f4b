"""Who is served and who is not: published entries counted by target group and theme.

The counts come from the catalogues' own FilterSets, bound with the same
parameters as the list each cell links to, so a number on the map is the
count of that list. Every count of a request comes from one aggregated
query: each catalogue's filtered rows are found once, then one ``UNION ALL``
counts per-cell, per-group, per-theme and per-catalogue totals over the
many-to-many tables joined on the entry ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django import forms
from django.db import connections
from django.db.models import BooleanField, ExpressionWrapper, F, Q
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from catalogue import registry
from catalogue.collation import sort_key_expression
from catalogue.languages import localized_expression
from catalogue.listing import YearField, filterset_class, m2m_columns
from catalogue.models import EvidenceLevel, evidence_rank
from instruments.models import Level
from taxonomy.models import Place, TargetGroup, Theme

ALL = "all"
# Evidence levels from weakest to strongest; "evaluated" means anything above the first.
EVIDENCE_ORDER = list(EvidenceLevel.values)
NOT_EVALUATED = EvidenceLevel.NOT_EVALUATED
SORTS = (
    ("order", pgettext_lazy("sort", "Usual order")),
    ("least", _("Least covered first")),
    ("most", _("Most covered first")),
)


def coverage_catalogues() -> list:
    """The catalogues whose entries carry an evidence level (projects, instruments)."""
    result = []
    for entry in registry.catalogues():
        names = {f.name for f in entry.model._meta.get_fields()}
        if {"evidence_level", "themes", "target_groups"} <= names:
            result.append(entry)
    return result


def _catalogue_choices():
    return [(ALL, _("Projects and instruments"))] + [
        (entry.key, entry.model._meta.verbose_name_plural.capitalize())
        for entry in coverage_catalogues()
    ]


class CoverageForm(forms.Form):
    """The map's filters; a value that does not validate is dropped with a message."""

    catalogue = forms.ChoiceField(label=_("Catalogue"), choices=_catalogue_choices, required=False)
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Place.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("All of the Czech Republic and abroad"),
        help_text=_("A region includes its municipalities and city districts."),
    )
    level = forms.ChoiceField(
        label=_("Level (instruments)"),
        choices=[("", _("Any level"))] + list(Level.choices),
        required=False,
    )
    year_from = YearField(label=_("From (year)"), required=False)
    year_to = YearField(label=_("Until (year)"), required=False)
    rows = forms.ChoiceField(label=_("Order of target groups"), choices=SORTS, required=False)
    columns = forms.ChoiceField(label=_("Order of themes"), choices=SORTS, required=False)

    # The parameters passed on to the catalogue lists, by name.
    list_parameters = ("region", "level", "year_from", "year_to")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language = get_language() or "cs"
        self.fields["region"].queryset = Place.objects.filter(kind=Place.Kind.REGION).order_by(
            sort_key_expression(localized_expression("name", language), language)
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("year_from"), data.get("year_to")
        if start and end and start > end:
            self.add_error("year_to", _("The end year is before the start year."))
        return data


def bind_form(params: QueryDict) -> tuple[CoverageForm, list[str]]:
    """The validated form; invalid fields are dropped and reported."""
    known = QueryDict(mutable=True)
    for name in CoverageForm.base_fields:
        values = [value for value in params.getlist(name) if value.strip()][:1]
        if values and len(values[0]) <= 200 and "\x00" not in values[0]:
            known.setlist(name, values)
    form = CoverageForm(known)
    errors = []
    if not form.is_valid():
        for name, messages in form.errors.items():
            label = form.fields[name].label if name in form.fields else ""
            errors.extend(f"{label}: {message}" if label else message for message in messages)
            known.pop(name, None)
        form = CoverageForm(known)
        form.is_valid()
        if form.errors:  # valid alone, not together: start afresh
            form = CoverageForm(QueryDict())
            form.is_valid()
    return form, errors


# ---------------------------------------------------------------------------
# The figures


@dataclass
class Count_:
    """One catalogue's entries in one cell, group, theme or the whole map."""

    catalogue: str
    count: int = 0
    evaluated: int = 0
    best: str = ""  # the best evidence level among them, "" when there is none
    url: str = ""

    @property
    def best_label(self) -> str:
        return str(EvidenceLevel(self.best).label) if self.best else ""

    @property
    def phrase(self) -> str:
        """ "3 projects", "1 instrument" in the language of the page."""
        return count_phrase(self.catalogue, self.count)

    @property
    def name(self) -> str:
        return str(registry.catalogue(self.catalogue).model._meta.verbose_name_plural)

    @property
    def short(self) -> str:
        spec = registry.catalogue(self.catalogue)
        return str(spec.phrase("short", default=self.catalogue[:1].upper()))


def count_phrase(catalogue: str, count: int) -> str:
    """ "3 projects": the catalogue's own phrase ("count"), or the number and its plural name."""
    spec = registry.catalogue(catalogue)
    return spec.phrase("count", count) or f"{count} {spec.model._meta.verbose_name_plural}"


def has_filter(catalogue: str, name: str) -> bool:
    """True when the list of ``catalogue`` has the filter ``name`` (only instruments have a level)."""
    return name in filterset_class(catalogue).base_filters


@dataclass
class Cell:
    group: TargetGroup | None
    theme: Theme | None
    counts: list[Count_]

    @property
    def total(self) -> int:
        return sum(item.count for item in self.counts)

    @property
    def evaluated(self) -> int:
        return sum(item.evaluated for item in self.counts)

    @property
    def best(self) -> str:
        levels = [item.best for item in self.counts if item.best]
        return max(levels, key=EVIDENCE_ORDER.index) if levels else ""

    @property
    def best_label(self) -> str:
        return str(EvidenceLevel(self.best).label) if self.best else ""

    @property
    def coverage_gap(self) -> bool:
        return self.total == 0

    @property
    def evidence_gap(self) -> bool:
        return self.total > 0 and self.evaluated == 0

    @property
    def state(self) -> str:
        if self.coverage_gap:
            return "coverage-gap"
        if self.evidence_gap:
            return "evidence-gap"
        return "covered"

    def count_for(self, catalogue: str) -> Count_ | None:
        return next((item for item in self.counts if item.catalogue == catalogue), None)


@dataclass
class Line:
    """A row (target group) or a column (theme) of the map with its totals."""

    item: TargetGroup | Theme
    total: Cell
    cells: list[Cell] = field(default_factory=list)

    @property
    def covered(self) -> int:
        return sum(1 for cell in self.cells if not cell.coverage_gap)

    @property
    def evaluated_cells(self) -> int:
        return sum(1 for cell in self.cells if cell.evaluated)

    def other(self, cell: Cell):
        """The item of the other axis in a cell of this line (the theme of a group's cell)."""
        return cell.theme if isinstance(self.item, TargetGroup) else cell.group

    @property
    def coverage_gaps(self) -> list[tuple]:
        return [(self.other(cell), cell) for cell in self.cells if cell.coverage_gap]

    @property
    def evidence_gaps(self) -> list[tuple]:
        return [(self.other(cell), cell) for cell in self.cells if cell.evidence_gap]


@dataclass
class Coverage:
    form: CoverageForm
    errors: list[str]
    catalogues: list  # registry entries shown
    rows: list[Line]  # target groups, each with its cells in column order
    columns: list[Line]  # themes
    total: Cell
    notes: list[str] = field(default_factory=list)

    @property
    def gaps(self) -> int:
        return sum(1 for row in self.rows for cell in row.cells if cell.coverage_gap)

    @property
    def evidence_gaps(self) -> int:
        return sum(1 for row in self.rows for cell in row.cells if cell.evidence_gap)

    def querystring(self, **overrides) -> str:
        params = QueryDict(mutable=True)
        data = {**self.form.cleaned_data, **overrides}
        for name in CoverageForm.base_fields:
            value = data.get(name)
            if value in (None, ""):
                continue
            params[name] = value.slug if isinstance(value, Place) else str(value)
        return params.urlencode()


def list_params(form: CoverageForm, catalogue: str) -> QueryDict:
    """The filters of the map as parameters of one catalogue's list."""
    params = QueryDict(mutable=True)
    data = form.cleaned_data
    for name in form.list_parameters:
        if not has_filter(catalogue, name):
            continue
        value = data.get(name)
        if value in (None, ""):
            continue
        params[name] = value.slug if isinstance(value, Place) else str(value)
    return params


def filtered_queryset(request, catalogue: str, params: QueryDict):
    """The published rows of one catalogue's list for these parameters, unordered."""
    cls = filterset_class(catalogue)
    filterset = cls(params, queryset=cls.base_queryset(), request=request)
    filterset.is_valid()
    return filterset.qs.order_by()


def _entries_sql(queryset) -> tuple[str, list]:
    """SQL of the filtered rows as (id, rank, evaluated), each entry once."""
    rows = queryset.annotate(
        _id=F("pk"),
        _rank=evidence_rank(),
        _evaluated=ExpressionWrapper(~Q(evidence_level=NOT_EVALUATED), BooleanField()),
    ).values("_id", "_rank", "_evaluated")
    if len(rows.query.alias_map) > 1:  # a join could repeat an entry
        rows = rows.distinct()
    sql, params = rows.query.sql_with_params()
    return sql, list(params)


def aggregate_sql(querysets: dict) -> tuple[str, list]:
    """Counts per (theme, group), per group, per theme and per catalogue, as one query.

    Each catalogue's filtered rows are found once (a materialised CTE of ids, evidence
    ranks and whether evaluated) and counted over the many-to-many tables joined on the
    entry id. An entry has a theme and a group at most once, so plain counts over these
    joins count each entry once, as the lists do.
    """
    ctes, parts, params, part_params = [], [], [], []
    figures = "COUNT(*), COUNT(*) FILTER (WHERE e._evaluated), MAX(e._rank)"
    for index, (catalogue, queryset) in enumerate(querysets.items()):
        name, grouped = f"entries_{index}", f"grouped_{index}"
        sql, cte_params = _entries_sql(queryset)
        model = queryset.model
        themes, theme_entry, theme_id = m2m_columns(model, "themes")
        groups, group_entry, group_id = m2m_columns(model, "target_groups")
        qn = connections[queryset.db].ops.quote_name
        ctes.append(f"{name} AS MATERIALIZED ({sql})")
        # Each entry once per target group, for the groups' totals and the cells.
        ctes.append(
            f"{grouped} AS MATERIALIZED (SELECT e._id, e._rank, e._evaluated, "
            f"g.{qn(group_id)} AS _group FROM {name} e "
            f"JOIN {qn(groups)} g ON g.{qn(group_entry)} = e._id)"
        )
        params.extend(cte_params)
        theme_join = f"JOIN {qn(themes)} t ON t.{qn(theme_entry)} = e._id"
        for kind, select, source, group_by in (
            ("tg", f"t.{qn(theme_id)}, e._group", f"{grouped} e {theme_join}", "2, 3"),
            ("g", "NULL::integer, e._group", f"{grouped} e", "3"),
            ("t", f"t.{qn(theme_id)}, NULL::integer", f"{name} e {theme_join}", "2"),
            ("", "NULL::integer, NULL::integer", f"{name} e", ""),
        ):
            parts.append(
                f"SELECT %s, {select}, %s, {figures} FROM {source}"
                + (f" GROUP BY {group_by}" if group_by else "")
            )
            part_params.extend([kind, catalogue])
    sql = f"WITH {', '.join(ctes)} " + " UNION ALL ".join(parts)
    return sql, params + part_params


def aggregate_rows(querysets: dict) -> list[dict]:
    """Counts per (theme, group), per group, per theme and per catalogue: one query."""
    if not querysets:
        return []
    sql, params = aggregate_sql(querysets)
    names = ("_kind", "_theme", "_group", "_catalogue", "_count", "_evaluated", "_best")
    database = next(iter(querysets.values())).db
    with connections[database].cursor() as cursor:
        cursor.execute(sql, params)
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def list_url(catalogue: str, params: QueryDict, **extra) -> str:
    query = params.copy()
    for name, value in extra.items():
        query[name] = value
    encoded = query.urlencode()
    url = reverse(f"{catalogue}:list")
    return f"{url}?{encoded}" if encoded else url


def build_coverage(request, params: QueryDict | None = None) -> Coverage:
    form, errors = bind_form(request.GET if params is None else params)
    data = form.cleaned_data
    chosen = data.get("catalogue") or ALL
    shown = [entry for entry in coverage_catalogues() if chosen in (ALL, entry.key)]
    notes = []
    if data.get("level") and not any(has_filter(entry.key, "level") for entry in shown):
        notes.append(str(_("Only instruments have a level; the level filter was not applied.")))
    elif data.get("level") and len(shown) > 1:
        notes.append(str(_("Only instruments have a level: the project counts ignore it.")))

    per_catalogue = {entry.key: list_params(form, entry.key) for entry in shown}
    querysets = {
        key: filtered_queryset(request, key, params) for key, params in per_catalogue.items()
    }
    groups = list(TargetGroup.objects.order_by("position", "slug"))
    themes = list(Theme.objects.order_by("position", "slug"))
    figures = {}
    for row in aggregate_rows(querysets):
        best = row["_best"]
        figures[(row["_kind"], row["_catalogue"], row["_theme"], row["_group"])] = (
            row["_count"],
            row["_evaluated"],
            EVIDENCE_ORDER[best] if best is not None and row["_count"] else "",
        )

    def cell(group, theme) -> Cell:
        kind = ("t" if theme else "") + ("g" if group else "")
        counts = []
        for entry in shown:
            count, evaluated, best = figures.get(
                (kind, entry.key, theme.pk if theme else None, group.pk if group else None),
                (0, 0, ""),
            )
            extra = {}
            if theme:
                extra["theme"] = theme.slug
            if group:
                extra["target_group"] = group.slug
            url = list_url(entry.key, per_catalogue[entry.key], **extra)
            counts.append(Count_(entry.key, count, evaluated, best, url))
        return Cell(group, theme, counts)

    columns = [Line(theme, cell(None, theme)) for theme in themes]
    rows = []
    for group in groups:
        line = Line(group, cell(group, None))
        line.cells = [cell(group, theme) for theme in themes]
        rows.append(line)
    for index, column in enumerate(columns):
        column.cells = [row.cells[index] for row in rows]

    _sort(columns, data.get("columns") or "order")
    order = {column.item.pk: index for index, column in enumerate(columns)}
    for row in rows:
        row.cells.sort(key=lambda item: order[item.theme.pk])
    _sort(rows, data.get("rows") or "order")
    return Coverage(
        form=form,
        errors=errors,
        catalogues=shown,
        rows=rows,
        columns=columns,
        total=cell(None, None),
        notes=notes,
    )


def _sort(lines: list[Line], how: str) -> None:
    if how == "least":
        lines.sort(key=lambda line: (line.covered, line.evaluated_cells, line.total.total))
    elif how == "most":
        lines.sort(key=lambda line: (-line.covered, -line.evaluated_cells, -line.total.total))


# ---------------------------------------------------------------------------
# Plain-language lines for the neglected groups and themes


def _catalogue_phrase(key: str, count: int, evaluated: int) -> str:
    """ "no project", "3 projects, none evaluated": the catalogue's own phrase ("coverage")."""
    return str(
        registry.catalogue(key).phrase("coverage", count, evaluated) or count_phrase(key, count)
    )


def plain_parts(line: Line) -> list[tuple[str, str]]:
    """Each catalogue's phrase with the list it counts: ("1 project, none evaluated", url)."""
    return [
        (_catalogue_phrase(item.catalogue, item.count, item.evaluated), item.url)
        for item in line.total.counts
    ]


def plain_line(line: Line) -> str:
    """E.g. "Seniors: 1 project, none evaluated; no instrument"."""
    return f"{line.item.name}: {'; '.join(text for text, _url in plain_parts(line))}"


def neglected(lines: list[Line]) -> list[Line]:
    """Lines from the least served: fewest evaluated entries, then fewest entries, then fewest cells."""
    return sorted(lines, key=lambda line: (line.total.evaluated, line.total.total, line.covered))


# ---------------------------------------------------------------------------
# Pages and downloads


def export_rows(coverage: Coverage, absolute) -> list[list]:
    """One row per target group, theme and catalogue (the long format researchers load)."""
    rows = []
    for row in coverage.rows:
        for cell in row.cells:
            for item in cell.counts:
                rows.append(
                    [
                        row.item.name,
                        cell.theme.name,
                        str(registry.catalogue(item.catalogue).model._meta.verbose_name_plural),
                        item.count,
                        item.evaluated,
                        item.best_label,
                        gap_label(cell),
                        absolute(item.url),
                    ]
                )
    return rows


def gap_label(cell: Cell) -> str:
    if cell.coverage_gap:
        return str(_("Coverage gap"))
    if cell.evidence_gap:
        return str(_("Evidence gap"))
    return ""


def export_headers() -> list[str]:
    return [
        str(_("Target group")),
        str(_("Theme")),
        str(_("Catalogue")),
        str(_("Entries")),
        str(_("Evaluated")),
        str(_("Best evidence")),
        str(_("Gap")),
        str(_("List")),
    ]
