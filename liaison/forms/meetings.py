"""Forms for case meetings: times are typed in Europe/Stockholm and checked to exist there."""

from datetime import date, datetime, time, timedelta
from typing import Any, cast
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from karlshamn_portal.people import display_name
from karlshamn_portal.roles import officials
from meetings.models import Meeting

DURATIONS = [
    (30, _("30 minutes")),
    (45, _("45 minutes")),
    (60, _("1 hour")),
    (90, _("1.5 hours")),
    (120, _("2 hours")),
    (180, _("3 hours")),
]


def local_datetime(day: date, at: time) -> datetime | None:
    """The aware moment for a Stockholm wall-clock time, or None for a time skipped by the clock change."""
    zone = ZoneInfo(settings.TIME_ZONE)
    moment = datetime.combine(day, at, tzinfo=zone)
    round_trip = moment.astimezone(ZoneInfo("UTC")).astimezone(zone)
    return moment if round_trip.replace(tzinfo=None) == moment.replace(tzinfo=None) else None


def officials_with_departments() -> QuerySet[User]:
    # The departments name each official in the labels below.
    return officials().prefetch_related("departments")


def official_label(user: User) -> str:
    departments = ", ".join(department.name for department in user.departments.all())
    name = display_name(user)
    return f"{name} ({departments})" if departments else name


class OfficialsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user: User) -> str:
        return official_label(user)


class OfficialField(forms.ModelChoiceField):
    def label_from_instance(self, user: User) -> str:
        return official_label(user)


class MeetingTimeForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    time = forms.TimeField(
        label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    duration = forms.TypedChoiceField(label=_("Length"), choices=DURATIONS, coerce=int, initial=60)
    place = forms.CharField(
        label=_("Place"), max_length=200, required=False, help_text=_("For example Rådhuset, Karlshamn.")
    )
    online_url = forms.URLField(label=_("Online meeting link"), required=False, assume_scheme="https")

    def clean(self) -> dict:
        super().clean()
        data = self.cleaned_data
        if not data.get("place") and not data.get("online_url") and "place" not in self.errors:
            self.add_error("place", _("Give a place, an online meeting link, or both."))
        if data.get("date") and data.get("time"):
            start = local_datetime(data["date"], data["time"])
            if start is None:
                self.add_error(
                    "time",
                    _(
                        "This time does not exist that day because the clocks go forward. Choose another time."
                    ),
                )
            elif start <= timezone.now():
                self.add_error("date", _("The meeting must be in the future."))
            else:
                data["start"] = start
                data["end"] = start + timedelta(minutes=data.get("duration") or 60)
        return data

    @classmethod
    def initial_for(cls, meeting: Meeting) -> dict:
        start = timezone.localtime(meeting.start)
        minutes = int((meeting.end - meeting.start).total_seconds() // 60)
        return {
            "date": start.date(),
            "time": start.time(),
            "duration": minutes,
            "place": meeting.place,
            "online_url": meeting.online_url,
        }


class ScheduleMeetingForm(MeetingTimeForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Message to the invitees"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    reminder_hours = forms.TypedChoiceField(label=_("Reminder"), coerce=int)
    invite_contact = forms.BooleanField(label=_("Invite the company contact"), required=False, initial=True)
    officials = OfficialsField(
        label=_("Officials"),
        queryset=officials_with_departments(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The handling officials of the referred departments are ticked; add anyone else."),
    )
    field_order = [
        "title",
        "date",
        "time",
        "duration",
        "place",
        "online_url",
        "description",
        "reminder_hours",
        "invite_contact",
        "officials",
    ]

    def __init__(self, *args: Any, contact_label: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["officials"]).queryset = officials_with_departments()
        default = settings.MEETING_REMINDER_HOURS
        hours = sorted({2, 24, 48, default})
        cast(forms.ChoiceField, self.fields["reminder_hours"]).choices = [
            (number, ngettext("%(hours)d hour before", "%(hours)d hours before", number) % {"hours": number})
            for number in hours
        ]
        self.fields["reminder_hours"].initial = default
        if contact_label:
            self.fields["invite_contact"].label = _("Invite the company contact: %(contact)s") % {
                "contact": contact_label
            }

    def clean(self) -> dict:
        super().clean()
        data = self.cleaned_data
        if not data.get("invite_contact") and not data.get("officials"):
            self.add_error("officials", _("Invite at least one person."))
        return data


class CancelMeetingForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason, sent to the invitees"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AddOfficialForm(forms.Form):
    official = OfficialField(label=_("Official"), queryset=officials_with_departments())

    def __init__(self, *args: Any, meeting: Meeting | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        queryset = officials_with_departments()
        if meeting is not None:
            queryset = queryset.exclude(invitations__meeting=meeting)
        cast(forms.ModelChoiceField, self.fields["official"]).queryset = queryset
