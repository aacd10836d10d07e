"""A sole trader's personnummer, shown in full only when a liaison officer asks, each time recorded."""

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction

from karlshamn_portal.people import display_name
from karlshamn_portal.roles import is_liaison
from liaison.models import Case, PersonnummerReveal


@transaction.atomic
def reveal_personnummer(case: Case, user: User) -> str:
    """The company's full number for `user`, a liaison officer, with the audit record written
    first: who, when and which case. A company that is not a sole trader has no personnummer,
    and nothing is recorded for it."""
    if not is_liaison(user):
        raise PermissionDenied
    company = case.company
    if company.is_sole_trader:
        PersonnummerReveal.objects.create(case=case, user=user, user_name=display_name(user))
    return company.organisation_number
