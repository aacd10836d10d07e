"""Who is who: the staff groups, their active members, and the predicates every access check
uses."""

from collections.abc import Callable
from contextvars import ContextVar

from django.contrib.auth.models import AnonymousUser, Group
from django.contrib.auth.models import User as AccountUser
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

LIAISON_GROUP = "Liaison officers"
OFFICIAL_GROUP = "Officials"
BUSINESS_DEVELOPER_GROUP = "Business developers"
RELOCATION_HOST_GROUP = "Relocation hosts"

User = AccountUser | AnonymousUser

# Group names per user id, for the request being answered: a staff page asks for the roles
# several times (the access check, the navigation, the template), and they cannot change
# while it is answered. Outside a request (a task, a shell) every question reads the database.
_request_roles: ContextVar[dict[int, frozenset[str]] | None] = ContextVar("request_roles", default=None)


class RoleMemoMiddleware:
    """Keeps one request's answers about roles for that request only, so a role given or taken
    away counts from the next request on."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _request_roles.set({})
        try:
            return self.get_response(request)
        finally:
            _request_roles.reset(token)


def _groups(user: User) -> frozenset[str]:
    if not user.is_authenticated:
        return frozenset()
    memo = _request_roles.get()
    if memo is not None and user.pk in memo:
        return memo[user.pk]
    names = frozenset(Group.objects.filter(user=user).values_list("name", flat=True))
    if memo is not None:
        memo[user.pk] = names
    return names


def is_liaison(user: User) -> bool:
    return user.is_authenticated and (user.is_superuser or LIAISON_GROUP in _groups(user))


def is_official(user: User) -> bool:
    return user.is_authenticated and OFFICIAL_GROUP in _groups(user)


def is_relocation_host(user: User) -> bool:
    return user.is_authenticated and RELOCATION_HOST_GROUP in _groups(user)


def is_business_developer(user: User) -> bool:
    return user.is_authenticated and BUSINESS_DEVELOPER_GROUP in _groups(user)


def can_use_register(user: User) -> bool:
    """The company register, visits and coverage: business developers, and liaison officers too."""
    return is_business_developer(user) or is_liaison(user)


def is_staff_member(user: User) -> bool:
    return is_liaison(user) or is_official(user) or is_business_developer(user) or is_relocation_host(user)


def _people(group: str) -> QuerySet[AccountUser]:
    # An integration's own account (api.tokens) holds a role so that the access rules judge its
    # requests as a person's, but it is nobody to assign, invite or notify.
    return (
        AccountUser.objects.filter(groups__name=group, is_active=True)
        .exclude(api_tokens__is_integration=True)
        .order_by("first_name", "last_name", "username")
    )


def liaison_officers() -> QuerySet[AccountUser]:
    """The liaison officers who can be notified, assigned or picked: active accounts only."""
    return _people(LIAISON_GROUP)


def officials() -> QuerySet[AccountUser]:
    """The officials who can be routed to, invited or picked on any form: active accounts only.
    Chain `.filter(departments=…)` for one department's."""
    return _people(OFFICIAL_GROUP)


def business_developers() -> QuerySet[AccountUser]:
    """The business developers who can be picked as a visit's participants or a follow-up's owner."""
    return _people(BUSINESS_DEVELOPER_GROUP)


def relocation_hosts() -> QuerySet[AccountUser]:
    """The relocation hosts who can be picked as a partner's host or told about a partner."""
    return _people(RELOCATION_HOST_GROUP)
