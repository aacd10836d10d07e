"""Forms for visits and follow-ups: they validate; the views hand the cleaned data to the services."""

import re
from typing import Any, cast

from django import forms
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from companies.models import VISIT_FLAGS, Company, Contact, FocusArea, FollowUp
from karlshamn_portal.people import display_name
from karlshamn_portal.roles import BUSINESS_DEVELOPER_GROUP, LIAISON_GROUP, OFFICIAL_GROUP
from liaison.forms.meetings import DURATIONS, MeetingTimeForm
from liaison.models import Department
from meetings.models import Meeting
from meetings.services import Invitee

MAX_GUESTS = 20


def colleagues() -> QuerySet[User]:
    """Unit staff and officials: who can join a visit or own a follow-up."""
    groups = [BUSINESS_DEVELOPER_GROUP, LIAISON_GROUP, OFFICIAL_GROUP]
    return (
        User.objects.filter(Q(groups__name__in=groups), is_active=True)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class PeopleField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return display_name(obj)


class PersonField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return display_name(obj)


class ContactField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.email})" if obj.email else obj.name


def parse_guests(text: str) -> list[Invitee]:
    """One guest a line: "Name <e-mail>", "Name, e-mail" or just the e-mail."""
    guests = []
    for number, line in enumerate((line.strip() for line in text.splitlines()), start=1):
        if not line:
            continue
        match = re.fullmatch(r"(?P<name>.*?)[\s,;]*<?(?P<email>[^\s<>,;]+@[^\s<>,;]+)>?", line)
        if not match:
            raise ValidationError(
                _("Line %(number)s: give a name and an e-mail address.") % {"number": number}
            )
        email = match["email"]
        try:
            validate_email(email)
        except ValidationError:
            raise ValidationError(
                _("Line %(number)s: the e-mail address is not valid.") % {"number": number}
            ) from None
        guests.append(Invitee(name=match["name"].strip() or email, email=email))
    if len(guests) > MAX_GUESTS:
        raise ValidationError(_("At most %(count)s guests.") % {"count": MAX_GUESTS})
    return guests


class PlanVisitForm(MeetingTimeForm):
    purpose = forms.CharField(label=_("Purpose"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    contact = ContactField(
        label=_("Company contact"),
        queryset=Contact.objects.none(),
        required=False,
        empty_label=_("No contact"),
    )
    new_contact_name = forms.CharField(label=_("Or a new contact: name"), required=False, max_length=150)
    new_contact_email = forms.EmailField(label=_("The new contact's e-mail"), required=False)
    staff = PeopleField(
        label=_("Colleagues and officials"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    guests = forms.CharField(
        label=_("Other participants"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One a line: a name and an e-mail address."),
    )
    field_order = [
        "date",
        "time",
        "duration",
        "place",
        "purpose",
        "contact",
        "new_contact_name",
        "new_contact_email",
        "staff",
        "guests",
    ]

    def __init__(self, *args: Any, company: Company, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["online_url"]
        cast(forms.ModelChoiceField, self.fields["contact"]).queryset = company.contacts.all()
        cast(forms.ModelChoiceField, self.fields["staff"]).queryset = colleagues()
        self.fields["place"].initial = company.full_address

    def clean_guests(self) -> list[Invitee]:
        return parse_guests(self.cleaned_data.get("guests") or "")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        name, email = data.get("new_contact_name", "").strip(), data.get("new_contact_email", "")
        if data.get("contact") and (name or email):
            self.add_error("new_contact_name", _("Choose a contact or give a new one, not both."))
        elif bool(name) != bool(email) and "new_contact_email" not in self.errors:
            self.add_error("new_contact_email", _("Give both the new contact's name and e-mail."))
        return data


class MoveVisitForm(MeetingTimeForm):
    """A planned visit's new date, start, length and place, typed as when it was planned."""

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        kwargs.setdefault("initial", MeetingTimeForm.initial_for(meeting))
        super().__init__(*args, **kwargs)
        # Visits happen at the company, as planning has it: no online link, so a place is needed.
        del self.fields["online_url"]
        self.fields["place"].required = True
        self.fields["place"].error_messages["required"] = _("Give the place of the visit.")
        # A visit planned for a length the list does not offer keeps it unless changed.
        field = cast(forms.TypedChoiceField, self.fields["duration"])
        minutes = int((meeting.end - meeting.start).total_seconds() // 60)
        if minutes not in dict(DURATIONS):
            field.choices = sorted([*DURATIONS, (minutes, _("%(minutes)s minutes") % {"minutes": minutes})])


class RecordVisitForm(forms.Form):
    held = forms.TypedChoiceField(
        label=_("Was the visit held?"),
        choices=[("1", _("Yes, it was held")), ("0", _("No, it was cancelled"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
        initial="1",
    )
    what_works = forms.CharField(
        label=_("What works well"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    what_does_not_work = forms.CharField(
        label=_("What does not work"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    plans = forms.CharField(
        label=_("The company's plans"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    worries = forms.CharField(
        label=_("The company's worries"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    flags = forms.MultipleChoiceField(
        label=_("Flags"),
        required=False,
        choices=list(VISIT_FLAGS.items()),
        widget=forms.CheckboxSelectMultiple,
    )
    focus_areas = forms.ModelMultipleChoiceField(
        label=_("Focus areas the visit touched"),
        queryset=FocusArea.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    internal_notes = forms.CharField(
        label=_("Internal notes"), required=False, max_length=10_000, widget=forms.Textarea(attrs={"rows": 3})
    )
    cancel_reason = forms.CharField(label=_("Reason for cancelling"), required=False, max_length=2_000)


class FollowUpForm(forms.Form):
    text = forms.CharField(
        label=_("What the municipality will do"), max_length=4_000, widget=forms.Textarea(attrs={"rows": 2})
    )
    owner_user = PersonField(
        label=_("Owner (a colleague)"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("No colleague"),
    )
    owner_department = forms.ModelChoiceField(
        label=_("or a department"),
        queryset=Department.objects.filter(is_active=True),
        required=False,
        empty_label=_("No department"),
    )
    working_days = forms.IntegerField(label=_("Due in working days"), min_value=1, max_value=260, initial=10)
    tell_company = forms.BooleanField(label=_("Tell the company"), required=False, initial=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["owner_user"]).queryset = colleagues()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("owner_user")) == bool(data.get("owner_department")):
            self.add_error("owner_user", _("Choose one owner: a colleague or a department."))
        return data


class FollowUpsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.text)


class FollowUpEmailForm(forms.Form):
    follow_ups = FollowUpsField(
        label=_("Tell the company about"),
        queryset=FollowUp.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, follow_ups: QuerySet[FollowUp], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelMultipleChoiceField, self.fields["follow_ups"])
        field.queryset = follow_ups
