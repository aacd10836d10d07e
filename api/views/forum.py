from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.exceptions import PermissionDenied

from api.pagination import CursorPages
from api.serializers import ForumMeetingSerializer
from forum.models import Occurrence
from karlshamn_portal.roles import is_liaison


class MeetingPages(CursorPages):
    ordering = ("-original_start", "-id")


@extend_schema_view(get=extend_schema(summary="List forum meetings, newest first"))
class ForumMeetingList(generics.ListAPIView):
    """The forum's meetings, as liaison officers see them on the pages that run the forum."""

    read_scope = "forum:read"
    write_scope = "forum:read"  # read only
    serializer_class = ForumMeetingSerializer
    pagination_class = MeetingPages

    def get_queryset(self) -> QuerySet[Occurrence]:
        if not is_liaison(self.request.user):
            raise PermissionDenied("Running the forum is for liaison officers.")
        return Occurrence.objects.select_related("series", "meeting")
