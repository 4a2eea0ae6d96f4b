from django import template

from catalogue.registry import catalogue_for_model

register = template.Library()


@register.filter
def catalogue_key(entry) -> str:
    """The registry key of an entry's catalogue, as used in the suggestion URLs."""
    registered = catalogue_for_model(entry)
    return registered.key if registered else ""
