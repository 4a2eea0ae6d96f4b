"""Turning a suggestion into a draft, declining it, and forgetting who sent it."""

import datetime
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import slugify

from catalogue.languages import field_name
from catalogue.registry import catalogue as registered_catalogue
from catalogue.registry import catalogues
from suggestions.models import Suggestion


def catalogue_keys() -> list[str]:
    return [entry.key for entry in catalogues()]


def catalogue_model(key: str):
    return registered_catalogue(key).model


def unique_slug(model, title: str) -> str:
    base = slugify(title)[:100] or "entry"
    slug, n = base, 2
    while model._default_manager.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _needs_more_than_a_title(model) -> bool:
    """True when an entry of this model cannot be saved without a required relation
    (a strategy needs its scenario): the editor then completes a prefilled form."""
    return any(
        field.many_to_one and not field.null and not field.has_default()
        for field in model._meta.concrete_fields
    )


def draft_fields(suggestion: Suggestion) -> dict:
    language = suggestion.language
    return {
        field_name("title", language): suggestion.title,
        field_name("summary", language): suggestion.description,
    }


@transaction.atomic
def create_draft(suggestion: Suggestion, *, by) -> str:
    """Make a draft entry from a suggested new entry and return the admin URL to finish it.

    Where the model needs more than a title and summary, the URL is the entry's add form
    prefilled with the suggestion instead."""
    model = catalogue_model(suggestion.catalogue)
    slug = unique_slug(model, suggestion.title)
    suggestion.state = Suggestion.State.DRAFTED
    suggestion.draft_slug = slug
    suggestion.handled_by = by
    suggestion.handled_at = timezone.now()
    suggestion.save()
    opts = model._meta
    if _needs_more_than_a_title(model):
        initial = {"slug": slug, **draft_fields(suggestion)}
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_add") + "?" + urlencode(initial)
    entry = model(slug=slug, created_by=by, updated_by=by, **draft_fields(suggestion))
    entry.save()
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[entry.pk])


def decline(suggestion: Suggestion, *, reason: str, by) -> None:
    suggestion.state = Suggestion.State.DECLINED
    suggestion.decline_reason = reason
    suggestion.handled_by = by
    suggestion.handled_at = timezone.now()
    suggestion.save()


def resolve(suggestion: Suggestion, *, by) -> None:
    """A correction the editors have made in the entry itself."""
    suggestion.state = Suggestion.State.RESOLVED
    suggestion.handled_by = by
    suggestion.handled_at = timezone.now()
    suggestion.save()


def anonymise_old_suggestions(now=None) -> int:
    """Remove the submitter's name, e-mail and organisation from suggestions older than
    the retention period (GDPR: kept no longer than the editors need them)."""
    now = now or timezone.now()
    before = now - datetime.timedelta(days=settings.SUGGESTION_RETENTION_DAYS)
    return Suggestion.objects.to_anonymise(before).update(
        submitter_name="", submitter_email="", submitter_organisation="", anonymised_at=now
    )


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


def _rate_key(request) -> str:
    address = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    return f"suggestions:rate:{address}"


def over_rate_limit(request) -> bool:
    """Whether this address has already sent as many suggestions as an hour allows."""
    return cache.get(_rate_key(request), 0) >= settings.SUGGESTION_RATE_LIMIT


def count_submission(request) -> None:
    key = _rate_key(request)
    if cache.add(key, 1, timeout=3600):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
