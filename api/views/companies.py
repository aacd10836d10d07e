"""The company register: the list with the register page's filters, in the register page's
keyset pages, and one company with its visits. For business developers and liaison officers,
as on the pages (companies.access)."""

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from api.register_serializers import CompanyDetailSerializer, RegisterCompanySerializer
from companies.access import get_company_for
from companies.forms.register import RegisterFilterForm
from companies.industry import IndustrySection
from companies.models import Company, SizeClass, Visit
from companies.register import RegisterPage, register_page
from karlshamn_portal.roles import can_use_register


class RegisterPages(BasePagination):
    """The register page's own keyset pages (companies.register): in name order, found by the id
    of the last or first company seen, so a link carries no company's name."""

    def paginate_queryset(
        self, queryset: QuerySet[Company], request: Request, view: Any = None
    ) -> list[Company]:
        after, before = (request.query_params.get(name, "") for name in ("after", "before"))
        self.page: RegisterPage = register_page(queryset, after=after, before=before)  # type: ignore[arg-type]
        self.request = request
        return self.page.companies

    def _link(self, name: str, company_id: int | None) -> str | None:
        if company_id is None:
            return None
        url = self.request.build_absolute_uri()
        url = remove_query_param(url, "before" if name == "after" else "after")
        return replace_query_param(url, name, company_id)

    def get_paginated_response(self, data: Any) -> Response:
        return Response(
            {
                "next": self._link("after", self.page.next_after),
                "previous": self._link("before", self.page.previous_before),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        link = {"type": "string", "format": "uri", "nullable": True}
        return {
            "type": "object",
            "required": ["results"],
            "properties": {"next": link, "previous": link, "results": schema},
        }

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            {
                "name": name,
                "in": "query",
                "required": False,
                "description": description,
                "schema": {"type": "integer", "minimum": 1},
            }
            for name, description in (
                ("after", "The page after the company with this id (the `next` link)"),
                ("before", "The page before the company with this id (the `previous` link)"),
            )
        ]


class CompanyView:
    read_scope = "companies:read"
    write_scope = "companies:read"  # read only


@extend_schema_view(
    get=extend_schema(
        summary="List the company register, by name",
        parameters=[
            OpenApiParameter(
                "q", OpenApiTypes.STR, description="Part of the name, or an organisationsnummer"
            ),
            OpenApiParameter("size_class", OpenApiTypes.STR, enum=SizeClass.values),
            OpenApiParameter(
                "section", OpenApiTypes.STR, enum=IndustrySection.values, description="SNI section"
            ),
            OpenApiParameter("town", OpenApiTypes.STR),
            OpenApiParameter(
                "not_met_months", OpenApiTypes.INT, description="Not met for this many months (1–240)"
            ),
            OpenApiParameter("never_met", OpenApiTypes.BOOL),
        ],
    )
)
class CompanyList(CompanyView, generics.ListAPIView):
    serializer_class = RegisterCompanySerializer
    pagination_class = RegisterPages

    def get_queryset(self) -> QuerySet[Company]:
        if not can_use_register(self.request.user):
            raise PermissionDenied("The register is for business developers and liaison officers.")
        filters = RegisterFilterForm(self.request.query_params)
        if not filters.is_valid():
            raise ValidationError(filters.errors)
        return filters.companies(timezone.now())


@extend_schema(summary="One company of the register, with its visits")
class CompanyDetail(CompanyView, generics.RetrieveAPIView):
    serializer_class = CompanyDetailSerializer

    def get_object(self) -> Company:
        company = get_company_for(self.request.user, self.kwargs["company_id"])
        visits = Visit.objects.select_related("meeting").order_by("-meeting__start", "-id")
        return Company.objects.prefetch_related(Prefetch("visits", queryset=visits)).get(pk=company.pk)
