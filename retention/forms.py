from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from companies.orgnr import parse_organisation_number
from retention.models import RequestKind
from retention.registry import Person


class PersonalDataRequestForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Request"),
        choices=RequestKind.choices,
        initial=RequestKind.ACCESS,
        widget=forms.RadioSelect,
    )
    person = forms.CharField(
        label=_("E-mail address or personnummer"),
        max_length=254,
        help_text=_("The person's e-mail address, or a sole trader's personnummer (NNNNNN-NNNN)."),
    )

    def clean_person(self) -> Person:
        value = self.cleaned_data["person"].strip()
        if "@" in value:
            validate_email(value)
            return Person(email=value)
        number = parse_organisation_number(value)
        if not number.is_sole_trader:
            raise ValidationError(
                _("This is a company's organisationsnummer, not a person's personnummer."), code="company"
            )
        return Person(personnummer=number.number)
