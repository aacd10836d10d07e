from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from mozilla_django_oidc.views import OIDCLogoutView

from identity import views as identity_views
from karlshamn_portal import pages
from karlshamn_portal.health.views import health
from karlshamn_portal.outbox import views as outbox_views
from karlshamn_portal.signin.views import PortalLoginView

urlpatterns = [
    path("", pages.home, name="home"),
    path("accessibility/", pages.accessibility, name="accessibility"),
    path("health/", health, name="health"),
    path("login/", PortalLoginView.as_view(), name="login"),
    # Ends the portal session and, for staff signed in through the identity provider, theirs there.
    path("logout/", OIDCLogoutView.as_view(), name="logout"),
    path("", include("identity.urls")),
    path("signed-in/", pages.signed_in, name="signed-in"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("outbox/", outbox_views.outbox_list, name="outbox"),
    path("outbox/<int:pk>/", outbox_views.outbox_detail, name="outbox-detail"),
    path("outbox/<int:pk>/html/", outbox_views.outbox_html, name="outbox-html"),
    path(
        "outbox/<int:pk>/attachments/<int:index>/", outbox_views.outbox_attachment, name="outbox-attachment"
    ),
    path("admin/login/", identity_views.admin_login),  # before the admin's own
    path("admin/", admin.site.urls),
    path("api/v1/", include("api.urls")),
    path("", include("liaison.urls")),
    path("", include("meetings.urls")),
    path("", include("forum.urls")),
    path("", include("feedback.urls")),
    path("", include("companies.urls")),
    path("", include("relocation.urls")),
    path("", include("retention.urls")),
]

handler400 = "karlshamn_portal.errors.bad_request"
handler403 = "karlshamn_portal.errors.permission_denied"
handler404 = "karlshamn_portal.pages.not_found"
handler500 = "karlshamn_portal.pages.server_error"

if settings.DEBUG:
    urlpatterns.append(path("_debug/500/", pages.debug_server_error))
