"""Creating and updating staff users from what the identity provider says about them."""

import logging
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, User
from django.db import transaction
from django.utils import timezone

from identity.group_map import Grant, GroupMap, grant_for
from identity.models import StaffIdentity
from liaison.models import Department

logger = logging.getLogger(__name__)


class SignInRefused(Exception):
    """The identity provider's answer does not let this person in; `reason` picks the page text."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


def provider_groups(claims: dict[str, Any], claim: str) -> list[str]:
    value = claims.get(claim, [])
    if isinstance(value, str):  # some providers send a single group as a string
        return [value]
    if isinstance(value, list):
        return [str(item) for item in value]
    return []


def _free_username(wanted: str, subject: str) -> str:
    model = get_user_model()
    base = (wanted or subject)[:140]
    if not model.objects.filter(username=base).exists():
        return base
    return f"{base[:120]}-{subject[:16]}"


def sign_in_staff_user(issuer: str, claims: dict[str, Any], groups_claim: str, group_map: GroupMap) -> User:
    """The user for these claims, created or brought up to date (name, e-mail, groups,
    departments). Raises SignInRefused when the person's groups give no portal role, after
    deactivating the user they had, so the portal does not keep an account nobody manages."""
    subject = str(claims.get("sub") or "")
    if not subject:
        raise SignInRefused("invalid", "no subject claim")
    grant = grant_for(provider_groups(claims, groups_claim), group_map)
    portal_groups = list(Group.objects.filter(name__in=grant.groups))
    if not portal_groups:
        deactivate_staff_identity(issuer, subject)  # committed, whatever the refusal does next
        raise SignInRefused("no_role")
    return _update_staff_user(issuer, subject, claims, portal_groups, grant)


@transaction.atomic
def deactivate_staff_identity(issuer: str, subject: str) -> None:
    identity = (
        StaffIdentity.objects.select_related("user")
        .select_for_update()
        .filter(issuer=issuer, subject=subject)
    ).first()
    if identity is None or not identity.user.is_active:
        return
    identity.user.is_active = False
    identity.user.save(update_fields=["is_active"])
    identity.deactivated_by_sign_in = True
    identity.save(update_fields=["deactivated_by_sign_in"])
    logger.info("deactivated %s: no provider group maps to a portal role", identity.user.username)


@transaction.atomic
def _update_staff_user(
    issuer: str, subject: str, claims: dict[str, Any], portal_groups: list[Group], grant: Grant
) -> User:
    identity = (
        StaffIdentity.objects.select_related("user")
        .select_for_update()
        .filter(issuer=issuer, subject=subject)
    ).first()
    if identity is None:
        user = get_user_model().objects.create_user(
            _free_username(str(claims.get("preferred_username") or claims.get("email") or ""), subject)
        )
        user.set_unusable_password()  # signs in through the provider only
        identity = StaffIdentity(user=user, issuer=issuer, subject=subject)
    user = identity.user
    if not user.is_active:
        if not identity.deactivated_by_sign_in:
            raise SignInRefused("inactive")
        user.is_active = True
        identity.deactivated_by_sign_in = False
    user.email = str(claims.get("email") or user.email)[:254]
    user.first_name = str(claims.get("given_name") or user.first_name)[:150]
    user.last_name = str(claims.get("family_name") or user.last_name)[:150]
    user.save()
    user.groups.set(portal_groups)
    user.departments.set(Department.objects.filter(slug__in=grant.departments))
    identity.last_sign_in_at = timezone.now()
    identity.save()
    return user
