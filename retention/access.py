"""Who may see personal data requests: liaison officers, who enter them, and no one else."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from karlshamn_portal.roles import User, is_liaison
from retention.models import PersonalDataRequest


def check_may_handle_requests(user: User) -> None:
    if not is_liaison(user):
        raise PermissionDenied


def get_request_for(user: User, pk: int) -> PersonalDataRequest:
    """A recorded request, for liaison officers only; 404 for one that is not there."""
    check_may_handle_requests(user)
    return get_object_or_404(PersonalDataRequest, pk=pk)
