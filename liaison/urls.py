from django.urls import include, path

# Public pages (request form, private track link) and staff pages (dashboard, case page,
# referrals) are kept in separate modules.
urlpatterns = [
    path("", include("liaison.urls_public")),
    path("", include("liaison.urls_staff")),
    path("", include("liaison.urls_meetings")),
]
