"""Personal data shown to staff, each time recorded: a sole trader's full personnummer on a
liaison officer's request, a case's file, an export."""

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction

from karlshamn_portal.people import display_name
from karlshamn_portal.roles import is_liaison
from liaison.models import Case, PersonalDataSeen, PersonalDataSeenKind


def record_personal_data_seen(
    user: User | None, kind: str, *, case: Case | None = None, what: str = ""
) -> PersonalDataSeen:
    """One entry in the record of who saw personal data: who, when, what. `what` names the
    object (a reference, a file's number), never the data. `user` None: the command line."""
    return PersonalDataSeen.objects.create(
        kind=kind,
        case=case,
        what=what,
        user=user,
        user_name=display_name(user) if user is not None else "manage.py",
    )


@transaction.atomic
def reveal_personnummer(case: Case, user: User) -> str:
    """The company's full number for `user`, a liaison officer, with the audit record written
    first: who, when and which case. A company that is not a sole trader has no personnummer,
    and nothing is recorded for it."""
    if not is_liaison(user):
        raise PermissionDenied
    company = case.company
    if company.is_sole_trader:
        record_personal_data_seen(user, PersonalDataSeenKind.PERSONNUMMER, case=case, what=case.reference)
    return company.organisation_number
