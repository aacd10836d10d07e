"""How the portal names a person on its pages and in its e-mails."""

from django.contrib.auth.models import User


def display_name(user: User | None) -> str:
    """The full name, else the username; empty for nobody."""
    if user is None:
        return ""
    return name_from_values(user.first_name, user.last_name, user.get_username())


def name_from_values(first_name: str | None, last_name: str | None, username: str | None) -> str:
    """display_name() on values read without the user object (a page's rows)."""
    return f"{first_name or ''} {last_name or ''}".strip() or username or ""
