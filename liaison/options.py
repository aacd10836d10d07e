"""The options of the dashboard's topic, department and official selects, kept in the cache.

They change only when an administrator edits a topic, a department or a staff account, and
every such save (or group change) drops them through the signals connected in
liaison/signals.py; the timeout is only a backstop for changes made outside Django.
"""

from typing import Any

from django.conf import settings
from django.forms import Form
from django.utils.translation import get_language

from karlshamn_portal.cache import forget, remembered
from liaison.forms.staff import choice_list

OPTIONS_CACHE_SECONDS = 600
CACHED_FIELDS = ("topic", "department", "official")


def options_key(language: str | None) -> str:
    return f"liaison:dashboard-options:{language}"


def dashboard_options(
    form: Form, prefetched: dict[str, Any] | None = None
) -> dict[str, list[tuple[object, str]]]:
    """The choices of the filter form's model selects, in the current language.
    `prefetched`: cache entries the caller already read with get_many, to save a round trip."""

    def read() -> dict[str, list[tuple[object, str]]]:
        return {
            name: [(value, str(label)) for value, label in choice_list(form.fields[name])]
            for name in CACHED_FIELDS
        }

    return remembered(options_key(get_language()), OPTIONS_CACHE_SECONDS, read, prefetched)


def invalidate_dashboard_options(**kwargs: object) -> None:
    forget(*(options_key(code) for code, _name in settings.LANGUAGES))
