from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

MAX_REGISTER_FILE_BYTES = 50 * 1024 * 1024


class RegisterUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Register file (CSV)"),
        help_text=_(
            "From SCB's företagsregister, at most 50 MB: semicolons, commas or tabs; UTF-8 or Windows-1252."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,text/csv"}),
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if (upload.size or 0) > MAX_REGISTER_FILE_BYTES:
            raise forms.ValidationError(_("The file is larger than 50 MB."), code="too_large")
        if not upload.size:
            raise forms.ValidationError(_("The file is empty."), code="empty")
        return upload
