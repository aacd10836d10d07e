"""Staff sign-in through the municipality's identity provider (OpenID Connect, code flow).

mozilla-django-oidc runs the protocol: the state, the nonce and the PKCE verifier kept in the
session, the token request and the signature check against the provider's keys. This module
adds what it leaves to the site: the endpoints read from the provider's discovery document,
the audience and issuer checks on the ID token, users kept in step with the provider's groups
(identity.services) and a page that says why a sign-in was refused instead of a bare 400.
"""

import logging
from typing import Any
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render, resolve_url
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from identity.services import SignInRefused, sign_in_staff_user

logger = logging.getLogger(__name__)

BACKEND_PATH = "identity.oidc.PortalOIDCBackend"
DISCOVERY_SECONDS = 3600
# Settings that may come from the discovery document when they are not set explicitly.
DISCOVERED = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
    "OIDC_OP_LOGOUT_ENDPOINT": "end_session_endpoint",
}


def enabled() -> bool:
    return bool(
        settings.OIDC_RP_CLIENT_ID and (settings.OIDC_DISCOVERY_URL or settings.OIDC_OP_TOKEN_ENDPOINT)
    )


def discovery() -> dict[str, Any]:
    """The provider's /.well-known/openid-configuration, kept for an hour."""
    url = settings.OIDC_DISCOVERY_URL
    if not url:
        return {}
    key = f"oidc-discovery:{url}"
    document = cache.get(key)
    if document is None:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
        cache.set(key, document, DISCOVERY_SECONDS)
    return dict(document)


def oidc_setting(name: str, *default: Any) -> Any:
    explicit = getattr(settings, name, None)
    if explicit:
        return explicit
    if name in DISCOVERED:
        found = discovery().get(DISCOVERED[name])
        if found:
            return found
    return import_from_settings(name, *default)


def issuer() -> str:
    return str(settings.OIDC_ISSUER or discovery().get("issuer") or "")


def signed_in_through_provider(request: HttpRequest) -> bool:
    return request.session.get(BACKEND_SESSION_KEY) == BACKEND_PATH


class PortalOIDCBackend(OIDCAuthenticationBackend):
    """Listed among the authentication backends whether or not a provider is configured, so it
    reads its settings only when a callback brings a code: a password sign-in never waits for
    the provider's discovery document."""

    get_settings = staticmethod(oidc_setting)

    def __init__(self) -> None:
        self.UserModel = get_user_model()

    @property
    def OIDC_OP_TOKEN_ENDPOINT(self) -> str:  # the names the library reads
        return str(oidc_setting("OIDC_OP_TOKEN_ENDPOINT"))

    @property
    def OIDC_OP_USER_ENDPOINT(self) -> str:
        return str(oidc_setting("OIDC_OP_USER_ENDPOINT"))

    @property
    def OIDC_OP_JWKS_ENDPOINT(self) -> str | None:
        return oidc_setting("OIDC_OP_JWKS_ENDPOINT", None)

    @property
    def OIDC_RP_CLIENT_ID(self) -> str:
        return str(settings.OIDC_RP_CLIENT_ID)

    @property
    def OIDC_RP_CLIENT_SECRET(self) -> str:
        return str(settings.OIDC_RP_CLIENT_SECRET)

    @property
    def OIDC_RP_SIGN_ALGO(self) -> str:
        return str(settings.OIDC_RP_SIGN_ALGO)

    @property
    def OIDC_RP_IDP_SIGN_KEY(self) -> None:  # always the provider's published keys
        return None

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> Any:
        if request is None or "nonce" not in kwargs or not enabled():
            return None  # a password sign-in, or no provider
        return super().authenticate(request, **kwargs)

    def verify_token(self, token: str, **kwargs: Any) -> Any:
        try:
            payload = super().verify_token(token, **kwargs)
        except jwt.ExpiredSignatureError:
            raise SignInRefused("expired") from None
        except (jwt.InvalidTokenError, SuspiciousOperation) as error:
            # The library says SuspiciousOperation for a signature that does not match, a key
            # the provider does not publish and a nonce of another sign-in: a token that cannot
            # be verified, not the replayed state the callback view's SuspiciousOperation means.
            raise SignInRefused("invalid", str(error)) from None
        # The library checks the signature, the expiry and the nonce; the audience and the issuer
        # are ours to check (OpenID Connect Core 3.1.3.7), or a token issued to another service
        # of the same provider would sign anyone in here.
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SignInRefused("audience", f"aud={audience!r}")
        if len(audiences) > 1 and payload.get("azp") != self.OIDC_RP_CLIENT_ID:
            raise SignInRefused("audience", f"azp={payload.get('azp')!r}")
        expected_issuer = issuer()
        if expected_issuer and payload.get("iss") != expected_issuer:
            raise SignInRefused("invalid", f"iss={payload.get('iss')!r}")
        return payload

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        claims = {**payload, **self.get_userinfo(access_token, id_token, payload)}
        if claims.get("sub") != payload.get("sub"):
            raise SignInRefused("invalid", "userinfo is about another subject")
        return sign_in_staff_user(
            issuer() or str(payload.get("iss", "")),
            claims,
            settings.OIDC_GROUPS_CLAIM,
            settings.OIDC_GROUP_MAP,
        )

    def get_user(self, user_id: Any) -> Any:
        # As for a password session: a deactivated user is signed out at their next request.
        return ModelBackend().get_user(user_id)


