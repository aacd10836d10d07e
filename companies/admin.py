from django.contrib import admin

from companies.models import Company, Contact, CoverageGoal, FocusArea, FollowUp, Visit


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    # The list shows a sole trader's personnummer masked; the full number is on the company's own
    # page, and the search still finds it.
    list_display = [
        "name",
        "masked_organisation_number",
        "is_sole_trader",
        "size_class",
        "industry_section",
        "town",
    ]
    list_filter = ["is_sole_trader", "in_latest_register", "size_class", "industry_section"]
    search_fields = ["name", "organisation_number"]


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["name", "company", "role", "email"]
    search_fields = ["name", "email", "company__name"]
    raw_id_fields = ["company"]


@admin.register(FocusArea)
class FocusAreaAdmin(admin.ModelAdmin):
    list_display = ["name_sv", "name_en", "position", "is_active"]
    list_editable = ["position", "is_active"]


@admin.register(CoverageGoal)
class CoverageGoalAdmin(admin.ModelAdmin):
    list_display = ["size_class", "interval_months"]
    list_editable = ["interval_months"]


@admin.register(Visit)
class VisitAdmin(admin.ModelAdmin):
    list_display = ["company", "status", "followed_up_at"]
    list_filter = ["status"]
    raw_id_fields = ["company", "meeting", "contact"]


@admin.register(FollowUp)
class FollowUpAdmin(admin.ModelAdmin):
    list_display = ["text", "visit", "due_on", "status"]
    list_filter = ["status"]
    raw_id_fields = ["visit", "case"]
