"""Who may see and change what in the forum: liaison officers run it; the public sees the
published parts; subscribers reach their own things through signed links."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from forum.models import ForumSeries, Occurrence
from karlshamn_portal.roles import User, is_liaison


def check_liaison(user: User) -> None:
    if not is_liaison(user):
        raise PermissionDenied


def get_series_for(user: User, slug: str) -> ForumSeries:
    check_liaison(user)
    return get_object_or_404(ForumSeries, slug=slug)


def get_occurrence_for(user: User, slug: str, pk: int) -> Occurrence:
    check_liaison(user)
    return get_object_or_404(Occurrence.objects.select_related("series", "meeting"), series__slug=slug, pk=pk)
