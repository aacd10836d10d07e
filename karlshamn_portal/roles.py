"""Who is who: the two staff groups and small predicates every access check uses."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

LIAISON_GROUP = "Liaison officers"
OFFICIAL_GROUP = "Officials"

User = AbstractBaseUser | AnonymousUser


def _groups(user: User) -> set[str]:
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_role_groups", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))  # type: ignore[attr-defined]
        user._role_groups = cached  # type: ignore[union-attr]
    return cached


def is_liaison(user: User) -> bool:
    return user.is_authenticated and (user.is_superuser or LIAISON_GROUP in _groups(user))  # type: ignore[union-attr]


def is_official(user: User) -> bool:
    return user.is_authenticated and OFFICIAL_GROUP in _groups(user)


def is_staff_member(user: User) -> bool:
    return is_liaison(user) or is_official(user)
