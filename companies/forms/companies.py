from django import forms
from django.utils.translation import gettext_lazy as _

from companies.models import Contact


class NotesForm(forms.Form):
    internal_notes = forms.CharField(
        label=_("Internal notes"), required=False, max_length=20_000, widget=forms.Textarea(attrs={"rows": 4})
    )


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "role", "email", "phone", "purpose"]

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if phone and not all(character.isdigit() or character in " -+()" for character in phone):
            raise forms.ValidationError(_("Enter a phone number with digits, for example 0454-12 34 56."))
        return phone
