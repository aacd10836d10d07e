"""The company register, visits and follow-ups as the API reads and writes them."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers import NULLABLE_TEXT
from companies.models import VISIT_FLAGS, Company, FollowUp, FollowUpStatus, Visit
from karlshamn_portal.people import display_name
from karlshamn_portal.roles import can_use_register

# A visit's flags by the names clients see: the field names without their "flag_".
FLAG_NAMES = {field: field.removeprefix("flag_") for field in VISIT_FLAGS}


def _reads_everything(context: dict[str, Any]) -> bool:
    """Business developers and liaison officers; officials invited to a visit read less of it."""
    request = context.get("request")
    return request is not None and can_use_register(request.user)


class RegisterCompanySerializer(serializers.ModelSerializer):
    organisation_number = serializers.CharField(
        source="masked_organisation_number",
        read_only=True,
        help_text="A sole trader's (a personnummer) masked (811218-****), as on the register's pages.",
    )

    class Meta:
        model = Company
        fields = [
            "id",
            "name",
            "organisation_number",
            "is_sole_trader",
            "legal_form",
            "industry",
            "sni_code",
            "industry_section",
            "size_class",
            "address",
            "postcode",
            "town",
            "municipality_code",
            "in_latest_register",
            "left_register_at",
        ]


class VisitedCompanySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    organisation_number = serializers.CharField()


class VisitSummarySerializer(serializers.ModelSerializer):
    start = serializers.DateTimeField(source="meeting.start", read_only=True)
    end = serializers.DateTimeField(source="meeting.end", read_only=True)
    place = serializers.CharField(source="meeting.place", read_only=True)
    flags = serializers.SerializerMethodField()

    class Meta:
        model = Visit
        fields = [
            "id",
            "status",
            "start",
            "end",
            "place",
            "purpose",
            "flags",
            "recorded_at",
            "followed_up_at",
        ]

    @extend_schema_field({"type": "array", "items": {"type": "string", "enum": list(FLAG_NAMES.values())}})
    def get_flags(self, visit: Visit) -> list[str]:
        return [name for field, name in FLAG_NAMES.items() if getattr(visit, field)]


class VisitSerializer(VisitSummarySerializer):
    company = serializers.SerializerMethodField()
    focus_areas = serializers.SlugRelatedField(slug_field="name_sv", many=True, read_only=True)
    internal_notes = serializers.SerializerMethodField(
        help_text="null unless the token acts as a business developer or liaison officer."
    )

    class Meta(VisitSummarySerializer.Meta):
        fields = [
            *VisitSummarySerializer.Meta.fields,
            "company",
            "what_works",
            "what_does_not_work",
            "plans",
            "worries",
            "focus_areas",
            "cancel_reason",
            "internal_notes",
            "created_at",
        ]

    @extend_schema_field(VisitedCompanySerializer)
    def get_company(self, visit: Visit) -> dict[str, Any]:
        company = visit.company
        number = company.masked_organisation_number
        return {"id": company.pk, "name": company.name, "organisation_number": number}

    @extend_schema_field(NULLABLE_TEXT)
    def get_internal_notes(self, visit: Visit) -> str | None:
        return visit.internal_notes if _reads_everything(self.context) else None


class CompanyDetailSerializer(RegisterCompanySerializer):
    visits = VisitSummarySerializer(many=True, read_only=True, help_text="Newest first.")

    class Meta(RegisterCompanySerializer.Meta):
        fields = [*RegisterCompanySerializer.Meta.fields, "internal_notes", "visits"]


class FollowUpSerializer(serializers.ModelSerializer):
    owner = serializers.SerializerMethodField(help_text="The colleague's name or the department's.")
    owner_department = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    case = serializers.SlugRelatedField(slug_field="reference", read_only=True, allow_null=True)

    class Meta:
        model = FollowUp
        fields = [
            "id",
            "visit",
            "text",
            "owner",
            "owner_department",
            "working_days",
            "due_on",
            "status",
            "tell_company",
            "case",
            "done_at",
            "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field(NULLABLE_TEXT)
    def get_owner(self, follow_up: FollowUp) -> str | None:
        if follow_up.owner_user:
            return display_name(follow_up.owner_user)
        return follow_up.owner_department.name if follow_up.owner_department else None


class VisitDetailSerializer(VisitSerializer):
    follow_ups = serializers.SerializerMethodField(
        help_text="null unless the token acts as a business developer or liaison officer."
    )

    class Meta(VisitSerializer.Meta):
        fields = [*VisitSerializer.Meta.fields, "follow_ups"]

    @extend_schema_field(FollowUpSerializer(many=True, allow_null=True))
    def get_follow_ups(self, visit: Visit) -> list[dict[str, Any]] | None:
        if not _reads_everything(self.context):
            return None
        return FollowUpSerializer(visit.follow_ups.all(), many=True, context=self.context).data


class FollowUpStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=[FollowUpStatus.DONE, FollowUpStatus.CASE],
        help_text="done: the promise is kept (the company is told if it was told of it); "
        "case: handed over to the business liaison as a new case.",
    )
