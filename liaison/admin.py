from django.contrib import admin

from liaison.models import Department


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name_sv", "kind", "contact_email", "referral_working_days", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name_sv", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_sv"]}
    filter_horizontal = ["officials"]
