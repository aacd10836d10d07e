"""Template filters for the staff pages."""

from django import template

from karlshamn_portal.people import display_name

register = template.Library()


@register.filter
def person(user: object) -> str:
    """A staff member's full name, or the username, or a dash for nobody."""
    return display_name(user) or "–"  # type: ignore[arg-type]
