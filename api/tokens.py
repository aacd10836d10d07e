"""Issuing, finding and revoking API tokens."""

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, User
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from api.models import ApiToken, Scope
from karlshamn_portal.roles import BUSINESS_DEVELOPER_GROUP, LIAISON_GROUP, OFFICIAL_GROUP
from liaison.models import Department

ROLES = {
    "liaison": LIAISON_GROUP,
    "official": OFFICIAL_GROUP,
    "business_developer": BUSINESS_DEVELOPER_GROUP,
}
# last_used_at is written at most this often, so a busy integration does not write on every call.
LAST_USED_RESOLUTION = timedelta(minutes=1)
NAME_MAX_LENGTH = ApiToken._meta.get_field("name").max_length or 100


class TokenError(ValueError):
    """The token cannot be issued as asked (an unknown scope, no role, a taken name)."""


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # shown once; only its hash is stored


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _integration_username(name: str) -> str:
    return f"integration-{slugify(name)}"[:150]


def integration_username_free(name: str) -> bool:
    return not get_user_model().objects.filter(username=_integration_username(name)).exists()


def _integration_user(name: str, role: str, departments: Iterable[Department]) -> User:
    if role not in ROLES:
        raise TokenError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    username = _integration_username(name)
    if not integration_username_free(name):
        raise TokenError(f"an account named {username} already exists")
    user = get_user_model().objects.create_user(username, first_name=name[:150])
    user.set_unusable_password()  # never signs in to the pages
    user.save()
    user.groups.add(Group.objects.get_or_create(name=ROLES[role])[0])
    user.departments.set(departments)
    return user


@transaction.atomic
def create_api_token(
    name: str,
    scopes: Iterable[str],
    *,
    user: User | None = None,
    role: str | None = None,
    departments: Iterable[Department] = (),
    expires_at: datetime | None = None,
    created_by: User | None = None,
) -> IssuedToken:
    """A token acting as `user`, or, for an integration, as a new account with `role`
    ("liaison" or "official", the latter for `departments`)."""
    name = name.strip()
    if not 0 < len(name) <= NAME_MAX_LENGTH:
        raise TokenError(f"the name must be 1 to {NAME_MAX_LENGTH} characters")
    scopes = sorted(set(scopes))
    unknown = set(scopes) - set(Scope.values)
    if unknown or not scopes:
        raise TokenError(
            f"scopes must be some of {', '.join(Scope.values)}; got {', '.join(scopes) or 'none'}"
        )
    if (user is None) == (role is None):
        raise TokenError("a token acts either as a staff user or as an integration with a role")
    if ApiToken.objects.filter(name=name).exists():
        raise TokenError(f"a token named {name!r} already exists")
    account = user or _integration_user(name, str(role), departments)
    prefix = secrets.token_hex(4)
    secret = f"kp_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        name=name,
        prefix=prefix,
        secret_hash=_hash(secret),
        user=account,
        is_integration=user is None,
        scopes=scopes,
        expires_at=expires_at,
        created_by=created_by,
    )
    return IssuedToken(token, secret)


def token_for_secret(secret: str, now: datetime | None = None) -> ApiToken | None:
    """The usable token this secret belongs to: not revoked, not expired."""
    parts = secret.split("_", 2)
    if len(parts) != 3 or parts[0] != "kp":
        return None
    token = (
        ApiToken.objects.usable(now or timezone.now()).select_related("user").filter(prefix=parts[1]).first()
    )
    if token is None or not hmac.compare_digest(token.secret_hash, _hash(secret)):
        return None
    return token


def record_token_use(token: ApiToken, now: datetime | None = None) -> None:
    now = now or timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


@transaction.atomic
def revoke_api_token(token: ApiToken, now: datetime | None = None) -> None:
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=now or timezone.now())
