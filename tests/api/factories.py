from django.test import Client

from api.models import Scope
from api.tokens import create_api_token

ALL_SCOPES = list(Scope.values)


def token_for(user, *scopes: str, name: str | None = None) -> str:  # type: ignore[no-untyped-def]
    issued = create_api_token(name or f"token for {user.username} {scopes}", scopes or ALL_SCOPES, user=user)
    return issued.secret


def api(secret: str | None) -> Client:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"} if secret else {}
    return Client(**headers)
