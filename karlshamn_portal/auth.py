"""The authentication backend: Django's, reading the signed-in user and their groups at once."""

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group


class PortalBackend(ModelBackend):
    """Every staff page asks for the user's roles (roles.py), so the session's user is read with
    the names of their groups in one query rather than two round trips per request."""

    def get_user(self, user_id: Any) -> Any:
        model = get_user_model()
        # Written out: the ORM took longer to build the join than the database to answer it.
        # A raw query still gives a model instance with its values converted, one row per group.
        columns = ", ".join(f'u."{field.column}"' for field in model._meta.concrete_fields)
        rows = list(
            model._default_manager.raw(
                f"SELECT {columns}, g.name AS role_group FROM {model._meta.db_table} u"  # noqa: S608
                f" LEFT JOIN {Group.user_set.through._meta.db_table} m ON m.user_id = u.id"
                f" LEFT JOIN {Group._meta.db_table} g ON g.id = m.group_id WHERE u.id = %s",
                [user_id],
            )
        )
        if not rows:
            return None
        user: Any = rows[0]  # with the query's extra column, role_group
        user._role_groups = {row.role_group for row in rows if row.role_group is not None}  # type: ignore[attr-defined]
        del user.role_group
        return user if self.user_can_authenticate(user) else None
