from django.urls import path

from retention import views

app_name = "retention"

urlpatterns = [
    path("privacy/", views.privacy, name="privacy"),
    path("personal-data/", views.requests_page, name="requests"),
    path("personal-data/<int:pk>/", views.request_detail, name="request"),
    path("personal-data/<int:pk>/download/", views.request_download, name="request-download"),
]
