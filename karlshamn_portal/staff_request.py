"""The request that reaches a staff page, for type checking the views behind the login."""

from django.contrib.auth.models import User
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class StaffRequest(HttpRequest):
    """A request past the login check (`login_required` or a role decorator): its user is signed
    in. `htmx` is what django-htmx's middleware adds to every request."""

    user: User  # never the anonymous user here
    htmx: HtmxDetails
