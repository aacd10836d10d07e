"""The username django-axes records for a failed login."""

from django.http import HttpRequest

# axes stores it in a varchar(255); any text can be typed into the login form, and a longer
# name (or a NUL, which PostgreSQL refuses) must stay a failed login, not a database error.
RECORDED_LENGTH = 255


def lockout_username(request: HttpRequest, credentials: dict[str, object] | None = None) -> str | None:
    if credentials:
        username = credentials.get("username")
    else:
        username = getattr(request, "data", request.POST).get("username")
    if not isinstance(username, str):
        return None
    return username.replace("\x00", "")[:RECORDED_LENGTH]
