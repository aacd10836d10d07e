"""Read-only views of the forum for administrators: every change goes through forum.services
(which keeps occurrences in step and sends the e-mails), reached from the liaison pages."""

from django.contrib import admin
from django.http import HttpRequest

from forum.models import AgendaItem, ForumSeries, Occurrence, Subscriber


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(ForumSeries)
class ForumSeriesAdmin(ReadOnlyAdmin):
    list_display = ["name", "slug", "rule", "start_time", "first_date", "end_date", "capacity"]
    search_fields = ["name", "slug"]


@admin.register(Occurrence)
class OccurrenceAdmin(ReadOnlyAdmin):
    list_display = ["series", "original_start", "meeting", "agenda_published_at", "minutes_published_at"]
    list_filter = ["series"]
    list_select_related = ["series", "meeting"]
    date_hierarchy = "original_start"


@admin.register(Subscriber)
class SubscriberAdmin(ReadOnlyAdmin):
    list_display = ["name", "email", "company_name", "series", "status", "confirmed_at"]
    list_filter = ["series", "status"]
    search_fields = ["name", "email", "company_name"]


@admin.register(AgendaItem)
class AgendaItemAdmin(ReadOnlyAdmin):
    list_display = ["title", "occurrence", "subscriber", "status", "position"]
    list_filter = ["status"]
    list_select_related = ["occurrence__series", "subscriber"]
