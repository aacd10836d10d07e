"""Visits and their follow-ups. Who reads which visit is companies.access's and
Visit.objects.visible_to's business, as on the pages: business developers and liaison officers
all of them, officials those they are invited to and never the internal notes or follow-ups."""

from django.db.models import Prefetch, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from api.pagination import CursorPages
from api.register_serializers import (
    FollowUpSerializer,
    FollowUpStatusSerializer,
    VisitDetailSerializer,
    VisitSerializer,
)
from api.views.parameters import id_parameter, yes_parameter
from companies.access import get_follow_up_for_update, get_visit_for
from companies.models import FollowUp, FollowUpStatus, Visit, VisitStatus
from companies.services.follow_ups import complete_follow_up, turn_follow_up_into_case
from karlshamn_portal.roles import can_use_register


class VisitPages(CursorPages):
    ordering = ("-created_at", "-id")


class FollowUpPages(CursorPages):
    ordering = ("due_on", "id")


class VisitView:
    read_scope = "visits:read"
    write_scope = "visits:write"


@extend_schema_view(
    get=extend_schema(
        summary="List visits, newest first",
        parameters=[
            OpenApiParameter("status", OpenApiTypes.STR, many=True, enum=VisitStatus.values),
            OpenApiParameter("company", OpenApiTypes.INT, description="A company's id"),
            OpenApiParameter("not_followed_up", OpenApiTypes.BOOL, description="Held, e-mail not sent"),
        ],
    )
)
class VisitList(VisitView, generics.ListAPIView):
    serializer_class = VisitSerializer
    pagination_class = VisitPages

    def get_queryset(self) -> QuerySet[Visit]:
        visits = Visit.objects.visible_to(self.request.user).with_meeting().prefetch_related("focus_areas")
        if statuses := [s for s in self.request.query_params.getlist("status") if s in VisitStatus.values]:
            visits = visits.filter(status__in=statuses)
        if (company_id := id_parameter(self.request, "company")) is not None:
            visits = visits.filter(company_id=company_id)
        if yes_parameter(self.request, "not_followed_up"):
            visits = visits.not_followed_up()
        return visits


@extend_schema(summary="One visit, with its record and (for the register's users) its follow-ups")
class VisitDetail(VisitView, generics.RetrieveAPIView):
    serializer_class = VisitDetailSerializer

    def get_object(self) -> Visit:
        visit = get_visit_for(self.request.user, self.kwargs["visit_id"])
        follow_ups = FollowUp.objects.select_related("owner_user", "owner_department", "case")
        return (
            Visit.objects.with_meeting()
            .prefetch_related("focus_areas", Prefetch("follow_ups", queryset=follow_ups))
            .get(pk=visit.pk)
        )


@extend_schema_view(
    get=extend_schema(
        summary="List follow-ups, soonest due first",
        parameters=[
            OpenApiParameter("status", OpenApiTypes.STR, many=True, enum=FollowUpStatus.values),
            OpenApiParameter("visit", OpenApiTypes.INT, description="A visit's id"),
        ],
    )
)
class FollowUpList(VisitView, generics.ListAPIView):
    serializer_class = FollowUpSerializer
    pagination_class = FollowUpPages

    def get_queryset(self) -> QuerySet[FollowUp]:
        if not can_use_register(self.request.user):
            raise PermissionDenied("Follow-ups are for business developers and liaison officers.")
        follow_ups = FollowUp.objects.select_related("owner_user", "owner_department", "case")
        if statuses := [s for s in self.request.query_params.getlist("status") if s in FollowUpStatus.values]:
            follow_ups = follow_ups.filter(status__in=statuses)
        if (visit_id := id_parameter(self.request, "visit")) is not None:
            follow_ups = follow_ups.filter(visit_id=visit_id)
        return follow_ups


class FollowUpStatusChange(VisitView, generics.GenericAPIView):
    serializer_class = FollowUpStatusSerializer

    @extend_schema(
        summary="Mark a follow-up done, or hand it to the business liaison as a case",
        responses=FollowUpSerializer,
    )
    def post(self, request: Request, follow_up_id: int) -> Response:
        follow_up = get_follow_up_for_update(request.user, follow_up_id)
        change = self.get_serializer(data=request.data)
        change.is_valid(raise_exception=True)
        if change.validated_data["status"] == FollowUpStatus.DONE:
            complete_follow_up(follow_up)
        else:
            turn_follow_up_into_case(follow_up)
        changed = FollowUp.objects.select_related("owner_user", "owner_department", "case").get(
            pk=follow_up.pk
        )
        return Response(FollowUpSerializer(changed).data)
