from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from meetings.models import Invitation, Meeting, Reminder


class InvitationInline(admin.TabularInline):
    model = Invitation
    extra = 0
    fields = readonly_fields = ("name", "email", "role", "answer", "answered_at", "comment", "sent_sequence")
    # Changes go through meetings.services, which sends the e-mails; the admin only shows.
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "start", "end", "status", "sequence"]
    list_filter = ["status"]
    search_fields = ["title", "place"]
    date_hierarchy = "start"
    inlines = [InvitationInline]
    readonly_fields = ["uid", "sequence", "status", "start", "end", "series_uid", "recurrence_id"]


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["invitation", "planned_start", "offset_minutes", "due_at", "status", "sent_at"]
    list_filter = ["status"]
    readonly_fields = ["invitation", "planned_start", "offset_minutes", "due_at", "status", "sent_at"]
