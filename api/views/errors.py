from typing import Any

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from companies.services.follow_ups import FollowUpError
from liaison.services.referrals import ReferralNotAllowed
from liaison.services.triage import TransitionNotAllowed


def exception_handler(error: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's answers (401, 403, 404, 400, 429 as JSON), plus 409 for a change the case's or the
    referral's current status does not allow, which the pages answer with a message."""
    if isinstance(error, FollowUpError):
        # What the follow-up or its visit lacks (done already, no contact to make a case for).
        return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
    if isinstance(error, TransitionNotAllowed | ReferralNotAllowed):
        return Response(
            {"detail": "That change is not possible in the current status."}, status=status.HTTP_409_CONFLICT
        )
    return drf_exception_handler(error, context)


@csrf_exempt  # no session, so nothing to forge: API clients authenticate with tokens
def not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Any other address under /api/v1/: a JSON 404, not the pages' HTML one."""
    return JsonResponse({"detail": "No such address in the API."}, status=404)
