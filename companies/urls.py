from django.urls import path

from companies.views import coverage, follow_ups, imports, register, visits

app_name = "companies"

urlpatterns = [
    path("companies/", register.register_list, name="register"),
    path("companies/start/", coverage.start, name="start"),
    path("companies/export.csv", register.register_export, name="export"),
    path("companies/import/", imports.import_register, name="import"),
    path("companies/import/<int:pk>/", imports.import_detail, name="import-detail"),
    path("companies/import/<int:pk>/progress/", imports.import_progress, name="import-progress"),
    path("companies/<int:pk>/", register.company_detail, name="company"),
    path("companies/<int:pk>/notes/", register.company_notes, name="notes"),
    path("companies/<int:pk>/contacts/", register.contact_add, name="contact-add"),
    path("companies/<int:pk>/contacts/<int:contact_id>/", register.contact_edit, name="contact-edit"),
    path("visits/", visits.visit_list, name="visits"),
    path("visits/new/", visits.visit_new, name="visit-new"),
    path("visits/<int:pk>/", visits.visit_detail, name="visit"),
    path("visits/<int:pk>/move/", visits.visit_move, name="visit-move"),
    path("visits/<int:pk>/cancel/", visits.visit_cancel, name="visit-cancel"),
    path("visits/<int:pk>/record/", visits.visit_record, name="visit-record"),
    path("visits/<int:pk>/follow-ups/", visits.follow_up_add, name="follow-up-add"),
    path("visits/<int:pk>/email/", visits.visit_email, name="visit-email"),
    path("follow-ups/<int:pk>/done/", follow_ups.follow_up_done, name="follow-up-done"),
    path("follow-ups/<int:pk>/case/", follow_ups.follow_up_case, name="follow-up-case"),
    path("coverage/", coverage.coverage, name="coverage"),
]
