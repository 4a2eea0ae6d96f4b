"""``{% export_url "projects:export" "csv" query_string %}``: an export link that keeps the list's filters."""

from django import template
from django.http import QueryDict
from django.urls import reverse

from catalogue.listing import NON_FILTER_PARAMETERS

register = template.Library()


@register.simple_tag(takes_context=True)
def export_url(context, url_name, fmt, query_string=None, lang=None):
    if query_string is None:
        request = context.get("request")
        query_string = request.GET.urlencode() if request is not None else ""
    params = QueryDict(str(query_string).lstrip("?"), mutable=True)
    for key in NON_FILTER_PARAMETERS:
        params.pop(key, None)
    if lang:
        params["lang"] = lang
    url = reverse(url_name, kwargs={"fmt": fmt})
    encoded = params.urlencode()
    return f"{url}?{encoded}" if encoded else url