def refused(request: HttpRequest, reason: str) -> HttpResponse:
    logger.info("sign-in through the identity provider refused: %s", reason)
    return render(request, "identity/sign_in_refused.html", {"reason": reason}, status=403)


class SignInStart(OIDCAuthenticationRequestView):
    get_settings = staticmethod(oidc_setting)


def start(request: HttpRequest) -> HttpResponse:
    if not enabled():
        return refused(request, "not_configured")
    try:
        return SignInStart.as_view()(request)
    except requests.RequestException:
        return refused(request, "unreachable")


class SignInCallback(OIDCAuthenticationCallbackView):
    get_settings = staticmethod(oidc_setting)

    def get(self, request: HttpRequest) -> HttpResponse:
        if request.GET.get("error"):
            super().get(request)  # forgets the state and any session
            return refused(request, "cancelled")
        try:
            return super().get(request)
        except SignInRefused as refusal:
            logger.info("sign-in refused: %s", refusal)
            return refused(request, refusal.reason)
        except SuspiciousOperation as error:
            # An unknown or already used state, or a nonce that does not match: a replayed or
            # forged answer, or a second tab that finished first.
            logger.info("sign-in refused: %s", error)
            return refused(request, "replayed")
        except requests.RequestException:
            return refused(request, "unreachable")

    def login_failure(self) -> HttpResponse:
        return refused(self.request, "failed")


def callback(request: HttpRequest) -> HttpResponse:
    if not enabled():
        return refused(request, "not_configured")
    return SignInCallback.as_view()(request)


def provider_logout_url(request: HttpRequest) -> str:
    """Where sign-out sends the browser: to the provider's end-session endpoint when the person
    signed in there (RP-initiated logout), so the provider's session ends too; home otherwise."""
    home = resolve_url(settings.LOGOUT_REDIRECT_URL)
    id_token = request.session.get("oidc_id_token")
    if not (signed_in_through_provider(request) and id_token):
        return home
    try:
        endpoint = oidc_setting("OIDC_OP_LOGOUT_ENDPOINT", None)
    except requests.RequestException:
        endpoint = None
    if not endpoint:
        return home
    query = urlencode(
        {
            "id_token_hint": id_token,
            "client_id": settings.OIDC_RP_CLIENT_ID,
            "post_logout_redirect_uri": request.build_absolute_uri(reverse("home")),
        }
    )
    return f"{endpoint}?{query}"
