"""Forms on the staff pages: the dashboard filters and bulk actions, the case page, referrals.

They validate only; the views hand the cleaned data to the services.
"""

from collections.abc import Iterable
from datetime import date
from typing import Any, cast

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from karlshamn_portal.people import display_name
from karlshamn_portal.roles import liaison_officers, officials
from liaison.announcements import CloseOutcome
from liaison.models import CASE_TRANSITIONS, OPEN_STATUSES, Case, CaseStatus, Department, Topic
from liaison.queries import CaseFilters

User = get_user_model()

# Their own values, apart from every status's (one of which is "open").
ALL_OPEN = "all_open"
ALL_STATUSES = "all"


def style_widgets(form: forms.Form) -> None:
    """Bootstrap classes on every widget, for the forms laid out by hand in templates."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
            continue
        widget.attrs.setdefault(
            "class", "form-select" if isinstance(widget, forms.Select) else "form-control"
        )


def choice_list(field: forms.Field) -> list[tuple[object, str]]:
    """A choice field's options as a list. For a model choice field, the same options as the
    field's own choices but read with one plain query: the field iterates with .iterator(), a
    server-side cursor on PostgreSQL (three round trips), and wraps every option in an object."""
    if not isinstance(field, forms.ModelChoiceField):
        return list(field.choices)  # type: ignore[attr-defined]
    empty: list[tuple[Any, str]] = [("", str(field.empty_label))] if field.empty_label is not None else []
    return empty + [(obj.pk, field.label_from_instance(obj)) for obj in field.queryset or []]


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return display_name(obj)


def offer_fetched(field: forms.ModelChoiceField, rows: Iterable[Model]) -> None:
    """Offer rows the view already fetched, so rendering the field asks the database nothing.

    A submitted value is still checked against the field's queryset.
    """
    iterator = field.iterator(field)
    empty = [("", field.empty_label)] if field.empty_label is not None else []
    field.choices = [*empty, *(iterator.choice(row) for row in rows)]


class DashboardFilterForm(forms.Form):
    SORTS = [
        ("-received", _("Newest first")),
        ("received", _("Oldest first")),
        ("due", _("First response due")),
    ]
    OWNERS = [("", _("Anyone")), ("me", _("Me")), ("none", _("Nobody (unassigned)"))]

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("Reference, company, organisationsnummer or words in the request."),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[(ALL_OPEN, _("All open")), (ALL_STATUSES, _("All, also closed")), *CaseStatus.choices],
    )
    # Each empty option says what choosing it means, never Django's "---------".
    topic = forms.ModelChoiceField(
        label=_("Topic"), required=False, queryset=Topic.objects.all(), empty_label=_("All topics")
    )
    department = forms.ModelChoiceField(
        label=_("Department"),
        required=False,
        queryset=Department.objects.filter(is_active=True),
        empty_label=_("All departments"),
    )
    # Querysets are lazy: built once here, each form gets its own copy of the field and query.
    official = UserChoiceField(
        label=_("Official"), required=False, queryset=officials(), empty_label=_("All officials")
    )
    owner = forms.ChoiceField(label=_("Liaison officer"), required=False, choices=OWNERS)
    overdue = forms.BooleanField(label=_("Only overdue"), required=False)
    sort = forms.ChoiceField(label=_("Sort"), required=False, choices=SORTS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def case_filters(self, user: Any, today: date) -> CaseFilters:
        """The cleaned filters as plain values; an invalid form filters as the default view."""
        data = self.cleaned_data if self.is_valid() else {}
        status = data.get("status") or ALL_OPEN
        statuses = {ALL_OPEN: tuple(OPEN_STATUSES), ALL_STATUSES: None}.get(status, (status,))
        owner = data.get("owner")
        return CaseFilters(
            statuses=statuses,
            topic_id=data["topic"].pk if data.get("topic") else None,
            department_id=data["department"].pk if data.get("department") else None,
            official_id=data["official"].pk if data.get("official") else None,
            owner_id=user.pk if owner == "me" else None,
            unassigned=owner == "none",
            overdue_on=today if data.get("overdue") else None,
            text=(data.get("q") or "").strip(),
        )


class BulkActionForm(forms.Form):
    ASSIGN = "assign"
    ROUTE = "route"
    CLOSE = "close"
    ACTIONS = [(ASSIGN, _("Assign to me")), (ROUTE, _("Route to a department")), (CLOSE, _("Close"))]

    cases = forms.ModelMultipleChoiceField(
        label=_("Cases"),
        queryset=Case.objects.all(),
        error_messages={"required": _("Choose at least one case.")},
    )
    action = forms.ChoiceField(label=_("Action"), choices=ACTIONS)
    department = forms.ModelChoiceField(
        label=_("Department to route to"),
        required=False,
        queryset=Department.objects.filter(is_active=True),
        empty_label=_("Choose a department"),
    )
    summary = forms.CharField(
        label=_("Summary for the company when closing"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "bulk")
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def clean(self) -> dict:
        super().clean()
        data = self.cleaned_data
        if data.get("action") == self.ROUTE and not data.get("department"):
            self.add_error("department", _("Choose the department to route the cases to."))
        if data.get("action") == self.CLOSE and not data.get("summary", "").strip():
            self.add_error("summary", _("Write a short summary; the company receives it."))
        return data


class TopicForm(forms.Form):
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        required=False,
        queryset=Topic.objects.filter(is_active=True),
        empty_label=_("No topic"),
    )


class AssignForm(forms.Form):
    owner = UserChoiceField(
        label=_("Liaison officer"),
        required=False,
        queryset=User.objects.none(),
        empty_label=_("Nobody (unassigned)"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["owner"]).queryset = liaison_officers()


class DiariumNumberForm(forms.Form):
    diarium_number = forms.CharField(
        label=_("Diarium number"),
        required=False,
        max_length=50,
        help_text=_("The number the case has in the municipality's case system, e.g. KS 2026/0123."),
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=[])

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Closing has its own form, because the company gets a summary.
        allowed = CASE_TRANSITIONS[case.status] - {CaseStatus.CLOSED}
        cast(forms.ChoiceField, self.fields["status"]).choices = [
            (value, label) for value, label in CaseStatus.choices if value in allowed
        ]


class ReferForm(forms.Form):
    departments = forms.ModelMultipleChoiceField(
        label=_("Departments"),
        queryset=Department.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one department.")},
    )
    official = UserChoiceField(
        label=_("Named official (optional)"),
        required=False,
        queryset=User.objects.none(),
        empty_label=_("No named official"),
    )
    message = forms.CharField(
        label=_("Message to the department"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["official"]).queryset = officials()

    def clean(self) -> dict:
        super().clean()
        data = self.cleaned_data
        official, departments = data.get("official"), data.get("departments")
        if (
            official
            and departments
            and not any(d.officials.filter(pk=official.pk).exists() for d in departments)
        ):
            self.add_error("official", _("This official does not work in any of the chosen departments."))
        return data


class TextForm(forms.Form):
    text = forms.CharField(label=_("Text"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, label: str | None = None, required: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if label:
            self.fields["text"].label = label
        self.fields["text"].required = required


class CloseForm(TextForm):
    """The summary sent to the company, and how the case ended (which decides the survey)."""

    outcome = forms.ChoiceField(
        label=_("How did the case end?"),
        choices=CloseOutcome.choices,
        initial=CloseOutcome.HANDLED,
        required=False,
        help_text=_("Only a handled case is followed by the satisfaction survey."),
    )

    def clean_outcome(self) -> str:
        # A close sent without the choice (the bulk action, an older page) is a handled case.
        return self.cleaned_data.get("outcome") or CloseOutcome.HANDLED
