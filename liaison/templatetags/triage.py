"""Template filters and tags for the staff pages: timeline changes, names, select options."""

from collections.abc import Iterable
from html import escape
from typing import Any

from django import template
from django.forms import BoundField, Form
from django.template.defaultfilters import linebreaksbr
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from karlshamn_portal.language import page_in_english
from karlshamn_portal.people import display_name, name_from_values
from liaison.forms.staff import choice_list
from liaison.models import CaseEvent, CaseStatus, EventKind, ReferralStatus

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
    before = labels.get(str(data.get("from")), data.get("from")) or _("nobody or nothing")
    after = labels.get(str(data.get("to")), data.get("to")) or _("nobody or nothing")
    return f"{before} → {after}"


@register.filter
def department_named(event: CaseEvent) -> str:
    """The department a referral event concerns, in the current language when the row is loaded."""
    if event.referral_id and event.referral is not None:
        return str(event.referral.department)
    return (event.data or {}).get("department", "")


TIMELINE_ITEM = (
    '<li class="border-start border-3 ps-3 mb-3 {border}" id="event-{pk}">\n'
    '<div class="small"><time datetime="{iso}">{when}</time> · {who} · {visibility}</div>\n'
    '<p class="mb-1"><strong>{kind}</strong>{department}{moved}</p>\n{text}</li>\n'
)


@register.simple_tag
def timeline_items(events: Iterable[CaseEvent]) -> str:
    """A case's timeline as list items, built in Python like the rows above: fifty events through
    the template engine were a third of the case page's time."""
    kinds = {value: escape(str(label)) for value, label in EventKind.choices}
    # Translated outside the f-strings: makemessages does not look inside them.
    public, internal = escape(_("Visible to the company")), escape(_("Internal"))
    public = f'<span class="badge text-bg-light border">{public}</span>'
    internal = f'<span class="badge text-bg-secondary">{internal}</span>'
    portal = escape(_("the portal"))
    html = []
    for event in events:
        when = localtime(event.created_at)
        department = department_named(event)
        moved = change(event)
        who = (event.actor.get_full_name() if event.actor else "") or event.actor_name
        html.append(
            TIMELINE_ITEM.format(
                border="border-primary" if event.is_public else "border-secondary",
                pk=event.pk,
                iso=when.isoformat(),
                when=when.strftime("%Y-%m-%d %H:%M"),
                who=escape(who) if who else portal,
                visibility=public if event.is_public else internal,
                kind=kinds.get(event.kind, escape(event.kind)),
                department=f": {escape(department)}" if department else "",
                moved=f' <span class="ms-1">({escape(moved)})</span>' if moved else "",
                text=f'<div class="event-text">{linebreaksbr(event.text, autoescape=True)}</div>\n'
                if event.text
                else "",
            )
        )
    if not html:
        return format_html("<li>{}</li>\n", _("Nothing has happened yet."))
    return mark_safe("".join(html))  # noqa: S308 - every value above is escaped


@register.filter
def person(user: object) -> str:
    """A staff member's full name, or the username, or a dash for nobody."""
    return display_name(user) or "–"  # type: ignore[arg-type]


@register.simple_tag
def select_options(field: BoundField, shared: dict[str, list] | None = None) -> str:
    """The <option>s of a choice field, built in Python: the dashboard renders several long
    selects on every request and Django's per-option widget templates dominate its time.
    `shared` maps field names to choices the view already read, for selects shown twice."""
    value = field.value()
    current = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value)}
    choices = (shared or {}).get(field.name)
    empty_label = getattr(field.field, "empty_label", None)
    if choices and empty_label is not None and choices[0][0] == "":
        # Two forms share the options, but each says what its own empty choice means.
        choices = [("", empty_label), *choices[1:]]
    return mark_safe(  # noqa: S308 - values and labels escaped as Django's escape does
        "".join(
            f'<option value="{escape(str(key))}"{SELECTED if str(key) in current else ""}>{escape(str(label))}</option>'
            for key, label in (choices if choices is not None else choice_list(field.field))
        )
    )


FILTER_SELECT = (
    '\n    <div class="col-sm-6 col-md-2">\n'
    '      <label for="{id}" class="form-label">{label}</label>\n'
    '      <select name="{name}" id="{id}" class="form-select">{options}</select>\n'
    "    </div>\n    "
)


