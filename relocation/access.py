"""Who may see what of the service: the one place every staff view asks.

Relocation hosts and liaison officers run the service and see every partner. Officials see a
partner only through a relocation referral to one of their departments, and only what the
referral carries. Network employers and partners never sign in: their private links are their
way in (relocation.links).
"""

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.models import User as AccountUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from karlshamn_portal.roles import is_liaison, is_official, is_relocation_host
from relocation.models import Partner, RelocationReferral
from relocation.models.referrals import RelocationReferralQuerySet

User = AccountUser | AnonymousUser


def is_host_or_liaison(user: User) -> bool:
    return is_relocation_host(user) or is_liaison(user)


def require_host(user: User) -> None:
    """The queue, the network, activities and figures: hosts and liaison officers."""
    if not is_host_or_liaison(user):
        raise PermissionDenied


def get_partner_for(user: User, reference: str) -> Partner:
    require_host(user)
    partner = (
        Partner.objects.select_related("host", "invited_by__company").filter(reference=reference).first()
    )
    if partner is None:
        raise Http404
    return partner


def get_relocation_referral_for(user: User, referral_id: int) -> RelocationReferral:
    """A referral for reading: hosts, liaison officers and the officials of its department."""
    if not (is_host_or_liaison(user) or is_official(user)):
        raise PermissionDenied
    referral = (
        RelocationReferral.objects.select_related("partner", "department", "official")
        .filter(pk=referral_id)
        .first()
    )
    if referral is None:
        raise Http404
    if is_host_or_liaison(user) or referral.department.officials.filter(pk=user.pk or 0).exists():
        return referral
    raise PermissionDenied


def relocation_referrals_for(user: User) -> RelocationReferralQuerySet:
    """The referrals a user's list shows: every one for hosts and liaison officers (they may read
    them all), their departments' for officials."""
    if is_host_or_liaison(user):
        return RelocationReferral.objects.all()
    if is_official(user) and isinstance(user, AccountUser):
        return RelocationReferral.objects.for_departments_of(user)
    raise PermissionDenied


def get_relocation_referral_for_update(user: User, referral_id: int) -> RelocationReferral:
    """Only the officials of its department answer a referral."""
    referral = get_relocation_referral_for(user, referral_id)
    if not referral.department.officials.filter(pk=user.pk or 0).exists():
        raise PermissionDenied
    return referral
