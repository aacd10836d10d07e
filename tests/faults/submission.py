"""A company's request as the public form posts it."""

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.liaison.factories import PDF_BYTES, valid_organisation_number


def request_form(serial: int = 1, *, with_file: bool = False) -> dict[str, object]:
    data: dict[str, object] = {
        "company_name": "Verkstad i Vä AB",
        "organisation_number": valid_organisation_number(8000 + serial),
        "contact_name": "Vera Verkstad",
        "contact_email": f"vera{serial}@example.se",
        "subject": "Tillbyggnad av verkstad",
        "description": "Vi vill bygga till verkstaden med 200 kvadratmeter.",
        "accept_privacy": "on",
    }
    if with_file:
        data["attachments"] = [SimpleUploadedFile("ritning.pdf", PDF_BYTES, content_type="application/pdf")]
    return data
