"""Template filters and tags for the staff pages: timeline changes, names, select options."""

from django import template
from django.forms import BoundField
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from liaison.models import CaseEvent, CaseStatus, EventKind, ReferralStatus
from liaison.services.case_events import display_name

register = template.Library()
SELECTED = mark_safe(" selected")  # noqa: S308 - a constant

REFERRAL_KINDS = {
    EventKind.REFERRED,
    EventKind.REFERRAL_ACCEPTED,
    EventKind.REFERRAL_DECLINED,
    EventKind.REFERRAL_NOTE,
    EventKind.REFERRAL_DONE,
}


@register.filter
def change(event: CaseEvent) -> str:
    """ "from → to" of a change, with statuses in words; empty for events that change nothing."""
    data = event.data or {}
    if "from" not in data and "to" not in data:
        return ""
    labels = dict(ReferralStatus.choices) if event.kind in REFERRAL_KINDS else dict(CaseStatus.choices)
    before = labels.get(data.get("from"), data.get("from")) or _("nobody or nothing")
    after = labels.get(data.get("to"), data.get("to")) or _("nobody or nothing")
    return f"{before} → {after}"


@register.filter
def department_named(event: CaseEvent) -> str:
    """The department a referral event concerns, in the current language when the row is loaded."""
    if event.referral_id and event.referral is not None:
        return str(event.referral.department)
    return (event.data or {}).get("department", "")


@register.filter
def person(user: object) -> str:
    """A staff member's full name, or the username, or a dash for nobody."""
    return display_name(user) or "–"  # type: ignore[arg-type]


@register.simple_tag
def select_options(field: BoundField) -> str:
    """The <option>s of a choice field, built in Python: the dashboard renders several long
    selects on every request and Django's per-option widget templates dominate its time."""
    value = field.value()
    current = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value)}
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((key, SELECTED if str(key) in current else "", label) for key, label in field.field.choices),
    )
