import json
from base64 import urlsafe_b64decode, urlsafe_b64encode
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from oauth2_provider.oauth2_validators import OAuth2Validator

WRONG_AUDIENCE = "wrong_audience"
EXPIRED = "expired"
WRONG_NONCE = "wrong_nonce"
# The claims changed after signing (another person's subject), the provider's signature kept.
TAMPERED = "tampered"


def _fault() -> str:
    return settings.FAULT_FILE.read_text().strip() if settings.FAULT_FILE.exists() else ""


def _with_claims_changed(jwt: str) -> str:
    header, payload, signature = jwt.split(".")
    claims = json.loads(urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["sub"] = "someone-else"
    forged = urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    return f"{header}.{forged}.{signature}"


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
        fault = _fault()
        if fault == WRONG_AUDIENCE:
            claims["aud"] = "another-municipal-service"
        elif fault == EXPIRED:
            claims["exp"] = int((timezone.now() - timedelta(minutes=5)).timestamp())
        elif fault == WRONG_NONCE:
            claims["nonce"] = "a-nonce-of-another-sign-in"
        return claims, expiration_time

    def finalize_id_token(self, id_token: Any, token: Any, token_handler: Any, request: Any) -> str:
        signed = str(super().finalize_id_token(id_token, token, token_handler, request))
        return _with_claims_changed(signed) if _fault() == TAMPERED else signed
