from django.contrib import admin
from django.http import HttpRequest

from liaison.models import Case, CaseEvent, Department, PersonalDataSeen, Topic


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name_sv", "kind", "contact_email", "referral_working_days", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name_sv", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_sv"]}
    filter_horizontal = ["officials"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name_sv", "name_en", "position", "is_active"]
    list_editable = ["position", "is_active"]
    search_fields = ["name_sv", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    filter_horizontal = ["departments"]


class CaseEventInline(admin.TabularInline):
    model = CaseEvent
    extra = 0
    fields = readonly_fields = ("created_at", "kind", "is_public", "actor", "actor_name", "text")
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Case | None = None) -> bool:
        # The timeline is written by the services only, so it stays a true record.
        return False


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["reference", "subject", "company", "status", "created_at", "first_response_due"]
    list_filter = ["status", "topic"]
    search_fields = ["reference", "subject", "company__name", "company__organisation_number", "contact_email"]
    list_select_related = ["company"]
    raw_id_fields = ["company"]
    # Reference and times are set by submit_case, status, owner and topic by the services that
    # record each change in the timeline; editing them here would leave no trace in it.
    readonly_fields = [
        "reference",
        "created_at",
        "first_response_due",
        "company_active_at",
        "language",
        "status",
        "owner",
        "topic",
    ]
    inlines = [CaseEventInline]


@admin.register(PersonalDataSeen)
class PersonalDataSeenAdmin(admin.ModelAdmin):
    """The record of who saw personal data (a full personnummer, a file, an export, an access
    request): read only, filtered by kind, time and person."""

    list_display = ["seen_at", "kind", "user_name", "case", "what"]
    list_filter = ["kind", "seen_at", "user_name"]
    search_fields = ["user_name", "case__reference", "what"]
    date_hierarchy = "seen_at"
    list_select_related = ["case"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: PersonalDataSeen | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: PersonalDataSeen | None = None) -> bool:
        return False
