"""Cases: the list, one case with its timeline, a case received by phone, status and diarium
number. Writes go through the same services as the case page, so the timeline records them the
same way, and access is decided by liaison.access as for the pages."""

from typing import Any

from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from api.pagination import CursorPages
from api.serializers import (
    CaseDetailSerializer,
    CaseSerializer,
    DiariumNumberSerializer,
    NewCaseSerializer,
    PersonnummerSerializer,
    StatusChangeSerializer,
)
from api.views.parameters import text_parameter
from karlshamn_portal.roles import is_liaison
from liaison.access import cases_visible_to, get_case_for, get_case_for_update
from liaison.models import Case, CaseStatus, Referral
from liaison.services import triage
from liaison.services.intake import Submission, submit_case
from liaison.services.personal_data import reveal_personnummer


class CasePages(CursorPages):
    ordering = ("-created_at", "-id")


class CaseView:
    read_scope = "cases:read"
    write_scope = "cases:write"


@extend_schema_view(
    get=extend_schema(
        summary="List cases",
        parameters=[
            OpenApiParameter("status", OpenApiTypes.STR, many=True, enum=CaseStatus.values),
            OpenApiParameter("diarium_number", OpenApiTypes.STR),
            OpenApiParameter("department", OpenApiTypes.STR, description="A department's short name"),
            OpenApiParameter("received_after", OpenApiTypes.DATETIME),
            OpenApiParameter("received_before", OpenApiTypes.DATETIME),
        ],
    ),
    post=extend_schema(
        summary="Register a case received by phone or at the desk",
        request=NewCaseSerializer,
        responses={201: CaseDetailSerializer},
    ),
)
class CaseList(CaseView, generics.ListCreateAPIView):
    serializer_class = CaseSerializer
    pagination_class = CasePages

    def get_queryset(self) -> QuerySet[Case]:
        cases = cases_visible_to(self.request.user).select_related("company", "topic", "owner")
        params = self.request.query_params
        if statuses := [s for s in params.getlist("status") if s in CaseStatus.values]:
            cases = cases.filter(status__in=statuses)
        if number := text_parameter(self.request, "diarium_number"):
            cases = cases.filter(diarium_number=number)
        if department := text_parameter(self.request, "department"):
            cases = cases.filter(referrals__department__slug=department).distinct()
        for name, lookup in (("received_after", "created_at__gte"), ("received_before", "created_at__lt")):
            if value := params.get(name):
                cases = cases.filter(**{lookup: _datetime(name, value)})
        return cases

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not is_liaison(request.user):
            raise PermissionDenied("Only liaison officers register cases.")
        incoming = NewCaseSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        case = submit_case(Submission(**incoming.validated_data, registered_by=request.user))
        answer = _case_answer(request, case)
        answer.status_code = status.HTTP_201_CREATED
        return answer


def _datetime(name: str, value: str) -> Any:
    from django.utils.dateparse import parse_datetime
    from rest_framework.exceptions import ValidationError

    try:
        parsed = parse_datetime(value)
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        raise ValidationError({name: "An ISO 8601 date and time with its offset, e.g. 2026-12-01T08:00:00Z."})
    return parsed


@extend_schema(summary="One case, with its referrals and its public and internal events")
class CaseDetail(CaseView, generics.RetrieveAPIView):
    serializer_class = CaseDetailSerializer
    lookup_url_kwarg = "reference"

    def get_object(self) -> Case:
        return _with_timeline(get_case_for(self.request.user, self.kwargs["reference"]))


def _with_timeline(case: Case) -> Case:
    # The timeline and the referrals in two queries, however long they are.
    referrals = Referral.objects.select_related("department", "official")
    prefetch_related_objects([case], "events", Prefetch("referrals", queryset=referrals))
    return case


def _case_answer(request: Request, case: Case) -> Response:
    case = _with_timeline(get_case_for(request.user, case.reference))
    return Response(CaseDetailSerializer(case, context={"request": request}).data)


class CaseStatusChange(CaseView, generics.GenericAPIView):
    serializer_class = StatusChangeSerializer

    @extend_schema(
        summary="Change a case's status (closing tells the company)", responses=CaseDetailSerializer
    )
    def post(self, request: Request, reference: str) -> Response:
        case = get_case_for_update(request.user, reference)
        change = self.get_serializer(data=request.data)
        change.is_valid(raise_exception=True)
        if change.validated_data["status"] == CaseStatus.CLOSED:
            case = triage.close_case(case, change.validated_data["summary"], request.user)
        else:
            case = triage.change_status(case, change.validated_data["status"], request.user)
        return _case_answer(request, case)


class CaseDiariumNumber(CaseView, generics.GenericAPIView):
    serializer_class = DiariumNumberSerializer

    @extend_schema(
        summary="Set the number the municipality's case system gave the case", responses=CaseDetailSerializer
    )
    def put(self, request: Request, reference: str) -> Response:
        case = get_case_for_update(request.user, reference)
        change = self.get_serializer(data=request.data)
        change.is_valid(raise_exception=True)
        case = triage.set_diarium_number(case, change.validated_data["diarium_number"], request.user)
        return _case_answer(request, case)


class CasePersonnummer(CaseView, generics.GenericAPIView):
    """The case page's reveal button for an integration: a POST, so a reveal is never a side
    effect of reading a list, and recorded like the button's."""

    serializer_class = PersonnummerSerializer
    write_scope = CaseView.read_scope

    @extend_schema(
        summary="Reveal a sole trader's full personnummer (liaison officers; recorded)",
        request=None,
        responses=PersonnummerSerializer,
    )
    def post(self, request: Request, reference: str) -> Response:
        case = get_case_for(request.user, reference)
        return Response({"organisation_number": reveal_personnummer(case, request.user)})
