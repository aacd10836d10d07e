from django.contrib import admin
from django.http import HttpRequest

from retention.models import ClearingRun, PersonalDataRequest


class ReadOnlyAdmin(admin.ModelAdmin):
    """A log: written by the portal, read by administrators, changed by no one."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(ClearingRun)
class ClearingRunAdmin(ReadOnlyAdmin):
    list_display = ["started_at", "kind", "cleared", "rule", "finished_at"]
    list_filter = ["kind", "started_at"]
    date_hierarchy = "started_at"


@admin.register(PersonalDataRequest)
class PersonalDataRequestAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "kind", "masked_person", "made_by_name"]
    list_filter = ["kind", "created_at"]
    # The person is shown masked; the full address only on the row's own page.
    exclude = ["email", "personnummer"]
    readonly_fields = ["masked_person"]
