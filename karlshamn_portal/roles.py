"""Who is who: the two staff groups and small predicates every access check uses."""

from django.contrib.auth.models import AnonymousUser, Group
from django.contrib.auth.models import User as AccountUser
from django.db import connection

LIAISON_GROUP = "Liaison officers"
OFFICIAL_GROUP = "Officials"

User = AccountUser | AnonymousUser


def _group_names(user_id: int) -> set[str]:
    # Written out: every staff page asks this once, and the ORM took twice as long to build the
    # query through the related manager as the database took to answer it.
    membership = Group.user_set.through._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT g.name FROM {Group._meta.db_table} g"  # noqa: S608 - table names from the models
            f" INNER JOIN {membership} m ON m.group_id = g.id WHERE m.user_id = %s",
            [user_id],
        )
        return {name for (name,) in cursor.fetchall()}


def _groups(user: User) -> set[str]:
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_role_groups", None)
    if cached is None:
        cached = _group_names(user.pk)
        user._role_groups = cached  # type: ignore[attr-defined]  # a memo for this request's user
    return cached


def is_liaison(user: User) -> bool:
    return user.is_authenticated and (user.is_superuser or LIAISON_GROUP in _groups(user))


def is_official(user: User) -> bool:
    return user.is_authenticated and OFFICIAL_GROUP in _groups(user)


def is_staff_member(user: User) -> bool:
    return is_liaison(user) or is_official(user)
