"""Entries with their related rows, read in a fixed number of queries however many there are.

``prefetch_related`` on ``iterator()`` runs its queries again for every chunk of rows: an
export of 50,000 projects made some 900 queries. Here each related lookup
(``"themes"``, ``"partnerships__organisation"``) is one query instead: the entries'
own query joined to that relation, in the entries' own order (whatever it is: title,
relevance, evidence), so that its rows arrive entry by entry beside the entries and are
attached as they come. Memory holds one chunk of each query, never the whole list.

All the queries read one snapshot of the database (a repeatable-read transaction), so
an entry published or edited while a long export runs cannot put them out of step.

A lookup this does not handle (a generic relation, a reverse many-to-many, deeper
nesting) and a list whose filters join a multi-valued relation (which the related
query would then reuse) fall back to Django's prefetch per chunk.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from dataclasses import dataclass

from django.contrib.postgres.search import SearchVectorField
from django.db import connections, transaction
from django.db.models import F, OrderBy, QuerySet
from django.db.models.constants import LOOKUP_SEP

CHUNK_SIZE = 500
RELATED_CHUNK_SIZE = 2000


class OutOfStep(RuntimeError):
    """The related rows did not come in the entries' order (the export stops)."""


# Reference records (themes, places, organisations, instruments) read again and again
# are built once and shared, as a prefetch shares them; at most this many are kept.
SHARED_LIMIT = 10000


@dataclass(frozen=True)
class Part:
    """A model read from some columns of a related row: its fields and where they start.
    A shared part builds each record once (by its primary key) and hands it out again."""

    model: type
    attnames: tuple[str, ...]
    start: int
    pk_index: int
    shared: dict | None = None

    def build(self, db: str, row: tuple):
        pk = row[self.start + self.pk_index]
        if pk is None:
            return None
        if self.shared is not None and pk in self.shared:
            return self.shared[pk]
        obj = self.model.from_db(
            db, self.attnames, row[self.start : self.start + len(self.attnames)]
        )
        if self.shared is not None:
            if len(self.shared) >= SHARED_LIMIT:
                self.shared.clear()
            self.shared[pk] = obj
        return obj


@dataclass(frozen=True)
class Relation:
    """One related lookup: ``accessor`` of the entry, optionally with one foreign key
    (``nested``) of the related rows selected with them."""

    accessor: str
    related: Part
    nested_field: object | None  # the foreign key on the related model
    nested: Part | None
    back_field: object | None  # the related model's foreign key to the entry
    paths: tuple[str, ...]  # the values the query selects after the entry's pk
    ordering: tuple[str, ...]  # the related model's own order, as seen from the entry

    def build(self, db: str, row: tuple, entry):
        obj = self.related.build(db, row)
        if obj is None:
            return None
        if self.nested is not None:
            self.nested_field.set_cached_value(obj, self.nested.build(db, row))
        if self.back_field is not None:
            self.back_field.set_cached_value(obj, entry)
        return obj


def _prefixed(prefix: str, ordering) -> list[str] | None:
    result = []
    for item in ordering:
        if not isinstance(item, str) or item == "?":
            return None
        descending = item.startswith("-")
        name = item.lstrip("-")
        result.append(("-" if descending else "") + prefix + LOOKUP_SEP + name)
    return result


def _unread(model) -> list[str]:
    """Fields no export reads: the search documents, two thirds of a row's bytes."""
    return [
        field.attname
        for field in model._meta.concrete_fields
        if isinstance(field, SearchVectorField)
    ]


def _part(model, prefix: str, start: int, shared: bool) -> tuple[Part, list[str]]:
    unread = _unread(model)
    attnames = tuple(
        field.attname for field in model._meta.concrete_fields if field.attname not in unread
    )
    part = Part(
        model,
        attnames,
        start,
        pk_index=attnames.index(model._meta.pk.attname),
        shared={} if shared else None,
    )
    return part, [prefix + LOOKUP_SEP + name for name in attnames]


def relation_for(model, lookup: str) -> Relation | None:
    """How to read one prefetch lookup in one query, or None if it is not a kind handled here."""
    accessor, _, rest = lookup.partition(LOOKUP_SEP)
    if LOOKUP_SEP in rest:
        return None
    try:
        field = model._meta.get_field(accessor)
    except Exception:
        return None
    reverse_fk = field.one_to_many and not field.concrete and hasattr(field, "get_accessor_name")
    forward_m2m = field.many_to_many and field.concrete
    if not (reverse_fk or forward_m2m):
        return None
    if reverse_fk and field.get_accessor_name() != accessor:
        return None
    related_model = field.related_model
    # The targets of a many-to-many link are reference records; rows of a reverse
    # foreign key belong to one entry each.
    related, paths = _part(related_model, accessor, start=1, shared=forward_m2m)
    nested_field = nested = None
    if rest:
        try:
            nested_field = related_model._meta.get_field(rest)
        except Exception:
            return None
        if not (nested_field.many_to_one or nested_field.one_to_one) or not nested_field.concrete:
            return None
        nested, nested_paths = _part(
            nested_field.related_model,
            accessor + LOOKUP_SEP + rest,
            start=1 + len(paths),
            shared=True,
        )
        paths += nested_paths
    ordering = _prefixed(accessor, related_model._meta.ordering)
    if ordering is None:
        return None
    return Relation(
        accessor=accessor,
        related=related,
        nested_field=nested_field,
        nested=nested,
        back_field=field.field if reverse_fk else None,
        paths=tuple(paths),
        ordering=(*ordering, accessor + LOOKUP_SEP + "pk"),
    )


