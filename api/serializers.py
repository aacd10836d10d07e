"""What the API reads and writes, field by field (the OpenAPI schema is made from these)."""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from companies.orgnr import parse_organisation_number
from karlshamn_portal.people import display_name
from liaison.models import Case, CaseEvent, CaseStatus, Referral, ReferralStatus, Topic

NULLABLE_TEXT = {"type": "string", "nullable": True}


class CompanySerializer(serializers.Serializer):
    name = serializers.CharField()
    organisation_number = serializers.CharField(
        help_text=(
            "A sole trader's personnummer is masked (811218-****); a liaison officer's token reveals "
            "it with POST /cases/{reference}/personnummer/, which is recorded."
        )
    )


def company_of(case: Case) -> dict[str, str]:
    return {"name": case.company.name, "organisation_number": case.company.masked_organisation_number}


class PersonnummerSerializer(serializers.Serializer):
    organisation_number = serializers.CharField(
        help_text="In full. For a sole trader, the reveal is in the record of who saw personal data."
    )


class CaseSerializer(serializers.ModelSerializer):
    company = serializers.SerializerMethodField()
    topic = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    owner = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = [
            "reference",
            "status",
            "subject",
            "company",
            "topic",
            "owner",
            "diarium_number",
            "created_at",
            "first_response_due",
            "first_responded_at",
            "closed_at",
        ]

    @extend_schema_field(CompanySerializer)
    def get_company(self, case: Case) -> dict[str, str]:
        return company_of(case)

    @extend_schema_field(NULLABLE_TEXT)
    def get_owner(self, case: Case) -> str | None:
        return display_name(case.owner) if case.owner else None


class EventSerializer(serializers.ModelSerializer):
    class Meta:
        model = CaseEvent
        fields = ["id", "kind", "is_public", "text", "actor_name", "data", "created_at"]


class ReferralSerializer(serializers.ModelSerializer):
    case = serializers.CharField(source="case.reference", read_only=True)
    department = serializers.CharField(source="department.slug", read_only=True)
    official = serializers.SerializerMethodField()

    class Meta:
        model = Referral
        fields = [
            "id",
            "case",
            "department",
            "official",
            "status",
            "message",
            "decline_reason",
            "due_date",
            "created_at",
            "accepted_at",
            "done_at",
        ]

    @extend_schema_field(NULLABLE_TEXT)
    def get_official(self, referral: Referral) -> str | None:
        return display_name(referral.official) if referral.official else None


class CaseDetailSerializer(CaseSerializer):
    events = EventSerializer(many=True, read_only=True, help_text="Public and internal events, oldest first.")
    referrals = ReferralSerializer(many=True, read_only=True)

    class Meta(CaseSerializer.Meta):
        fields = [
            *CaseSerializer.Meta.fields,
            "description",
            "contact_name",
            "contact_email",
            "contact_phone",
            "language",
            "referrals",
            "events",
        ]


class NewCaseSerializer(serializers.Serializer):
    """A request received by phone or at the desk, registered on the company's behalf."""

    channel = serializers.ChoiceField(choices=["phone", "desk"])
    company_name = serializers.CharField(max_length=200, min_length=1)
    organisation_number = serializers.CharField(max_length=20, min_length=1)
    contact_name = serializers.CharField(max_length=150, min_length=1)
    contact_email = serializers.EmailField(max_length=254)
    contact_phone = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    topic = serializers.SlugRelatedField(
        slug_field="slug", queryset=Topic.objects.filter(is_active=True), required=False, allow_null=True
    )
    subject = serializers.CharField(max_length=200, min_length=1)
    description = serializers.CharField(max_length=10_000, min_length=1)
    language = serializers.ChoiceField(choices=["sv", "en"], default="sv")

    def validate_organisation_number(self, value: str) -> Any:
        try:
            return parse_organisation_number(value)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from None


class StatusChangeSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=CaseStatus.choices)
    summary = serializers.CharField(
        max_length=10_000,
        required=False,
        allow_blank=True,
        help_text="Required when closing: what was done, sent to the company.",
    )

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        if data["status"] == CaseStatus.CLOSED and not data.get("summary", "").strip():
            raise serializers.ValidationError({"summary": "Closing a case needs a summary for the company."})
        return data


class DiariumNumberSerializer(serializers.Serializer):
    diarium_number = serializers.CharField(max_length=50, allow_blank=True)


class ReferralAnswerSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=[ReferralStatus.ACCEPTED, ReferralStatus.DECLINED, ReferralStatus.DONE]
    )
    text = serializers.CharField(
        max_length=10_000,
        required=False,
        allow_blank=True,
        help_text="The reason when declining (required); what the department did when done (optional).",
    )

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        if data["status"] == ReferralStatus.DECLINED and not data.get("text", "").strip():
            raise serializers.ValidationError({"text": "Declining needs a reason."})
        return data


class ForumMeetingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    series = serializers.CharField(source="series.slug")
    series_name = serializers.CharField(source="series.name")
    title = serializers.CharField(source="meeting.title")
    start = serializers.DateTimeField(source="meeting.start")
    end = serializers.DateTimeField(source="meeting.end")
    place = serializers.CharField(source="meeting.place")
    status = serializers.CharField(source="meeting.status")
    agenda_published_at = serializers.DateTimeField(allow_null=True)
    minutes_published_at = serializers.DateTimeField(allow_null=True)
