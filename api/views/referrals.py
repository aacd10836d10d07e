"""Referrals: the list a department works from, and its answers (accept, decline, done)."""

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.request import Request
from rest_framework.response import Response

from api.pagination import CursorPages
from api.serializers import ReferralAnswerSerializer, ReferralSerializer
from api.views.parameters import text_parameter
from liaison.access import get_referral_for_update, referrals_visible_to
from liaison.models import Referral, ReferralStatus
from liaison.services import referrals as referral_services


class ReferralPages(CursorPages):
    ordering = ("due_date", "id")


class ReferralView:
    read_scope = "referrals:read"
    write_scope = "referrals:write"


@extend_schema_view(
    get=extend_schema(
        summary="List referrals",
        parameters=[
            OpenApiParameter("status", OpenApiTypes.STR, many=True, enum=ReferralStatus.values),
            OpenApiParameter("department", OpenApiTypes.STR, description="A department's short name"),
        ],
    )
)
class ReferralList(ReferralView, generics.ListAPIView):
    serializer_class = ReferralSerializer
    pagination_class = ReferralPages

    def get_queryset(self) -> QuerySet[Referral]:
        referrals = referrals_visible_to(self.request.user).select_related("case", "department", "official")
        params = self.request.query_params
        if statuses := [s for s in params.getlist("status") if s in ReferralStatus.values]:
            referrals = referrals.filter(status__in=statuses)
        if department := text_parameter(self.request, "department"):
            referrals = referrals.filter(department__slug=department)
        return referrals


class ReferralAnswer(ReferralView, generics.GenericAPIView):
    serializer_class = ReferralAnswerSerializer

    @extend_schema(
        summary="Answer a referral: accept, decline (with a reason) or mark done",
        responses=ReferralSerializer,
    )
    def post(self, request: Request, referral_id: int) -> Response:
        referral = get_referral_for_update(request.user, referral_id)
        answer = self.get_serializer(data=request.data)
        answer.is_valid(raise_exception=True)
        status, text = answer.validated_data["status"], answer.validated_data.get("text", "")
        if status == ReferralStatus.ACCEPTED:
            referral = referral_services.accept_referral(referral, request.user)
        elif status == ReferralStatus.DECLINED:
            # Declined, the referral leaves the official's sight (liaison.access); the answer
            # still shows them what they did.
            referral = referral_services.decline_referral(referral, request.user, text)
        else:
            referral = referral_services.complete_referral(referral, request.user, text)
        return Response(ReferralSerializer(referral).data)
