"""Access and erasure requests: recorded, then answered."""

from typing import IO

from django.contrib.auth.models import User
from django.db import transaction

from karlshamn_portal.people import display_name
from liaison.models import PersonalDataSeenKind
from liaison.services.personal_data import record_personal_data_seen
from retention import registry
from retention.export import collect_personal_data, write_access_zip
from retention.kinds.cases import cases_of
from retention.models import PersonalDataRequest, RequestKind
from retention.registry import Person


def _new_request(
    kind: str, person: Person, user: User | None, outcome: dict[str, int]
) -> PersonalDataRequest:
    return PersonalDataRequest.objects.create(
        kind=kind,
        email=person.email,
        personnummer=person.personnummer,
        made_by=user,
        made_by_name=display_name(user) if user is not None else "manage.py",
        outcome=outcome,
    )


def person_of(request: PersonalDataRequest) -> Person:
    return Person(email=request.email, personnummer=request.personnummer)


@transaction.atomic
def record_access_request(person: Person, user: User | None) -> PersonalDataRequest:
    """Record that `user` asked, for `person`, what the portal holds; the outcome is what was
    found, counted by kind."""
    return _new_request(RequestKind.ACCESS, person, user, collect_personal_data(person).counts())


@transaction.atomic
def download_access_request(request: PersonalDataRequest, user: User | None, target: IO[bytes]) -> None:
    """The request's ZIP into `target`, recorded in the record of who saw personal data."""
    kind = PersonalDataSeenKind.ACCESS_REQUEST_DOWNLOAD if user is not None else PersonalDataSeenKind.EXPORT
    record_personal_data_seen(user, kind, what=f"{request.get_kind_display()} #{request.pk}")
    write_access_zip(person_of(request), target)


@transaction.atomic
def erase_personal_data(person: Person, user: User | None) -> PersonalDataRequest:
    """Erase at once what `person` gave by consent (forum subscriptions, and the kinds other apps
    register); official records (cases) stay for the records plan, and the request is recorded
    with what was erased and how many cases the plan keeps."""
    outcome = {kind.key: kind.erase_consented(person) for kind in registry.kinds()}
    outcome = {key: count for key, count in outcome.items() if count}
    outcome["cases_kept"] = cases_of(person).filter(anonymised_at__isnull=True).count()
    return _new_request(RequestKind.ERASURE, person, user, outcome)
