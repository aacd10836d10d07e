"""Who may see and change a case or a referral: the one place every staff view asks.

Liaison officers see and change every case. Officials see the cases referred to one of their
departments and act on those referrals only; a referral their department declined gives no
access, since the department said the case is not theirs. Anyone else gets a 403; anonymous
visitors are sent to the login page by the views' login_required.
"""

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.models import User as AccountUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from karlshamn_portal.roles import is_liaison, is_official
from liaison.models import Case, Referral
from liaison.models.cases import CaseQuerySet
from liaison.models.referrals import ReferralQuerySet

User = AccountUser | AnonymousUser


def get_case_for(user: User, reference: str) -> Case:
    """The case for reading, or PermissionDenied / Http404."""
    if not (is_liaison(user) or is_official(user)):
        raise PermissionDenied
    try:
        case = Case.objects.select_related("company", "topic", "owner").get(reference=reference)
    except Case.DoesNotExist:
        raise Http404 from None
    if is_liaison(user):
        return case
    if Referral.objects.visible_to_official(user).filter(case=case).exists():
        return case
    raise PermissionDenied


def get_case_for_update(user: User, reference: str) -> Case:
    """The case for changing it: liaison officers only (the services lock the row)."""
    case = get_case_for(user, reference)
    if not is_liaison(user):
        raise PermissionDenied
    return case


def get_referral_for(user: User, referral_id: int) -> Referral:
    """A referral for reading or noting: liaison officers and officials of its department."""
    if not (is_liaison(user) or is_official(user)):
        raise PermissionDenied
    queryset = Referral.objects.select_related("case", "case__company", "department", "official")
    try:
        referral = queryset.get(pk=referral_id)
    except Referral.DoesNotExist:
        raise Http404 from None
    if is_liaison(user):
        return referral
    if Referral.objects.visible_to_official(user).filter(pk=referral.pk).exists():
        return referral
    raise PermissionDenied


def get_referral_for_update(user: User, referral_id: int) -> Referral:
    """A referral to accept, decline or complete: only officials of its department answer for it."""
    referral = get_referral_for(user, referral_id)
    if not referral.department.officials.filter(pk=user.pk or 0).exists():
        raise PermissionDenied
    return referral


def cases_visible_to(user: User) -> CaseQuerySet:
    """Every case a list may show this user: all for liaison officers, the cases referred to
    their departments for officials (get_case_for's rule for many cases at once)."""
    if is_liaison(user):
        return Case.objects.all()
    if is_official(user):
        return Case.objects.visible_to_official(user)
    raise PermissionDenied


def referrals_visible_to(user: User) -> ReferralQuerySet:
    """get_referral_for's rule for a list, as the referral list page applies it."""
    if is_liaison(user):
        return Referral.objects.all()
    if is_official(user):
        return Referral.objects.visible_to_official(user)
    raise PermissionDenied
