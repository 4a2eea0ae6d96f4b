from django.utils.translation import gettext_lazy as _
from rest_framework.pagination import PageNumberPagination

from catalogue.listing import CappedPaginator


class ApiPaginator(CappedPaginator):
    max_rows = 10_000


class ApiPagination(PageNumberPagination):
    """Pages of 50 entries; a client may ask for up to 200 with ``page_size``."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    # Deep pages would scan every row before them: the first 10,000 rows page, the exports hold all.
    django_paginator_class = ApiPaginator
    invalid_page_message = _(
        "Invalid page: {page_number}. Only the first 10,000 rows can be paged through; "
        "narrow the list with filters or download the whole list as CSV or JSON."
    )
