"""The authentication backend: Django's, reading the signed-in user and their groups at once."""

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db import router


class PortalBackend(ModelBackend):
    """Every staff page asks for the user's roles (roles.py), so the session's user is read with
    the names of their groups in one query rather than two round trips per request."""

    def get_user(self, user_id: Any) -> Any:
        model = get_user_model()
        fields = [field.attname for field in model._meta.concrete_fields]
        rows = list(model._default_manager.filter(pk=user_id).values_list(*fields, "groups__name"))
        if not rows:
            return None
        user = model.from_db(router.db_for_read(model), fields, rows[0][:-1])
        user._role_groups = {row[-1] for row in rows if row[-1] is not None}
        return user if self.user_can_authenticate(user) else None
