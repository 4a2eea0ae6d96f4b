from django import template
from django.urls import reverse

register = template.Library()


@register.filter
def admin_change_url(entry) -> str:
    opts = entry._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[entry.pk])


@register.filter
def verbose_name_plural(entry) -> str:
    return entry._meta.verbose_name_plural
