from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from oauth2_provider.oauth2_validators import OAuth2Validator

WRONG_AUDIENCE = "wrong_audience"
EXPIRED = "expired"


class Validator(OAuth2Validator):
    """The provider's claims: name, e-mail and the person's groups, like Entra ID's groups claim.
    A fault written to the fault file makes the next ID tokens wrong in one way."""

    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, "groups": "profile"}

    def get_additional_claims(self, request: Any) -> dict[str, Any]:
        user = request.user
        return {
            "given_name": user.first_name,
            "family_name": user.last_name,
            "email": user.email,
            "preferred_username": user.username,
            "groups": sorted(user.groups.values_list("name", flat=True)),
        }

    def get_id_token_dictionary(self, token: Any, token_handler: Any, request: Any) -> Any:
        claims, expiration_time = super().get_id_token_dictionary(token, token_handler, request)
        fault = settings.FAULT_FILE.read_text().strip() if settings.FAULT_FILE.exists() else ""
        if fault == WRONG_AUDIENCE:
            claims["aud"] = "another-municipal-service"
        elif fault == EXPIRED:
            claims["exp"] = int((timezone.now() - timedelta(minutes=5)).timestamp())
        return claims, expiration_time
