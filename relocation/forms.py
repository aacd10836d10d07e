"""The partner's form (public and on their own page), the employer's invitation form, and the
hosts' forms. They validate only; the services store and send."""

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Fieldset, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from karlshamn_portal.people import PersonNameField
from karlshamn_portal.roles import relocation_hosts
from liaison.forms.intake import PHONE
from liaison.forms.staff import UserChoiceField, style_widgets
from liaison.models import Department
from liaison.orgnr import parse_organisation_number
from relocation.models import (
    ContactWay,
    NetworkEmployer,
    Partner,
    PartnerLanguage,
    PartnerStatus,
    ReferralNeed,
    WorkExtent,
)
from relocation.services.partners import find_partner

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def _helper(*layout: object) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    helper.layout = Layout(*layout)
    return helper


def _check_phone(value: str) -> str:
    phone = value.strip()
    if phone and not PHONE.match(phone):
        raise ValidationError(
            _("Enter a phone number with digits, for example +46 454-12 34 56."), code="phone"
        )
    return phone


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class PartnerForm(forms.Form):
    name = PersonNameField(label=_("Your name"), widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("We send the link to your own page here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone (optional)"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    contact_way = forms.ChoiceField(
        label=_("How would you like us to contact you?"),
        choices=ContactWay.choices,
        initial=ContactWay.EMAIL,
        widget=forms.RadioSelect,
    )
    language = forms.ChoiceField(
        label=_("Language for our e-mails"), choices=PartnerLanguage.choices, widget=forms.RadioSelect
    )
    arrival = forms.DateField(label=_("When do you arrive? (optional)"), required=False, widget=DateInput())
    moving_from = forms.CharField(
        label=_("Where are you moving from? (optional)"), max_length=150, required=False
    )
    languages = forms.CharField(
        label=_("Languages you speak (optional)"),
        max_length=200,
        required=False,
        help_text=_("For example: English, Arabic, some Swedish."),
    )
    profession = forms.CharField(label=_("Profession (optional)"), max_length=200, required=False)
    education = forms.CharField(
        label=_("Education (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    work_industry = forms.CharField(
        label=_("Which industry would you like to work in? (optional)"), max_length=200, required=False
    )
    work_extent = forms.ChoiceField(
        label=_("Full or part time (optional)"),
        choices=[("", _("Choose")), *WorkExtent.choices],
        required=False,
    )
    needs_housing = forms.BooleanField(label=_("Housing"), required=False)
    needs_school = forms.BooleanField(label=_("Preschool or school for our children"), required=False)
    children_ages = forms.CharField(
        label=_("The children's ages (optional)"),
        max_length=100,
        required=False,
        help_text=_("For example: 3 and 8."),
    )
    needs_swedish_course = forms.BooleanField(label=_("Swedish courses"), required=False)
    needs_leisure = forms.BooleanField(label=_("Associations and leisure"), required=False)
    needs_healthcare = forms.BooleanField(label=_("Registering with healthcare"), required=False)
    other_needs = forms.CharField(
        label=_("Anything else we can help with? (optional)"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent_network = forms.BooleanField(
        label=_(
            "(a) Network employers may see my profile. They see my contact details only after I accept "
            "a contact request."
        ),
        required=False,
    )
    consent_activities = forms.BooleanField(
        label=_(
            "(b) Invite me to activities for newcomers, such as walks, fika and Swedish conversation evenings."
        ),
        required=False,
    )
    # The honeypot: hidden from people (and screen readers), filled in by form-filling robots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args: Any, partner_id: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.partner_id = partner_id
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.fields["work_extent"].widget.attrs["class"] = "form-select"
        self.helper = _helper(
            Fieldset(_("About you"), "name", "email", "phone", "contact_way", "language"),
            Fieldset(_("Your move"), "arrival", "moving_from", "languages"),
            Fieldset(_("Work"), "profession", "education", "work_industry", "work_extent"),
            Fieldset(
                _("What else would you like help with?"),
                "needs_housing",
                "needs_school",
                "children_ages",
                "needs_swedish_course",
                "needs_leisure",
                "needs_healthcare",
                "other_needs",
            ),
            Fieldset(_("Your choices (each is optional)"), "consent_network", "consent_activities"),
            Div("website", css_class="d-none", aria_hidden="true"),
        )

    def clean_phone(self) -> str:
        return _check_phone(self.cleaned_data["phone"])

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip()
        if self.partner_id is not None:
            other = find_partner(email)
            if other is not None and other.pk != self.partner_id:
                raise ValidationError(_("Another profile in the service uses this address."), code="taken")
        return email

    def clean_arrival(self) -> date | None:
        arrival = self.cleaned_data["arrival"]
        if arrival is not None and not date(2000, 1, 1) <= arrival <= date(2100, 12, 31):
            raise ValidationError(_("Enter a date between 2000 and 2100."), code="range")
        return arrival

    def is_spam(self) -> bool:
        return bool(self.data.get("website"))


class PublicPartnerForm(PartnerForm):
    accept_privacy = forms.BooleanField(
        label=_("I have read how my personal data is handled."),
        error_messages={
            "required": _("Please confirm that you have read how your personal data is handled.")
        },
    )


class EmployerInvitationForm(forms.Form):
    name = PersonNameField(label=_("The partner's name"))
    email = forms.EmailField(label=_("The partner's e-mail"), max_length=254)
    language = forms.ChoiceField(
        label=_("Language of the invitation"), choices=PartnerLanguage.choices, widget=forms.RadioSelect
    )
    recruit_role = forms.CharField(label=_("The recruit's role"), max_length=150)
    recruit_start = forms.DateField(label=_("The recruit's start date"), widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper("name", "email", "language", "recruit_role", "recruit_start")


class HostForm(forms.Form):
    host = UserChoiceField(
        label=_("Host"), queryset=relocation_hosts(), required=False, empty_label=_("Nobody")
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=PartnerStatus.choices)


class ContactForm(forms.Form):
    way = forms.ChoiceField(label=_("How"), choices=ContactWay.choices)
    text = forms.CharField(
        label=_("What was said"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)


class ReferForm(forms.Form):
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.filter(is_active=True), empty_label=_("Choose")
    )
    need = forms.ChoiceField(label=_("Need"), choices=ReferralNeed.choices)
    message = forms.CharField(
        label=_("Message to the department"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The department sees this message, the need and how to reach the partner; nothing else."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)


class ReferralAnswerForm(forms.Form):
    ACCEPT, DECLINE, DONE = "accept", "decline", "done"
    action = forms.ChoiceField(choices=[(ACCEPT, ACCEPT), (DECLINE, DECLINE), (DONE, DONE)])
    reason = forms.CharField(label=_("Reason for declining"), max_length=4000, required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("action") == self.DECLINE and not cleaned.get("reason", "").strip():
            self.add_error("reason", ValidationError(_("Say why the referral is declined."), code="required"))
        return cleaned


class ActivityForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description (optional)"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    day = forms.DateField(label=_("Date"), widget=DateInput())
    start_time = forms.TimeField(
        label=_("Starts"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end_time = forms.TimeField(
        label=_("Ends"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    place = forms.CharField(label=_("Place"), max_length=200)

    def __init__(self, *args: Any, now: datetime | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.now = now
        style_widgets(self)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        day, start, end = cleaned.get("day"), cleaned.get("start_time"), cleaned.get("end_time")
        if day and start and end:
            cleaned["start"] = datetime.combine(day, start, tzinfo=STOCKHOLM)
            cleaned["end"] = datetime.combine(day, end, tzinfo=STOCKHOLM)
            if cleaned["end"] <= cleaned["start"]:
                self.add_error(
                    "end_time", ValidationError(_("The activity must end after it starts."), code="order")
                )
            elif self.now is not None and cleaned["start"] <= self.now + timedelta(minutes=5):
                self.add_error("day", ValidationError(_("Choose a time in the future."), code="past"))
        return cleaned


class EmployerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.company.name)


class IntroduceForm(forms.Form):
    employer = EmployerChoiceField(
        label=_("Network employer"), queryset=NetworkEmployer.objects.none(), empty_label=_("Choose")
    )
    message = forms.CharField(
        label=_("Message to the partner (optional)"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, partner: Partner, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        employers = NetworkEmployer.objects.filter(is_active=True).exclude(introductions__partner=partner)
        self.fields["employer"].queryset = employers.select_related("company")  # type: ignore[attr-defined]
        style_widgets(self)


class NetworkEmployerForm(forms.Form):
    organisation_number = forms.CharField(
        label=_("Organisationsnummer"),
        max_length=20,
        help_text=_("The company must be in the company register."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    contact_name = PersonNameField(label=_("Contact person"))
    contact_email = forms.EmailField(label=_("Contact e-mail"), max_length=254)
    contact_language = forms.ChoiceField(label=_("Language"), choices=PartnerLanguage.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def clean_organisation_number(self) -> Model:
        number = parse_organisation_number(self.cleaned_data["organisation_number"])
        company = register_company(number.number)
        if company is None:
            raise ValidationError(
                _("No company in the register has this organisationsnummer."), code="unknown"
            )
        return company


def register_company(organisation_number: str) -> Model | None:
    """The register's company with this (normalised) number."""
    company_model = NetworkEmployer._meta.get_field("company").related_model
    return company_model._default_manager.filter(organisation_number=organisation_number).first()
