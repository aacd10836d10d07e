"""Public forms: the request form, the message form on the track page, the e-mail link form.

They validate only; the services in `liaison.services` store and send.
"""

import re
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Fieldset, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from companies.orgnr import OrganisationNumber, parse_organisation_number
from karlshamn_portal.people import PersonNameField
from liaison.models import Topic
from liaison.uploads import ACCEPT, ALLOWED_DESCRIPTION, MAX_FILES, CheckedUpload, check_uploads

PHONE = re.compile(r"^\+?[\d\s()-]{5,30}$")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that takes several files and returns them checked (see liaison.uploads)."""

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        kwargs.setdefault(
            "help_text",
            format_lazy(
                _("Up to {count} files of at most 10 MB each: {types}."),
                count=MAX_FILES,
                types=ALLOWED_DESCRIPTION,
            ),
        )
        super().__init__(**kwargs)  # type: ignore[arg-type]

    def clean(self, data: object, initial: object = None) -> list[CheckedUpload]:
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        single_clean = super().clean
        return check_uploads([single_clean(f, initial) for f in files])


def _no_form_tag_helper(*layout: object) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    helper.layout = Layout(*layout)
    return helper


class CaseForm(forms.Form):
    company_name = forms.CharField(
        label=_("Company name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    organisation_number = forms.CharField(
        label=_("Organisationsnummer"),
        max_length=20,
        help_text=_(
            "10 digits, for example 556036-0793. A sole trader (enskild firma) enters the owner's "
            "personnummer; we treat it as personal data."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    # Printed in e-mails to the company and the liaison officers: see typed_name.
    contact_name = PersonNameField(
        label=_("Your name"), widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    contact_email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("We send the reference and your private link for following the case here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    contact_phone = forms.CharField(
        label=_("Phone (optional)"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    topic = forms.ModelChoiceField(
        label=_("What is it about?"),
        queryset=Topic.objects.filter(is_active=True),
        empty_label=_("Choose a topic"),
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    description = forms.CharField(
        label=_("Describe your request"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "What do you want to do, where, and when? Say if you have already been in touch with us."
        ),
    )
    attachments = MultipleFileField(label=_("Attachments (optional)"), required=False)
    accept_privacy = forms.BooleanField(
        label=_("I have read how my personal data is handled."),
        error_messages={
            "required": _("Please confirm that you have read how your personal data is handled.")
        },
    )
    # The honeypot: hidden from people (and screen readers), filled in by form-filling robots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        topic = self.fields["topic"]
        # A chosen topic is looked up when the form is validated anyway; whether topics exist
        # at all only matters when none was chosen.
        chosen = self.is_bound and self.data.get(self.add_prefix("topic"))
        if not chosen and not topic.queryset.exists():  # type: ignore[attr-defined]
            # Before an administrator has added topics the form must still take requests; the
            # liaison officer sets the topic later.
            topic.required = False
        self.helper = _no_form_tag_helper(
            Fieldset(_("Your company"), "company_name", "organisation_number"),
            Fieldset(_("Contact person"), "contact_name", "contact_email", "contact_phone"),
            Fieldset(_("Your request"), "topic", "subject", "description", "attachments"),
            Div("website", css_class="d-none", aria_hidden="true"),
        )

    def clean_organisation_number(self) -> OrganisationNumber:
        return parse_organisation_number(self.cleaned_data["organisation_number"])

    def clean_contact_phone(self) -> str:
        phone = self.cleaned_data["contact_phone"].strip()
        if phone and not PHONE.match(phone):
            raise ValidationError(
                _("Enter a phone number with digits, for example 0454-12 34 56."), code="phone"
            )
        return phone

    def is_spam(self) -> bool:
        return bool(self.data.get("website"))


class CompanyMessageForm(forms.Form):
    text = forms.CharField(
        label=_("Message"), max_length=10_000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    attachments = MultipleFileField(label=_("Add files (optional)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _no_form_tag_helper("text", "attachments")

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        if not self.errors and not cleaned.get("text", "").strip() and not cleaned.get("attachments"):
            raise ValidationError(_("Write a message or choose a file to send."), code="empty")
        cleaned["text"] = cleaned.get("text", "").strip()
        return cleaned


class ContactEmailForm(forms.Form):
    email = forms.EmailField(
        label=_("The e-mail address you used"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _no_form_tag_helper("email")
