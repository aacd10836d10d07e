from django.urls import path

from identity import oidc, views

urlpatterns = [
    path("login/oidc/", oidc.start, name="oidc-start"),
    path("login/oidc/callback/", oidc.callback, name="oidc-callback"),
    path("login/code/", views.verify, name="mfa-verify"),
    path("login/second-factor/", views.setup, name="mfa-setup"),
]
