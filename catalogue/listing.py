"""The filtered list behind every catalogue page, built in one place.

``list_state(request, catalogue)`` validates the query string through the
catalogue's FilterSet and returns everything a list page, its exports, its
feed and the API need: the matching published rows in the order the page
shows them, the facets with their counts, the active filters as removable
chips and the messages for values that were dropped.
"""

from __future__ import annotations

import hashlib
import operator
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import reduce

import django_filters
from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import (
    BooleanField,
    Case,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.http import QueryDict
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from catalogue import registry
from catalogue.collation import sort_key, sort_key_expression
from catalogue.content_version import content_version
from catalogue.languages import field_name, known_language, localized_expression, page_language
from catalogue.models import evidence_rank
from catalogue.search import search
from taxonomy.models import Place, TargetGroup, Theme

PAGE_SIZE = 20
MAX_VALUES_PER_KEY = 40
MAX_VALUE_LENGTH = 200
# Facets over long lists (organisations, instruments) show the values with the most entries.
MAX_FACET_VALUES = 50
# Lists page through this many rows at most (50 pages); the count and the exports hold all.
MAX_LISTED_ROWS = 1000
PAGE_PARAM = "page"
# The query parameters that choose the page, the language or the file format, never the rows.
NON_FILTER_PARAMETERS = frozenset({PAGE_PARAM, "page_size", "lang", "format", "fmt"})
# The export formats of every list: (format, label).
EXPORT_FORMATS = (("csv", "CSV"), ("xlsx", "XLSX"), ("json", "JSON"))


class _FilterSets(Mapping):
    """``FILTERSETS["projects"]`` is the FilterSet class of a registered catalogue's list."""

    def __getitem__(self, key):
        return registry.catalogue(key).filterset_class()

    def __iter__(self):
        return iter([c.key for c in registry.all_catalogues()])

    def __len__(self):
        return len(registry.all_catalogues())


FILTERSETS = _FilterSets()


def filterset_class(catalogue: str):
    return FILTERSETS[catalogue]


# ---------------------------------------------------------------------------
# Facet filters


def _plain(queryset: QuerySet) -> QuerySet:
    """The queryset unordered, and without modeltranslation's rewriting of values():
    with no positional fields it would add every language's columns to each row."""
    queryset = queryset.order_by()
    return queryset.rewrite(False) if hasattr(queryset, "rewrite") else queryset


def m2m_columns(model, name: str) -> tuple[str, str, str]:
    """(table, entry column, value column) of the many-to-many field ``name`` of ``model``."""
    relation = model._meta.get_field(name)
    return (
        relation.remote_field.through._meta.db_table,
        relation.m2m_column_name(),
        relation.m2m_reverse_name(),
    )


def _sql(queryset: QuerySet) -> tuple[str, tuple]:
    return queryset.query.get_compiler(using=queryset.db).as_sql()


def _run_counts(query: tuple[str, list] | None, using: str) -> dict[str, int]:
    """{value (as text): count} from a query of (value, count) rows."""
    if query is None:
        return {}
    sql, params = query
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        return {str(value): count for value, count in cursor.fetchall()}


def _flag(condition: Q) -> Case:
    """A column that is TRUE for the rows meeting ``condition`` and FALSE for the others
    (also when no row can meet it and Django leaves the condition out of the SQL)."""
    return Case(
        When(condition, then=Value(True)), default=Value(False), output_field=BooleanField()
    )


def _pairs_unique(model, path: str) -> bool:
    """Whether a row and a value meet at most once along ``path``: a foreign key of the row, or
    a many-to-many field whose link table Django makes (one link per pair)."""
    if "__" in path:
        return False
    field = model._meta.get_field(path)
    if field.many_to_one or field.one_to_one:
        return field.concrete
    return field.many_to_many and field.concrete and field.remote_field.through._meta.auto_created


class SubqueryCount(Subquery):
    """COUNT(*) of a correlated subquery, as one column of the outer query."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) AS _counted)"
    output_field = IntegerField()


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue]
    kind: str = "checkbox"  # "checkbox" or "range"
    open: bool = False
    fields: list = field(default_factory=list)  # bound form fields of a range facet
    truncated: bool = False  # only the values with the most entries are shown

    @property
    def selected_count(self) -> int:
        return sum(1 for value in self.values if value.selected)


class ValueFacetFilter(django_filters.MultipleChoiceFilter):
    """A facet over a fixed set of values; each value stands for a condition (a ``Q``).

    The chosen values are combined with OR; the counts of all values come from
    one aggregate query. Conditions must not join multi-valued relations (use
    ``pk__in`` subqueries) so that rows are never duplicated.
    """

    facet = True

    def __init__(self, *args, conditions=None, **kwargs):
        self.conditions = conditions or {}
        super().__init__(*args, **kwargs)

    def condition(self, value) -> Q:
        if value in self.conditions:
            return self.conditions[value]()
        return Q(**{self.field_name: value})

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(reduce(operator.or_, (self.condition(v) for v in value)))

    def choice_list(self):
        choices = self.extra.get("choices", [])
        return list(choices() if callable(choices) else choices)

    def count_query(self, entries: QuerySet) -> tuple[str, list] | None:
        """SQL of (value's index, number of ``entries`` with it) rows, one per value."""
        choices = self.choice_list()
        if not choices:
            return None
        flags = {
            f"facet_hit_{index}": _flag(self.condition(value))
            for index, (value, _) in enumerate(choices)
        }
        hits = _plain(entries).annotate(**flags).values(*flags)
        sql, params = _sql(hits)
        totals = ", ".join(
            f"COUNT(*) FILTER (WHERE hit.facet_hit_{index}) AS facet_total_{index}"
            for index in range(len(choices))
        )
        pairs = ", ".join(f"({index}, total.facet_total_{index})" for index in range(len(choices)))
        # One aggregate over the rows, turned into a (value, count) row per value.
        return (
            f"SELECT value.facet_value, value.facet_total FROM "
            f"(SELECT {totals} FROM ({sql}) AS hit) AS total "
            f"CROSS JOIN LATERAL (VALUES {pairs}) AS value(facet_value, facet_total)",
            list(params),
        )

    def values_from_counts(self, counts: Mapping[str, int], selected) -> list[FacetValue]:
        """The facet's values with their counts (``counts`` keyed by the value's index as text)."""
        selected = set(selected or ())
        return [
            FacetValue(str(value), str(label), counts.get(str(index), 0), str(value) in selected)
            for index, (value, label) in enumerate(self.choice_list())
        ]

    def facet_values(self, base: QuerySet, selected) -> list[FacetValue]:
        return self.values_from_counts(_run_counts(self.count_query(base), base.db), selected)

    def labels(self, values) -> list[tuple[str, str]]:
        names = {str(value): str(label) for value, label in self.choice_list()}
        return [(str(value), names.get(str(value), str(value))) for value in values]


@extend_schema_field(OpenApiTypes.STR)  # the API takes slugs
class ModelFacetFilter(django_filters.ModelMultipleChoiceFilter):
    """A facet whose values are rows of another model (themes, organisations, regions …), by slug.

    ``paths`` are the relations from an entry to the value (``("lead_organisation",
    "partnerships__organisation")``): an entry belongs to a value when any of them
    leads to it. Counts: one aggregated query over the (entry, value) pairs of the
    filtered entries, grouped by value, whatever the number of values or entries.
    (A facet may give ``lookup(ref)`` instead, a ``Q`` for the value ``ref``; it is
    then counted with a correlated subquery per value, which only suits short lists.)
    ``selection(objects)`` may filter the chosen values differently (a region
    includes its municipalities). A facet with more than ``MAX_FACET_VALUES``
    values shows the ones with the most entries (and every chosen one).
    """

    facet = True

    def __init__(
        self,
        *args,
        paths=(),
        lookup=None,
        selection=None,
        show_empty=False,
        sort_by_label=True,
        **kwargs,
    ):
        if not paths and lookup is None:
            raise TypeError("A ModelFacetFilter needs paths (or a lookup).")
        self.paths = tuple(paths)
        self.lookup = lookup or (
            lambda ref: reduce(operator.or_, (Q(**{path: ref}) for path in self.paths))
        )
        self.selection = selection
        self.show_empty = show_empty
        self.sort_by_label = sort_by_label
        kwargs.setdefault("to_field_name", "slug")
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        if self.selection is not None:
            # The selection may cost queries (a region's municipalities): once per request.
            key = tuple(sorted(obj.pk for obj in value))
            cache = self.__dict__.setdefault("_selection_cache", {})
            if key not in cache:
                cache[key] = self.selection(value)
            condition = cache[key]
        else:
            condition = reduce(operator.or_, (self.lookup(obj.pk) for obj in value))
        return qs.filter(pk__in=qs.model._default_manager.filter(condition).values("pk"))

    def count_query(self, entries: QuerySet) -> tuple[str, list]:
        """SQL of (value's primary key, number of ``entries`` that belong to it) rows."""
        entries = _plain(entries)
        if not self.paths:
            # A correlated count per value: only for short lists of values.
            matching = entries.filter(self.lookup(OuterRef("pk"))).values("pk").distinct()
            rows = _plain(self.get_queryset(self.parent.request).order_by())
            rows = rows.annotate(facet_count=SubqueryCount(matching)).values(
                facet_value=F("pk"), facet_total=F("facet_count")
            )
            sql, params = _sql(rows)
            return f"SELECT row.facet_value, row.facet_total FROM ({sql}) AS row", list(params)
        pairs = None
        for path in self.paths:
            # Named columns: values_list() may put them in another order than asked.
            part = entries.filter(**{f"{path}__isnull": False}).values(
                facet_entry=F("pk"), facet_value=F(path)
            )
            pairs = part if pairs is None else pairs.union(part)  # UNION drops repeated pairs
        if len(self.paths) == 1 and not _pairs_unique(entries.model, self.paths[0]):
            pairs = pairs.distinct()
        sql, params = _sql(pairs)
        return (
            f"SELECT pair.facet_value, COUNT(*) FROM ({sql}) AS pair GROUP BY pair.facet_value",
            list(params),
        )

    def counts(self, base: QuerySet) -> dict[int, int]:
        """{value's primary key: number of entries of ``base`` that belong to it}, in one query."""
        return {
            self._key(value): count
            for value, count in _run_counts(self.count_query(base), base.db).items()
        }

    def _key(self, value):
        return self.queryset.model._meta.pk.to_python(value) if self.queryset is not None else value

    def values_from_counts(self, counts: Mapping, selected) -> list[FacetValue]:
        """The facet's values with their counts (``counts`` keyed by primary key, as text or not)."""
        counts = {str(value): count for value, count in counts.items() if count}
        selected = list(selected or ())
        chosen = {obj.pk for obj in selected}
        rows = self.get_queryset(self.parent.request)
        self.truncated = False
        if not self.show_empty:
            shown = list(counts)
            # Counted over every value the pairs name (for a region facet, the places below too).
            self.truncated = len(shown) > MAX_FACET_VALUES
            if self.truncated:
                top = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
                shown = [pk for pk, _count in top[:MAX_FACET_VALUES]]
            rows = rows.filter(pk__in=[*shown, *chosen])
        found = [(obj, counts.get(str(obj.pk), 0)) for obj in rows]
        values = [FacetValue(obj.slug, str(obj), count, obj.pk in chosen) for obj, count in found]
        if self.sort_by_label:
            language = get_language()
            values.sort(key=lambda item: sort_key(item.label, language))
        return values

    def facet_values(self, base: QuerySet, selected) -> list[FacetValue]:
        return self.values_from_counts(_run_counts(self.count_query(base), base.db), selected)

    def labels(self, values) -> list[tuple[str, str]]:
        return [(obj.slug, str(obj)) for obj in values]


def theme_facet() -> ModelFacetFilter:
    """The theme facet every catalogue shares."""
    return ModelFacetFilter(
        label=_("Theme"),
        queryset=lambda request: Theme.objects.all(),
        paths=("themes",),
        show_empty=True,
        sort_by_label=False,
    )


def target_group_facet() -> ModelFacetFilter:
    """The target-group facet every catalogue shares."""
    return ModelFacetFilter(
        label=_("Target group"),
        queryset=lambda request: TargetGroup.objects.all(),
        paths=("target_groups",),
        show_empty=True,
        sort_by_label=False,
    )


def region_facet() -> ModelFacetFilter:
    """Regions; choosing one includes its municipalities and city districts."""
    return ModelFacetFilter(
        label=_("Region"),
        queryset=lambda request: Place.objects.filter(kind=Place.Kind.REGION),
        paths=place_paths("places"),
        selection=lambda regions: Q(places__in=Place.objects.with_descendants(regions)),
    )


def place_paths(path: str, depth: int = 4) -> tuple[str, ...]:
    """The relations from a row to its place and to the places above it (``places__parent`` …)."""
    return tuple(f"{path}{'__parent' * level}" for level in range(depth))


def within_place(path: str, ref, attribute: str = "", depth: int = 4) -> Q:
    """Rows whose place (through ``path``) is ``ref`` or lies below it (country > region > municipality > district).

    ``attribute`` compares a field of the place instead of the place itself (``"__code"``).
    """
    condition = Q(**{f"{path}{attribute}": ref})
    for level in range(1, depth):
        condition |= Q(**{f"{path}{'__parent' * level}{attribute}": ref})
    return condition


class YearField(forms.IntegerField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1900)
        kwargs.setdefault("max_value", 2100)
        kwargs.setdefault("widget", forms.NumberInput(attrs={"inputmode": "numeric"}))
        super().__init__(*args, **kwargs)


class YearFilter(django_filters.NumberFilter):
    field_class = YearField
    facet = False


class SearchFilter(django_filters.CharFilter):
    """Full-text search within the list (``q``); annotates ``rank`` when it ranks."""

    facet = False

    def __init__(self, *args, rank=True, **kwargs):
        kwargs.setdefault("max_length", MAX_VALUE_LENGTH)
        self.rank = rank
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        value = (value or "").strip()
        if not value:
            return qs
        return self.match(qs, value, rank=self.rank)

    def match(self, qs, value, rank=True):
        return search(qs, value, rank=rank)


# ---------------------------------------------------------------------------
# The FilterSet every catalogue builds on


# The sort keys every catalogue of entries offers; catalogues add their own.
ENTRY_ORDERINGS = {
    "relevance": (
        _("Relevance"),
        lambda fs, lang: [F("rank").desc(), *fs.title_ordering(lang)],
    ),
    "title": (_("Title A–Z"), lambda fs, lang: fs.title_ordering(lang)),
    "newest": (
        _("Newest first"),
        lambda fs, lang: [F("published_at").desc(nulls_last=True), F("pk").desc()],
    ),
}
# For catalogues whose entries carry an evidence level.
EVIDENCE_ORDERINGS = {
    "evidence": (
        _("Strongest evidence first"),
        lambda fs, lang: [evidence_rank().desc(), *fs.title_ordering(lang)],
    ),
}


class CatalogueFilterSet(django_filters.FilterSet):
    """Filters of one catalogue, usable on its own (the API) and by ``list_state`` (the pages).

    Subclasses declare their facets and ``orderings``: the whitelisted sort keys,
    each with its label and a callable(filterset, language) giving the order_by
    arguments. The ordering is applied by ``filter_queryset``, so ``.qs`` (and
    DRF's DjangoFilterBackend) return the rows in the order the page shows them.
    """

    q = SearchFilter(label=_("Search in this list"))
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"), choices=(), method="keep", empty_label=None
    )

    catalogue = ""
    # True when the rows before any filter cost much to find (organisations: public ones are
    # those with a published entry): the facet counts then find them once, as for a search.
    costly_base = False
    orderings: dict = {}
    default_ordering = "title"
    title_field = "title"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["sort"].extra["choices"] = [
            (key, label) for key, (label, _) in self.orderings.items()
        ]

    @classmethod
    def base_queryset(cls):
        return cls._meta.model.objects.published()

    def keep(self, queryset, name, value):
        return queryset

    def select_for_page(self, queryset):
        """What the page shows of each row, fetched with the rows (override per catalogue)."""
        return queryset

    # -- ordering ------------------------------------------------------------
    @property
    def searching(self) -> bool:
        data = getattr(self.form, "cleaned_data", None) or {}
        return bool((data.get("q") or "").strip())

    def ordering_key(self) -> str:
        data = getattr(self.form, "cleaned_data", None) or {}
        key = data.get("sort") or ""
        if key not in self.orderings or (key == "relevance" and not self.searching):
            key = (
                "relevance"
                if self.searching and "relevance" in self.orderings
                else self.default_ordering
            )
        return key

    def title_ordering(self, language):
        language = known_language(language)
        stored = field_name(f"{self.title_field}_sort", language)
        if any(field.name == stored for field in self._meta.model._meta.concrete_fields):
            # Kept by the database and indexed (see Publishable).
            return [F(stored).asc(), F("pk").asc()]
        expression = localized_expression(self.title_field, language)
        return [sort_key_expression(expression, language).asc(), expression.asc(), F("pk").asc()]

    def apply_ordering(self, queryset):
        language = page_language()
        key = self.ordering_key()
        if key == "relevance" and "rank" not in queryset.query.annotations:
            key = self.default_ordering
        return queryset.order_by(*self.orderings[key][1](self, language))

    def filter_queryset(self, queryset):
        return self.apply_ordering(super().filter_queryset(queryset))

    # -- facets --------------------------------------------------------------
    def facet_names(self) -> list[str]:
        return [name for name, flt in self.filters.items() if getattr(flt, "facet", False)]

    def filter_except(self, queryset, exclude: str | None = None):
        """The queryset filtered by every valid filter but one, unranked and unordered (for facet counts)."""
        return self._filtered(queryset, skip={exclude, "sort"}).order_by()

    def _filtered(self, queryset, skip):
        """The queryset filtered by every valid filter whose name is not in ``skip``, unranked."""
        for name, value in self.form.cleaned_data.items():
            if name in skip:
                continue
            flt = self.filters[name]
            if isinstance(flt, SearchFilter):
                value = (value or "").strip()
                queryset = flt.match(queryset, value, rank=False) if value else queryset
            else:
                queryset = flt.filter(queryset, value)
        return queryset

    def facet_counts(self, base: QuerySet) -> tuple[dict[str, dict[str, int]], int]:
        """The counts of every facet's values and the number of matching rows, in one query.

        Each facet counts the rows that pass every filter but its own. The rows that pass
        the filters no facet stands for (the search, the years) are found once, in a
        materialised CTE that also marks, per chosen facet, whether a row passes it; every
        facet then counts over those rows, so the search runs once, not once per facet.
        Without any filter each facet reads the rows directly (unless ``costly_base``).
        Returns ({facet name: {value key: count}}, number of rows passing every filter).
        """
        cleaned = self.form.cleaned_data
        names = self.facet_names()
        common = self._filtered(base, skip={"sort", *names})
        model = base.model
        active = [name for name in names if cleaned.get(name)]
        params: list = []
        if common is base and not active and not self.costly_base:
            # No filter at all: each facet reads the rows directly.
            prefix = ""

            def entries(exclude=None) -> QuerySet:
                return _plain(base)

            total_sql, total_params = _sql(entries().values("pk"))
        else:
            # The rows that pass the other filters, once, each marked with the chosen facets it passes.
            columns = {name: f"facet_flag_{index}" for index, name in enumerate(active)}
            flags = {
                columns[name]: _flag(
                    Q(
                        pk__in=self.filters[name]
                        .filter(_plain(model._default_manager.all()), cleaned[name])
                        .values("pk")
                    )
                )
                for name in active
            }
            matched = _plain(common).annotate(**flags).values(*flags, facet_entry=F("pk"))
            cte_sql, cte_params = _sql(matched)
            prefix = f'WITH "facet_matched" AS MATERIALIZED ({cte_sql}) '
            params.extend(cte_params)

            def passing(exclude=None) -> str:
                where = " AND ".join(
                    f'"{column}"' for name, column in columns.items() if name != exclude
                )
                return 'SELECT "facet_entry" FROM "facet_matched"' + (
                    f" WHERE {where}" if where else ""
                )

            def entries(exclude=None) -> QuerySet:
                return _plain(model._default_manager.filter(pk__in=RawSQL(passing(exclude), ())))

            total_sql, total_params = passing(), ()
        parts = []
        if prefix:
            # How many rows each chosen facet lets through, for an empty list's suggestions.
            for index, name in enumerate(names):
                if name in active:
                    parts.append(
                        f"SELECT {-2 - index}, NULL, COUNT(*) FROM ({passing(name)}) AS facet_all"
                    )
        for index, name in enumerate(names):
            query = self.filters[name].count_query(entries(exclude=name))
            if query is None:
                continue
            sql, part_params = query
            parts.append(
                f"SELECT {index}, CAST(facet_count.facet_value AS text), facet_count.facet_total "
                f"FROM ({sql}) AS facet_count(facet_value, facet_total)"
            )
            params.extend(part_params)
        parts.append(f"SELECT -1, NULL, COUNT(*) FROM ({total_sql}) AS facet_all")
        params.extend(total_params)
        sql = prefix + " UNION ALL ".join(f"({part})" for part in parts)
        counts: dict[str, dict[str, int]] = {name: {} for name in names}
        total = 0
        self.counts_without = {}
        for index, value, count in cached_rows(base.db, sql, params):
            if index == -1:
                total = count
            elif index < 0:
                self.counts_without[names[-2 - index]] = count
            else:
                counts[names[index]][value] = count
        return counts, total


def cached_rows(db: str, sql: str, params) -> list[tuple]:
    """The rows of a facet query, kept for ``FACET_CACHE_SECONDS`` under the content version.

    The same counts serve every page, sort order and language of the same filters until
    anything is published, changed or archived (the version moves on and the next
    request counts afresh). Off (0) in development and tests.
    """
    seconds = getattr(settings, "FACET_CACHE_SECONDS", 0)
    key = ""
    if seconds:
        digest = hashlib.sha256(repr((db, sql, list(params))).encode()).hexdigest()
        key = f"facets:{content_version()}:{digest}"
        rows = cache.get(key)
        if rows is not None:
            return rows
    with connections[db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if key:
        cache.set(key, rows, timeout=seconds)
    return rows


# ---------------------------------------------------------------------------
# The state of a list page


@dataclass
class Chip:
    name: str
    value: str
    label: str  # the facet's label, e.g. "Theme"
    value_label: str  # e.g. "Education"
    remove_url: str


@dataclass
class ListState:
    catalogue: str
    filterset: CatalogueFilterSet
    queryset: QuerySet
    errors: list[str]
    query: str
    ordering: str
    orderings: list[tuple[str, str]]
    chips: list[Chip]
    facets: list[Facet]
    params: QueryDict  # the valid, meaningful parameters (no page)
    base: QuerySet | None = None  # every published row, before any filter
    total: int | None = None  # the number of matching rows, when the facet counts gave it

    def relaxations(self) -> list[tuple[Chip, int | None]]:
        """Each active filter with the number of results without it (for an empty list).

        One count per filter that is not a facet, asked only when the page has nothing to
        show (the facet counts' query gave those of the facets). A value
        that shares its facet with others gets no number: removing it cannot widen
        the list.
        """
        per_facet: dict[str, int] = {}
        for chip in self.chips:
            per_facet[chip.name] = per_facet.get(chip.name, 0) + 1
        result = []
        # Known for the facets from the facet counts' query.
        known = getattr(self.filterset, "counts_without", {})
        for chip in self.chips:
            count = None
            if chip.name in known and per_facet[chip.name] == 1:
                count = known[chip.name]
            elif self.base is not None and per_facet[chip.name] == 1:
                count = self.filterset.filter_except(self.base, exclude=chip.name).count()
            result.append((chip, count))
        return result

    @property
    def search_notes(self) -> dict | None:
        """What the search did with the list's query: a correction, synonyms, closest matches."""
        if not self.query:
            return None
        from catalogue.search import analyse_query

        analysis = analyse_query(self.query)  # the analysis the filter used (held)
        return {
            "corrected": analysis.corrected,
            "also_searched": analysis.also_searched,
            "partial": analysis.partial.get(self.queryset.model._meta.label, False),
        }

    @property
    def querystring(self) -> str:
        """The current filters as a query string (without the page), for exports and pagination."""
        return self.params.urlencode()

    @property
    def is_filtered(self) -> bool:
        return bool(self.chips)

    @property
    def clear_url(self) -> str:
        return "?"

    @property
    def feed_url(self) -> str:
        """The Atom feed of this list with its filters ("" for a catalogue without feeds)."""
        spec = registry.catalogue(self.catalogue)
        if not spec.entries:
            return ""
        url = reverse(spec.feed_url_name)
        return f"{url}?{self.querystring}" if self.querystring else url

    @property
    def ical_url(self) -> str:
        """The iCal feed of the dates in this list, for a catalogue that has one."""
        url_name = registry.catalogue(self.catalogue).ical_url_name
        if not url_name:
            return ""
        url = reverse(url_name)
        return f"{url}?{self.querystring}" if self.querystring else url

    @property
    def export_url_name(self) -> str:
        return registry.catalogue(self.catalogue).export_url_name

    @property
    def export_links(self) -> list[dict]:
        """Links to every matching row as CSV, XLSX and JSON, carrying the current filters."""
        links = []
        suffix = f"?{self.querystring}" if self.querystring else ""
        for fmt, label in EXPORT_FORMATS:
            url = reverse(self.export_url_name, kwargs={"fmt": fmt})
            links.append({"format": fmt, "label": label, "url": f"{url}{suffix}"})
        return links

    def page(self, request, per_page: int = PAGE_SIZE):
        return paginate(request, self.queryset, per_page, count=self.total)


class CappedPaginator(Paginator):
    """A paginator that pages through the first ``max_rows`` rows only.

    A page deep in a long list costs an ``OFFSET`` scan of every row before it; nobody
    reads page 2,000 of a list, and the export holds every row. The count stays exact.
    """

    max_rows = MAX_LISTED_ROWS

    @cached_property
    def num_pages(self):
        return min(super().num_pages, max(1, -(-self.max_rows // self.per_page)))

    @property
    def capped(self) -> bool:
        return self.count > self.max_rows


def paginate(request, queryset, per_page: int = PAGE_SIZE, count: int | None = None):
    """The requested page; anything that is not a page number gives the first or the last page.

    ``count``, when known already, spares the paginator its own count of the rows."""
    raw = request.GET.get(PAGE_PARAM, "1")
    number = raw if raw.isascii() and raw.isdigit() and len(raw) < 10 else 1
    paginator = CappedPaginator(queryset, per_page)
    if count is not None:
        paginator.count = count  # a cached_property: set, it is not computed
    page = paginator.get_page(number)
    page.elided_range = list(
        page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    )
    return page


def _clean_params(request, errors: list[str]) -> QueryDict:
    """The query string without the page, without unknown keys and without values no filter could take."""
    params = QueryDict(mutable=True)
    dropped = False
    for key, values in request.GET.lists():
        if key in NON_FILTER_PARAMETERS:
            continue
        kept = []
        for value in values[:MAX_VALUES_PER_KEY]:
            if "\x00" in value or "\x00" in key or len(value) > MAX_VALUE_LENGTH:
                dropped = True
                continue
            if not value.strip():
                continue
            kept.append(value)
        if len(values) > MAX_VALUES_PER_KEY:
            dropped = True
        if kept:
            params.setlist(key, kept)
    if dropped:
        errors.append(str(_("Some values in the address could not be read and were ignored.")))
    return params


def _bind(filterset_cls, params, request, queryset):
    known = {key: params.getlist(key) for key in params if key in filterset_cls.base_filters}
    data = QueryDict(mutable=True)
    for key, values in known.items():
        data.setlist(key, values)
    return filterset_cls(data, queryset=queryset, request=request), data


def list_state(request, catalogue: str, *, with_facets: bool = True) -> ListState:
    """Everything a list page shows, validated; invalid filter values are dropped with a message.

    Exports and the API need only the rows: they pass ``with_facets=False`` and skip
    the facet counts and chips, which cost a query per facet.
    """
    filterset_cls = filterset_class(catalogue)
    errors: list[str] = []
    params = _clean_params(request, errors)
    base = filterset_cls.base_queryset()
    filterset, data = _bind(filterset_cls, params, request, base)
    if not filterset.is_valid():
        for name, field_errors in filterset.errors.items():
            label = filterset.filters[name].label if name in filterset.filters else name
            for message in field_errors:
                errors.append(f"{label}: {message}")
            data.pop(name, None)
        filterset = filterset_cls(data, queryset=base, request=request)
        if not filterset.is_valid():  # a value valid alone but not together: start afresh
            data = QueryDict(mutable=True)
            filterset = filterset_cls(data, queryset=base, request=request)
            filterset.is_valid()
    queryset = filterset.select_for_page(filterset.qs)
    cleaned = filterset.form.cleaned_data
    query = (cleaned.get("q") or "").strip()
    # Keep the parameters that mean something, in a stable order.
    kept = QueryDict(mutable=True)
    for name in filterset.filters:
        if name in data:
            kept.setlist(name, data.getlist(name))
    facets, chips, total = (
        _facets_and_chips(filterset, base, kept) if with_facets else ([], [], None)
    )
    return ListState(
        catalogue=catalogue,
        filterset=filterset,
        queryset=queryset,
        errors=errors,
        query=query,
        ordering=filterset.ordering_key(),
        orderings=[
            (key, str(label))
            for key, (label, _) in filterset.orderings.items()
            if key != "relevance" or query
        ],
        chips=chips,
        facets=facets,
        params=kept,
        base=base,
        total=total,
    )


def _remove_url(params: QueryDict, name: str, value: str | None) -> str:
    remaining = params.copy()
    if value is None:
        remaining.pop(name, None)
    else:
        values = [v for v in remaining.getlist(name) if v != value]
        if values:
            remaining.setlist(name, values)
        else:
            remaining.pop(name, None)
    encoded = remaining.urlencode()
    return f"?{encoded}" if encoded else "?"


def _facets_and_chips(filterset: CatalogueFilterSet, base, params: QueryDict):
    cleaned = filterset.form.cleaned_data
    facets, chips = [], []
    query = (cleaned.get("q") or "").strip()
    if query:
        chips.append(Chip("q", query, str(_("Search")), query, _remove_url(params, "q", None)))
    try:
        counts, total = filterset.facet_counts(base)
    except EmptyResultSet:  # a filter that no row can pass (the search found no word to look for)
        counts, total = {}, 0
    for name in filterset.facet_names():
        flt = filterset.filters[name]
        selected = cleaned.get(name) or []
        values = flt.values_from_counts(counts.get(name, {}), selected)
        facets.append(
            Facet(
                name=name,
                label=str(flt.label),
                values=values,
                open=bool(selected),
                truncated=getattr(flt, "truncated", False),
            )
        )
        for value, label in flt.labels(selected):
            chips.append(Chip(name, value, str(flt.label), label, _remove_url(params, name, value)))
    # Range filters (years): one facet with two inputs, one chip per bound.
    for range_name, (label, names) in getattr(filterset, "ranges", {}).items():
        bound = [filterset.form[name] for name in names]
        facets.append(
            Facet(name=range_name, label=str(label), values=[], kind="range", fields=bound)
        )
        for name in names:
            value = cleaned.get(name)
            if value is not None:
                flt = filterset.filters[name]
                chips.append(
                    Chip(
                        name,
                        str(value),
                        str(flt.label),
                        str(value),
                        _remove_url(params, name, None),
                    )
                )
    order = {name: index for index, name in enumerate(filterset.filters)}
    facets.sort(
        key=lambda facet: order.get(
            facet.fields[0].name if facet.kind == "range" else facet.name, 0
        )
    )
    return facets, chips, total
