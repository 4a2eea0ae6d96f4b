"""Selectors for the entries a detail page links to. Published entries only, always.

Each selector runs a fixed number of queries, whatever the number of related entries,
and reads relations the view has prefetched where it can. The panels of each
catalogue are in its app's ``related.py``; this module holds what they share.
"""

from django.db.models import Count, Q

SIMILAR_LIMIT = 4


def similar_entries(entry, limit=SIMILAR_LIMIT) -> list:
    """Other published entries of the same catalogue sharing the most themes and target groups.

    Reads ``entry.themes`` and ``entry.target_groups`` (prefetch them), then one query.
    """
    theme_ids = [theme.pk for theme in entry.themes.all()]
    group_ids = [group.pk for group in entry.target_groups.all()]
    if not theme_ids and not group_ids:
        return []
    shared = Count("themes", filter=Q(themes__in=theme_ids), distinct=True) + Count(
        "target_groups", filter=Q(target_groups__in=group_ids), distinct=True
    )
    return list(
        type(entry)
        .objects.published()
        .exclude(pk=entry.pk)
        .annotate(shared=shared)
        .filter(shared__gt=0)
        .order_by("-shared", "-published_at", "slug")[:limit]
    )
