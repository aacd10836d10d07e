"""The options of the dashboard's topic, department and official selects, kept in the cache.

They change only when an administrator edits a topic, a department or a staff account, and
every such save (or group change) drops them through the signals connected in
liaison/signals.py; the timeout is only a backstop for changes made outside Django.
"""

from dataclasses import dataclass

from django.conf import settings
from django.forms import BoundField, Form
from django.utils.translation import get_language

from karlshamn_portal.cache import forget, remembered
from liaison.forms.staff import choice_list

OPTIONS_CACHE_SECONDS = 600
CACHED_FIELDS = ("topic", "department", "official")


def options_key(language: str | None) -> str:
    return f"liaison:dashboard-options:{language}"


def dashboard_options(form: Form) -> dict[str, list[tuple[object, str]]]:
    """The choices of the filter form's model selects, in the current language."""

    def read() -> dict[str, list[tuple[object, str]]]:
        return {
            name: [(value, str(label)) for value, label in choice_list(form.fields[name])]
            for name in CACHED_FIELDS
        }

    return remembered(options_key(get_language()), OPTIONS_CACHE_SECONDS, read)


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    selected: bool


@dataclass(frozen=True)
class Select:
    """A labelled select as a template draws it (templates/liaison/staff/includes/select.html)."""

    id: str
    name: str
    label: str
    options: list[Option]
    errors: list[str]


def select_of(field: BoundField, choices: list[tuple[object, str]] | None = None) -> Select:
    """The select of a choice field, with `choices` the view already has (dashboard_options)
    instead of the field's own, which a model choice field reads from the database each time."""
    value = field.value()
    current = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value)}
    return Select(
        id=field.id_for_label,
        name=field.html_name,
        label=str(field.label),
        options=[
            Option(str(key), str(label), str(key) in current)
            for key, label in (choices if choices is not None else choice_list(field.field))
        ],
        errors=[str(error) for error in field.errors],
    )


def invalidate_dashboard_options(**kwargs: object) -> None:
    forget(*(options_key(code) for code, _name in settings.LANGUAGES))
