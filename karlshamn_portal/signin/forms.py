from typing import Any

from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from karlshamn_portal.signin.throttle import password_login_paused_until

PAUSED = "paused"


class PortalAuthenticationForm(AuthenticationForm):
    """Django's login form, telling a person when their account's password login is paused
    instead of calling a right password wrong."""

    paused_until = None

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username")
        if username:
            self.paused_until = password_login_paused_until(username)
        if self.paused_until is not None:
            raise ValidationError(
                _(
                    "After many failed attempts, password login to this account is paused for a "
                    "while. An e-mail about it has gone to the account's address."
                ),
                code=PAUSED,
            )
        return super().clean()
