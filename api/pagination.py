"""Cursor pages for the API's lists: the same page sizes everywhere, and a cursor that does not
decode to a position of the list's ordering is refused like any unknown cursor."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination
from rest_framework.request import Request


class CursorPages(CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def paginate_queryset(self, queryset: QuerySet[Any], request: Request, view: Any = None) -> Any:
        # A cursor is base64 of "p=<position>", which a client can write itself; a position the
        # ordering field cannot read (a date that is no date) is a 404 like an unknown cursor,
        # not a 500.
        try:
            return super().paginate_queryset(queryset, request, view)
        except ValidationError:
            if self.cursor_query_param not in request.query_params:
                raise
            raise NotFound(self.invalid_cursor_message) from None
