from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from karlshamn_portal import pages
from karlshamn_portal.health.views import health
from karlshamn_portal.outbox import views as outbox_views

urlpatterns = [
    path("", pages.home, name="home"),
    path("accessibility/", pages.accessibility, name="accessibility"),
    path("health/", health, name="health"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("outbox/", outbox_views.outbox_list, name="outbox"),
    path("outbox/<int:pk>/", outbox_views.outbox_detail, name="outbox-detail"),
    path("outbox/<int:pk>/html/", outbox_views.outbox_html, name="outbox-html"),
    path(
        "outbox/<int:pk>/attachments/<int:index>/", outbox_views.outbox_attachment, name="outbox-attachment"
    ),
    path("admin/", admin.site.urls),
    path("", include("liaison.urls")),
    path("", include("meetings.urls")),
    path("", include("forum.urls")),
]

handler404 = "karlshamn_portal.pages.not_found"
handler500 = "karlshamn_portal.pages.server_error"

if settings.DEBUG:
    urlpatterns.append(path("_debug/500/", pages.debug_server_error))
