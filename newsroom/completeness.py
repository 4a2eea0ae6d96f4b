"""How complete each catalogue entry is, from the checks each entry model declares.

A model lists what an editor should fill in as ``completeness_checks``: pairs of a
field (or a relation path, or a tuple of alternatives any one of which suffices)
and a label. Every entry is also checked for its English version. The queries are
one per check and catalogue, whatever the number of entries.
"""

from dataclasses import dataclass, field

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from catalogue.languages import PRIMARY_LANGUAGE, empty_in, field_name
from catalogue.models import Status
from catalogue.registry import catalogues

ENGLISH = ("english", _("English version"))
ENTRIES_SHOWN_PER_GAP = 30


def _missing(model, path: str) -> Q:
    """The entries of ``model`` that lack a value at ``path``."""
    if "__" in path or _is_relation(model, path):
        # No related row with a value (a negated multi-valued filter is a subquery).
        return ~Q(**{f"{path}__isnull": False})
    field_ = model._meta.get_field(path)
    if isinstance(field_, ArrayField):
        return Q(**{path: []}) | Q(**{f"{path}__isnull": True})
    if isinstance(field_, models.CharField | models.TextField):
        primary = field_name(path, PRIMARY_LANGUAGE)
        column = primary if _has_column(model, primary) else path
        return Q(**{column: ""}) | Q(**{f"{column}__isnull": True})
    return Q(**{f"{path}__isnull": True})


def _is_relation(model, name: str) -> bool:
    return model._meta.get_field(name).is_relation


def _has_column(model, name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def missing_query(model, paths) -> Q:
    """Entries lacking all of the alternatives (a website *or* a contact suffices)."""
    paths = (paths,) if isinstance(paths, str) else paths
    query = Q()
    for path in paths:
        query &= _missing(model, path)
    return query


def english_missing() -> Q:
    return empty_in("title", "en") | empty_in("summary", "en")


@dataclass
class Gap:
    key: str
    label: str
    entries: list = field(default_factory=list)
    count: int = 0


@dataclass
class CatalogueCompleteness:
    key: str
    name: str
    total: int
    average: int  # the mean score of its entries, in per cent
    gaps: list[Gap]
    least_complete: list  # (entry, score in per cent, labels of what it lacks)


def checks_for(model) -> list[tuple[str, object, Q]]:
    declared = getattr(model, "completeness_checks", ())
    result = [(_key(paths), label, missing_query(model, paths)) for paths, label in declared]
    result.append((ENGLISH[0], ENGLISH[1], english_missing()))
    return result


def _key(paths) -> str:
    return paths if isinstance(paths, str) else "-or-".join(paths)


def catalogue_completeness(entry) -> CatalogueCompleteness:
    """Completeness of the live (not archived) entries of one registered catalogue."""
    model = entry.model
    live = model.objects.exclude(status=Status.ARCHIVED)
    slugs = dict(live.values_list("pk", "slug"))
    lacking: dict[int, list] = {pk: [] for pk in slugs}
    gaps = []
    checks = checks_for(model)
    for key, label, query in checks:
        pks = list(live.filter(query).values_list("pk", flat=True).distinct())
        for pk in pks:
            lacking[pk].append(label)
        shown = list(live.filter(pk__in=pks[:ENTRIES_SHOWN_PER_GAP]).order_by("slug"))
        gaps.append(Gap(key=key, label=label, entries=shown, count=len(pks)))
    scores = {
        pk: round(100 * (len(checks) - len(labels)) / len(checks)) for pk, labels in lacking.items()
    }
    worst = sorted(scores, key=lambda pk: (scores[pk], slugs[pk]))[:ENTRIES_SHOWN_PER_GAP]
    worst_entries = model.objects.in_bulk(worst)
    return CatalogueCompleteness(
        key=entry.key,
        name=model._meta.verbose_name_plural,
        total=len(slugs),
        average=round(sum(scores.values()) / len(scores)) if scores else 100,
        gaps=gaps,
        least_complete=[(worst_entries[pk], scores[pk], lacking[pk]) for pk in worst],
    )


def all_catalogues() -> list[CatalogueCompleteness]:
    return [catalogue_completeness(entry) for entry in catalogues()]
