"""Which of the portal's two languages a page is in: Swedish unless English was chosen."""

from django.utils.translation import get_language


def page_in_english() -> bool:
    """Whether names kept in both languages (departments, topics) show their English form."""
    return (get_language() or "sv").startswith("en")
