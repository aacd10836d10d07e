from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from companies.services.follow_ups import FollowUpError
from liaison.services.referrals import ReferralNotAllowed
from liaison.services.triage import CaseAnonymised, TransitionNotAllowed


def exception_handler(error: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's answers (401, 403, 404, 400, 429 as JSON), plus 409 for a change the case's or the
    referral's current status does not allow, which the pages answer with a message, and 413 for
    a body too large to read."""
    if isinstance(error, RequestDataTooBig):
        # Django would answer with the pages' HTML 400; a client needs to know it was the size.
        return Response(
            {"detail": f"The body is larger than the {settings.DATA_UPLOAD_MAX_MEMORY_SIZE} bytes accepted."},
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    if isinstance(error, FollowUpError):
        # What the follow-up or its visit lacks (done already, no contact to make a case for).
        return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
    if isinstance(error, CaseAnonymised):
        return Response(
            {"detail": "The case is anonymised by the retention plan; only its diarium number can change."},
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(error, TransitionNotAllowed | ReferralNotAllowed):
        return Response(
            {"detail": "That change is not possible in the current status."}, status=status.HTTP_409_CONFLICT
        )
    return drf_exception_handler(error, context)


@csrf_exempt  # no session, so nothing to forge: API clients authenticate with tokens
def not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Any other address under /api/v1/: a JSON 404, not the pages' HTML one."""
    return JsonResponse({"detail": "No such address in the API."}, status=404)
