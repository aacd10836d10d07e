"""How the API knows who is calling: `Authorization: Bearer kp_…`, and what the token may do."""

from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request
from rest_framework.throttling import BaseThrottle

from api.models import ApiToken
from api.tokens import record_token_use, token_for_secret
from liaison import ratelimit


class ApiTokenAuthentication(BaseAuthentication):
    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        header = get_authorization_header(request).split()
        if not header or header[0].lower() != b"bearer":
            return None  # no credentials: the permission check answers 401
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Send the token as 'Authorization: Bearer <token>'."))
        try:
            secret = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("The token is not valid.")) from None
        token = token_for_secret(secret)
        if token is None:
            raise exceptions.AuthenticationFailed(
                _("The token is not valid, has expired or has been revoked.")
            )
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("The token's account is deactivated."))
        record_token_use(token)
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        # Makes an unauthenticated request a 401 (with this challenge) rather than a 403.
        return 'Bearer realm="api"'


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.ApiTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "http", "scheme": "bearer", "description": "An API token: kp_…"}


class TokenScopes(BasePermission):
    """A signed-in token with the view's scope: `read_scope` for reading, `write_scope` for the
    rest. Whether the token's account may see this case or that referral is the access rules'
    business (liaison.access), as on the pages."""

    def has_permission(self, request: Request, view: Any) -> bool:
        token = request.auth
        if not isinstance(token, ApiToken):
            raise exceptions.NotAuthenticated()
        needed = view.read_scope if request.method in SAFE_METHODS else view.write_scope
        if needed not in token.scopes:
            self.message = _("This token lacks the scope %(scope)s.") % {"scope": needed}
            return False
        return True


class TokenRateThrottle(BaseThrottle):
    """API_REQUESTS_PER_MINUTE for each token, whoever holds it.

    Counted by liaison.ratelimit's one-statement increment rather than DRF's cache throttle,
    which reads and then writes the count: requests sent at once all read the same count and
    all pass, and with Redis down it counts nothing at all."""

    def __init__(self) -> None:
        self.refusal: ratelimit.Use | None = None

    def allow_request(self, request: Request, view: Any) -> bool:
        token = request.auth
        if not isinstance(token, ApiToken):
            return True
        use = ratelimit.try_use(
            "api-token", str(token.pk), settings.API_REQUESTS_PER_MINUTE, window_seconds=ratelimit.MINUTE
        )
        self.refusal = None if use.allowed else use
        return use.allowed

    def wait(self) -> float | None:
        return self.refusal.retry_after_seconds if self.refusal else None
