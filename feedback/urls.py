from django.urls import path

from feedback.views import exports, staff, statistics, survey

app_name = "feedback"

urlpatterns = [
    path("feedback/", staff.results_page, name="results"),
    path("feedback/survey/<str:token>/", survey.survey, name="survey"),
    path("feedback/survey/<str:token>/opt-out/", survey.opt_out, name="opt-out"),
    path("feedback/exports/", exports.export_list, name="exports"),
    path("feedback/exports/<int:export_id>/download/", exports.export_download, name="export-download"),
    path("feedback/export/<slug:kind>.<slug:file_format>", exports.export, name="export"),
    path("statistik/", statistics.statistics_page, name="statistics"),
    path("statistik/statistik.csv", statistics.statistics_csv, name="statistics-csv"),
]