def _joins_multivalued(queryset) -> bool:
    for join in queryset.query.alias_map.values():
        join_field = getattr(join, "join_field", None)
        if join_field is not None and (join_field.one_to_many or join_field.many_to_many):
            return True
    return False


def _in_order(queryset):
    """The entries' own order, made total: ties are broken by the primary key."""
    ordering = list(queryset.query.order_by) or list(queryset.model._meta.ordering)
    return queryset.order_by(*ordering, OrderBy(F("pk")))


def _plain(queryset):
    # modeltranslation would read "name" as the page language's column.
    return queryset.rewrite(False) if hasattr(queryset, "rewrite") else queryset


class Rows:
    """An iterator of related rows that can look at the next one without taking it."""

    def __init__(self, iterator: Iterator):
        self.iterator = iterator
        self.head = next(iterator, None)

    def take_for(self, pk) -> list[tuple]:
        if self.head is None or self.head[0] != pk:
            raise OutOfStep(f"related rows out of step at entry {pk}")
        rows = []
        while self.head is not None and self.head[0] == pk:
            rows.append(self.head)
            self.head = next(self.iterator, None)
        return rows


class Fetched(QuerySet):
    """What ``entry.<relation>.all()`` returns: the rows read beside the entry, already
    evaluated. Anything that asks for more (a filter, an ordering) gets the entry's real
    related queryset, as after Django's prefetch."""

    entry = None  # a weak reference: an entry and its rows must not keep each other alive
    accessor = ""

    def _chain(self):
        entry = self.entry()
        cache = entry._prefetched_objects_cache
        fetched = cache.pop(self.accessor)
        try:
            return getattr(entry, self.accessor).get_queryset()._chain()
        finally:
            cache[self.accessor] = fetched


def _fetched(template: Fetched, entry, accessor: str, objects: list) -> Fetched:
    # A copy of one empty queryset per relation costs far less than building the
    # related manager's queryset for every entry. (copy.copy would evaluate the template:
    # a QuerySet pickles itself with its rows.)
    fetched = Fetched.__new__(Fetched)
    fetched.__dict__.update(template.__dict__)
    fetched.entry = weakref.ref(entry)
    fetched.accessor = accessor
    fetched._result_cache = objects
    fetched._prefetch_done = True
    return fetched


def _attach(entries: Iterator, relations: list[Relation], rows: list[Rows], db: str) -> Iterator:
    templates = [Fetched(model=relation.related.model, using=db) for relation in relations]
    for entry in entries:
        cache = entry.__dict__.setdefault("_prefetched_objects_cache", {})
        for relation, source, template in zip(relations, rows, templates, strict=True):
            objects = []
            for row in source.take_for(entry.pk):
                obj = relation.build(db, row, entry)
                if obj is not None:
                    objects.append(obj)
            cache[relation.accessor] = _fetched(template, entry, relation.accessor, objects)
        yield entry


def stream_entries(
    queryset, select_related=(), prefetch_related=(), chunk_size: int = CHUNK_SIZE
) -> Iterator:
    """The entries of ``queryset`` in its order, each with ``select_related`` joined and
    ``prefetch_related`` attached, in ``1 + len(prefetch_related)`` queries."""
    queryset = queryset.prefetch_related(None)
    if unread := _unread(queryset.model):
        queryset = queryset.defer(*unread)
    if select_related:
        queryset = queryset.select_related(*select_related)
    relations = [relation_for(queryset.model, lookup) for lookup in prefetch_related]
    if not relations or None in relations or _joins_multivalued(queryset):
        if prefetch_related:
            queryset = queryset.prefetch_related(*prefetch_related)
        yield from queryset.iterator(chunk_size=chunk_size)
        return
    queryset = _in_order(queryset)
    ordering = list(queryset.query.order_by)
    db = queryset.db
    connection = connections[db]
    snapshot = not connection.in_atomic_block
    with transaction.atomic(using=db):
        if snapshot:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        iterators = [
            _plain(queryset.select_related(None).order_by(*ordering, *relation.ordering))
            .values_list("pk", *relation.paths)
            .iterator(chunk_size=RELATED_CHUNK_SIZE)
            for relation in relations
        ]
        entries = queryset.iterator(chunk_size=chunk_size)
        try:
            rows = [Rows(iterator) for iterator in iterators]
            yield from _attach(entries, relations, rows, db)
        finally:
            # A download that stops early closes its cursors while the transaction lasts.
            for iterator in (entries, *iterators):
                iterator.close()