@register.simple_tag
def filter_selects(form: Form, shared: dict[str, list], skip: str) -> str:
    """A labelled select for each field of `form` but the space-separated names in `skip`: the
    template loop over the form cost more than the options inside it."""
    skipped = set(skip.split())
    html = []
    for field in form:
        if field.name in skipped:
            continue
        html.append(
            FILTER_SELECT.format(
                id=escape(field.id_for_label),
                label=escape(str(field.label)),
                name=escape(field.html_name),
                options=select_options(field, shared),
            )
        )
    return mark_safe("".join(html))  # noqa: S308 - every value above is escaped


def _overdue_badge() -> str:
    """The "Overdue" badge after a date, in the current language, for the rows built here."""
    label = escape(_("Overdue"))  # outside the f-string, where makemessages finds it
    return f' <span class="badge badge-overdue">{label}</span>'


REFERRAL_ROW = (
    '<tr>\n<td class="text-nowrap"><a href="{path}{pk}/">{reference}</a></td>\n'
    "<td>{company}</td>\n<td>{subject}</td>\n<td>{department}</td>\n<td>{status}</td>\n"
    '<td>{official}</td>\n<td class="text-nowrap">{due}{badge}</td>\n</tr>\n'
)


@register.simple_tag
def referral_rows(rows: list[dict[str, Any]], referral_path: str) -> str:
    """The referral list's table rows from the values the view read, built in Python like the
    dashboard's (`case_rows`): a hundred rows through the template engine were most of the page."""
    english = page_in_english()
    statuses = {value: escape(str(label)) for value, label in ReferralStatus.choices}
    overdue = _overdue_badge()
    path = escape(referral_path)
    html = []
    for row in rows:
        official = (
            name_from_values(
                row["official__first_name"], row["official__last_name"], row["official__username"]
            )
            or "–"
        )
        html.append(
            REFERRAL_ROW.format(
                path=path,
                pk=row["pk"],
                reference=escape(row["case__reference"]),
                company=escape(row["case__company__name"]),
                subject=escape(row["case__subject"]),
                department=escape(row["department__name_en" if english else "department__name_sv"]),
                status=statuses[row["status"]],
                official=escape(official),
                due=row["due_date"].isoformat(),
                badge=overdue if row["is_overdue"] else "",
            )
        )
    return mark_safe("".join(html))  # noqa: S308 - every value above is escaped


ROW = (
    '<tr>\n<td><input type="checkbox" class="form-check-input" name="bulk-cases" value="{pk}" id="choose-{pk}">\n'
    '<label for="choose-{pk}" class="visually-hidden">{choose} {reference}</label></td>\n'
    '<td class="text-nowrap"><a href="{case_path}{reference}/">{reference}</a></td>\n'
    '<td class="text-nowrap">{received}</td>\n'
    '<td>{company}<br><span class="small">{organisation_number}</span></td>\n'
    "<td>{subject}</td>\n<td>{topic}</td>\n<td>{status}</td>\n<td>{owner}</td>\n"
    "<td>{referrals}</td>\n<td>{due}{due_badge}</td>\n</tr>\n"
)

ROW_FIELDS = (
    "pk",
    "reference",
    "received",
    "company",
    "organisation_number",
    "subject",
    "topic",
    "status",
    "due",
)


@register.simple_tag
def case_rows(rows: list[dict], case_path: str) -> str:
    """The dashboard's table rows, built in Python like the options above: fifty rows of a dozen
    cells each were most of the page's time in the template engine. Every value is escaped with
    html.escape, which is what Django's escape does, without its per-call lazy-string checks."""
    overdue = _overdue_badge()
    unassigned = escape(_("Unassigned"))  # outside the f-string, where makemessages finds it
    unassigned = f'<span class="small">{unassigned}</span>'
    choose = escape(_("Choose"))
    path = escape(case_path)
    html = []
    for row in rows:
        values = {key: escape(str(row[key])) for key in ROW_FIELDS}
        referrals = "\n".join(
            f'<span class="d-block small">{escape(referral["department"])}: {escape(referral["status"])}'
            f"{overdue if referral['overdue'] else ''}</span>"
            for referral in row["referrals"]
        )
        html.append(
            ROW.format(
                choose=choose,
                case_path=path,
                owner=escape(row["owner"]) if row["owner"] else unassigned,
                referrals=referrals or "–",
                due_badge=overdue if row["overdue"] else "",
                **values,
            )
        )
    return mark_safe("".join(html))  # noqa: S308 - every value above is escaped
