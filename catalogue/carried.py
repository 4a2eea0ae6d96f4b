"""Related rows carried inside the main query, for exports of any length.

``prefetch_related`` with ``iterator()`` runs its queries once per chunk of
rows, so the number of queries grows with the export. Here every relation an
export reads (``"themes"``, ``"partnerships__organisation"``) becomes one JSON
array that PostgreSQL builds in the same query (a correlated
``ARRAY(SELECT …)`` per relation, in the related model's own order), and the
rows come back as model instances in the relation's prefetch cache, so the
columns read ``entry.themes.all()`` as they would after a prefetch. One query,
read through a server-side cursor: the number of queries and the memory stay
the same whatever the number of entries.

A relation is a many-to-many field, a reverse many-to-many or a reverse
foreign key of the entry's model, optionally followed by forward foreign keys
of the related model (``"funding_lines__instrument"``).
"""

import json
from collections.abc import Iterator
from dataclasses import dataclass

from django.contrib.postgres.expressions import ArraySubquery
from django.db import models
from django.db.models import F, Func, OuterRef, TextField
from django.db.models.constants import LOOKUP_SEP
from django.db.models.functions import Cast, JSONObject

# PostgreSQL's functions take at most 100 arguments: jsonb_build_object() 50 keys.
KEYS_PER_OBJECT = 40
# Values JSON would change: decimals travel as text, so that 0.1 stays 0.1.
AS_TEXT = (models.DecimalField,)
PARSED = (models.DecimalField, models.DateField, models.DateTimeField, models.UUIDField)
ANNOTATION_PREFIX = "carried__"


class CarriedRows(list):
    """The related rows of one entry, where a related manager looks for prefetched rows.

    The managers return it from ``all()``; it offers what the export columns use of a
    queryset (iteration, ``all()``, ``count()``, ``exists()``, ``first()``).
    """

    def all(self):
        return self

    def count(self):
        return len(self)

    def exists(self):
        return bool(self)

    def first(self):
        return self[0] if self else None


def json_object(pairs: list[tuple[str, object]]):
    """``jsonb_build_object`` of any number of keys, joined with ``||`` past the argument limit."""
    parts = [
        JSONObject(**dict(pairs[start : start + KEYS_PER_OBJECT]))
        for start in range(0, len(pairs), KEYS_PER_OBJECT)
    ] or [JSONObject()]
    if len(parts) == 1:
        return parts[0]
    return Func(*parts, template="(%(expressions)s)", arg_joiner=" || ", output_field=TextField())


def concrete_fields(model) -> list:
    return [field for field in model._meta.concrete_fields]


def field_value(field, path: str):
    expression = F(f"{path}{field.attname}")
    return Cast(expression, TextField()) if isinstance(field, AS_TEXT) else expression


@dataclass(frozen=True)
class Shape:
    """How one model's rows travel: its fields, and the forward foreign keys carried with it."""

    model: type
    fields: tuple
    nested: tuple  # (field, Shape) of forward foreign keys

    @classmethod
    def of(cls, model, chain: list[str]) -> "Shape":
        nested = ()
        if chain:
            field = model._meta.get_field(chain[0])
            if not (field.many_to_one or field.one_to_one) or field.auto_created:
                raise ValueError(
                    f"{model.__name__}.{chain[0]}: only forward foreign keys may follow a relation"
                )
            nested = ((field, cls.of(field.related_model, chain[1:])),)
        return cls(model, tuple(concrete_fields(model)), nested)

    def expression(self, path: str = ""):
        pairs = [(field.attname, field_value(field, path)) for field in self.fields]
        for field, shape in self.nested:
            pairs.append(
                (f"{ANNOTATION_PREFIX}{field.name}", shape.expression(f"{path}{field.name}__"))
            )
        return json_object(pairs)

    def instance(self, data: dict, db: str):
        values = []
        for field in self.fields:
            value = data[field.attname]
            if value is not None and isinstance(field, PARSED):
                value = field.to_python(value)
            values.append(value)
        instance = self.model.from_db(db, [field.attname for field in self.fields], values)
        for field, shape in self.nested:
            related = data[f"{ANNOTATION_PREFIX}{field.name}"]
            if data[field.attname] is None:
                related = None
            else:
                related = shape.instance(related, db)
            field.set_cached_value(instance, related)
        return instance


@dataclass(frozen=True)
class Relation:
    name: str  # the accessor on the entry, which is also the prefetch cache's key
    shape: Shape
    queryset: object  # the related rows of OuterRef("pk"), in their model's order

    @classmethod
    def of(cls, model, lookup: str) -> "Relation":
        name, *chain = lookup.split(LOOKUP_SEP)
        field = model._meta.get_field(name)
        if field.many_to_many and not field.auto_created:
            back = field.related_query_name()  # a many-to-many field of the entry
        elif field.one_to_many or field.many_to_many:
            back = field.field.name  # a reverse foreign key or many-to-many
        else:
            raise ValueError(f"{model.__name__}.{name} is not a to-many relation")
        related = field.related_model
        queryset = related._default_manager.filter(**{back: OuterRef("pk")})
        return cls(name, Shape.of(related, chain), queryset)

    def annotation(self):
        queryset = self.queryset
        if hasattr(queryset, "rewrite"):
            # modeltranslation would add every language's columns to values().
            queryset = queryset.rewrite(False)
        rows = ArraySubquery(queryset.values(row=self.shape.expression()))
        return Cast(Func(rows, function="to_jsonb"), TextField())


def carrying(queryset, lookups) -> tuple[object, list[Relation]]:
    """The queryset with every relation of ``lookups`` carried as one annotation each."""
    relations = [Relation.of(queryset.model, lookup) for lookup in lookups]
    annotations = {f"{ANNOTATION_PREFIX}{r.name}": r.annotation() for r in relations}
    return queryset.prefetch_related(None).annotate(**annotations), relations


def iterate(queryset, lookups, chunk_size: int = 500) -> Iterator:
    """The entries of ``queryset`` with the related rows of ``lookups`` already in place."""
    queryset, relations = carrying(queryset, lookups)
    db = queryset.db
    for entry in queryset.iterator(chunk_size=chunk_size):
        cache = entry.__dict__.setdefault("_prefetched_objects_cache", {})
        for relation in relations:
            raw = entry.__dict__.pop(f"{ANNOTATION_PREFIX}{relation.name}")
            cache[relation.name] = CarriedRows(
                relation.shape.instance(row, db) for row in json.loads(raw)
            )
        yield entry
