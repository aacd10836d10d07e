"""Everything the portal holds about one person, as an access request's ZIP (GDPR art. 15)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from retention.forms import PersonalDataRequestForm
from retention.services.requests import download_access_request, record_access_request


class Command(BaseCommand):
    help = "Write what the portal holds about an e-mail address (or a sole trader's personnummer) to a ZIP."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("person", help="e-mail address, or a sole trader's personnummer")
        parser.add_argument("--output", required=True, type=Path, help="the ZIP file to write")

    def handle(self, *args: Any, **options: Any) -> None:
        form = PersonalDataRequestForm({"kind": "access", "person": options["person"]})
        if not form.is_valid():
            raise CommandError(" ".join(str(error) for error in form.errors.get("person", [])))
        request = record_access_request(form.cleaned_data["person"], None)
        with options["output"].open("wb") as target:
            download_access_request(request, None, target)
        self.stdout.write(f"access request #{request.pk} written to {options['output']}")
