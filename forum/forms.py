"""Forum forms: they validate and hand clean values to the services; they never save."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

import filetype
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from forum.models import ForumSeries
from forum.recurrence import (
    MONTHLY,
    ORDINALS,
    WEEKDAY_NAMES,
    WEEKDAYS,
    WEEKLY,
    InvalidRule,
    RulePattern,
    next_dates,
    parse_rule,
)
from karlshamn_portal.people import PersonNameField, display_name
from karlshamn_portal.roles import officials

WEEKDAY_CHOICES = list(zip(WEEKDAYS, WEEKDAY_NAMES, strict=True))
FREQUENCY_CHOICES = [
    (WEEKLY, _("Every week or every few weeks")),
    (MONTHLY, _("Every month or every few months")),
]
ORDINAL_CHOICES = [(str(number), name) for number, name in ORDINALS.items()]

MINUTES_MAX_BYTES = 10 * 1024 * 1024
# Checked type -> the extension of the stored (and served) file.
MINUTES_TYPES = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.oasis.opendocument.text": "odt",
}


@dataclass(frozen=True)
class CheckedMinutesFile:
    """An uploaded minutes file whose content was checked to be `content_type`."""

    file: UploadedFile
    content_type: str

    @property
    def extension(self) -> str:
        return MINUTES_TYPES[self.content_type]


class OfficialsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{display_name(obj)} ({obj.email})"


class RuleBuilderMixin(forms.Form):
    """The readable rule builder; `clean` leaves the RRULE in cleaned_data["rule"]."""

    frequency = forms.ChoiceField(label=_("Repeats"), choices=FREQUENCY_CHOICES, widget=forms.RadioSelect)
    interval = forms.IntegerField(
        label=_("Every how many weeks or months"), min_value=1, max_value=12, initial=1
    )
    weekdays = forms.MultipleChoiceField(
        label=_("On these weekdays (weekly)"),
        choices=WEEKDAY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    ordinal = forms.ChoiceField(
        label=_("Which one in the month (monthly)"), choices=ORDINAL_CHOICES, initial="1"
    )
    month_weekday = forms.ChoiceField(label=_("Weekday (monthly)"), choices=WEEKDAY_CHOICES, initial="TU")

    def clean_rule_builder(self) -> str | None:
        data = self.cleaned_data
        if "frequency" not in data or "interval" not in data:
            return None
        if data["frequency"] == WEEKLY:
            if not data.get("weekdays"):
                self.add_error("weekdays", _("Pick at least one weekday."))
                return None
            pattern = RulePattern(WEEKLY, data["interval"], list(data["weekdays"]))
        else:
            pattern = RulePattern(
                MONTHLY, data["interval"], [data.get("month_weekday", "TU")], int(data.get("ordinal", 1))
            )
        try:
            return pattern.to_rule()
        except InvalidRule:
            self.add_error("frequency", _("This repetition cannot be built; check the weekday."))
            return None


class SeriesForm(RuleBuilderMixin, forms.ModelForm):
    duration_minutes = forms.IntegerField(
        label=_("Length (minutes)"), min_value=15, max_value=12 * 60, initial=90
    )
    reminder_days = forms.CharField(
        label=_("Reminders (days before, separated by commas)"),
        initial="7, 1",
        required=False,
        help_text=_("For example 7, 1 for a week and a day before. Half days are written 0.5."),
    )
    online_url = forms.URLField(
        label=capfirst(ForumSeries._meta.get_field("online_url").verbose_name),
        required=False,
        assume_scheme="https",
    )
    invited_officials = OfficialsField(
        label=_("Officials on the invite list"),
        queryset=get_user_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    field_order = [
        "name",
        "slug",
        "description",
        "frequency",
        "interval",
        "weekdays",
        "ordinal",
        "month_weekday",
        "start_time",
        "duration_minutes",
        "first_date",
        "end_date",
        "place",
        "online_url",
        "invitation_lead_days",
        "reminder_days",
        "agenda_deadline_days",
        "capacity",
        "invited_officials",
    ]

    class Meta:
        model = ForumSeries
        fields = [
            "name",
            "slug",
            "description",
            "start_time",
            "first_date",
            "end_date",
            "place",
            "online_url",
            "invitation_lead_days",
            "agenda_deadline_days",
            "capacity",
        ]
        widgets = {
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "first_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "slug": _("Used in the web address of the calendar feed, e.g. naringslivsforum."),
            "start_time": _("Swedish time (Europe/Stockholm)."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["invited_officials"].queryset = officials()  # type: ignore[attr-defined]
        series: ForumSeries | None = self.instance if self.instance.pk else None
        if series is None:
            self.initial.setdefault("frequency", MONTHLY)
            return
        self.initial["duration_minutes"] = int(series.duration.total_seconds() // 60)
        self.initial["reminder_days"] = ", ".join(
            _format_days(minutes) for minutes in series.sorted_reminder_offsets
        )
        self.initial["invited_officials"] = list(series.invited_officials.all())
        try:
            pattern = parse_rule(series.rule)
        except InvalidRule:
            return
        self.initial.update(frequency=pattern.frequency, interval=pattern.interval)
        if pattern.frequency == WEEKLY:
            self.initial["weekdays"] = pattern.weekdays
        else:
            self.initial.update(ordinal=str(pattern.ordinal), month_weekday=pattern.weekdays[0])

    def clean_reminder_days(self) -> list[int]:
        text = self.cleaned_data.get("reminder_days", "")
        offsets = set()
        for part in text.replace(";", ",").split(","):
            if not part.strip():
                continue
            try:
                days = Decimal(part.strip().replace(" ", ""))
            except InvalidOperation:
                raise forms.ValidationError(
                    _("Write numbers of days separated by commas, e.g. 7, 1.")
                ) from None
            if not Decimal("0.01") <= days <= 60:
                raise forms.ValidationError(_("Each reminder must be between 0.01 and 60 days before."))
            offsets.add(int(days * 24 * 60))
        return sorted(offsets, reverse=True)

    def clean(self) -> dict:
        super().clean()
        data = self.cleaned_data
        rule = self.clean_rule_builder()
        first, end = data.get("first_date"), data.get("end_date")
        if first and end and end < first:
            self.add_error("end_date", _("The last date must be on or after the first date."))
        if not data.get("place") and not data.get("online_url"):
            self.add_error("place", _("Give a place, an online meeting link, or both."))
        start_time = data.get("start_time")
        if (
            rule
            and first
            and start_time
            and not self.errors
            and not next_dates(rule, first, start_time, end, timezone.now(), count=1)
        ):
            self.add_error("first_date", _("This repetition has no meeting after today."))
        data["rule"] = rule
        return data

    def series_values(self) -> dict[str, object]:
        """What create_series/update_series take."""
        data = self.cleaned_data
        values = {name: data[name] for name in self.Meta.fields}
        values["rule"] = data["rule"]
        values["duration"] = timedelta(minutes=data["duration_minutes"])
        values["reminder_offsets"] = data["reminder_days"]
        return values


def _format_days(minutes: int) -> str:
    days = Decimal(minutes) / Decimal(24 * 60)
    return f"{days.normalize():f}"


class PreviewForm(RuleBuilderMixin):
    start_time = forms.TimeField()
    first_date = forms.DateField()
    end_date = forms.DateField(required=False)

    def dates(self) -> list[datetime]:
        if not self.is_valid():
            return []
        rule = self.clean_rule_builder()
        if not rule:
            return []
        data = self.cleaned_data
        return next_dates(rule, data["first_date"], data["start_time"], data.get("end_date"), timezone.now())


class SubscribeForm(forms.Form):
    series = forms.ModelChoiceField(
        label=_("Forum"), queryset=ForumSeries.objects.all(), empty_label=None, to_field_name="slug"
    )
    # The name is printed in the confirmation e-mail ("Hello …,"): see typed_name.
    name = PersonNameField(label=_("Your name"))
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    company_name = forms.CharField(label=_("Company"), max_length=200)
    # The honeypot: hidden from people (and screen readers), filled in by form-filling robots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            "series", "name", "email", "company_name", Div("website", css_class="d-none", aria_hidden="true")
        )

    def is_spam(self) -> bool:
        return bool(self.data.get("website"))


class InviteListAddForm(forms.Form):
    """A liaison officer adds a company contact, or any address, to a series' invite list."""

    email = forms.EmailField(label=_("E-mail"), max_length=254)
    name = forms.CharField(label=_("Name"), max_length=150, required=False)
    company_name = forms.CharField(label=_("Company"), max_length=200, required=False)
    language = forms.ChoiceField(
        label=_("Language of the e-mails"), choices=settings.LANGUAGES, initial="sv", required=False
    )

    def clean_language(self) -> str:
        return self.cleaned_data["language"] or settings.LANGUAGE_CODE


class CancelOccurrenceForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class MoveOccurrenceForm(forms.Form):
    date = forms.DateField(label=_("New date"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(label=_("New start time"), widget=forms.TimeInput(attrs={"type": "time"}))
    duration_minutes = forms.IntegerField(label=_("Length (minutes)"), min_value=15, max_value=12 * 60)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)

    def clean(self) -> dict:
        super().clean()
        data = self.cleaned_data
        if data.get("date") and data.get("start_time"):
            start = timezone.make_aware(datetime.combine(data["date"], data["start_time"]))
            if start <= timezone.now():
                self.add_error("date", _("The new time must be in the future."))
            data["start"] = start
            data["end"] = start + timedelta(minutes=data.get("duration_minutes") or 90)
        return data


class AgendaProposalForm(forms.Form):
    title = forms.CharField(label=_("Topic"), max_length=200)
    description = forms.CharField(
        label=_("Description"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class MinutesForm(forms.Form):
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 8}), max_length=50_000)
    file = forms.FileField(
        label=_("Minutes as a file (optional)"),
        required=False,
        help_text=_("PDF, Word or OpenDocument text, at most 10 MB."),
    )

    def clean_file(self) -> CheckedMinutesFile | None:
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        if upload.size > MINUTES_MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        kind = filetype.guess(upload.read(8192))
        upload.seek(0)
        if kind is None or kind.mime not in MINUTES_TYPES:
            raise forms.ValidationError(_("Only PDF, Word or OpenDocument text files can be attached."))
        return CheckedMinutesFile(upload, kind.mime)
