"""python manage.py import_companies FILE [--dry-run]: bring the company register up to date with
a file from SCB's företagsregister.

Prints one line per rejected row (line number and reason), then the summary as JSON on the last line.
"""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from companies.register_file import RegisterFileError
from companies.services.register_import import import_register


class Command(BaseCommand):
    help = "Import the company register from a CSV in SCB's layout (upsert by organisationsnummer)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Count what would change; save nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}") from error
        try:
            report = import_register(content, dry_run=options["dry_run"])
        except RegisterFileError as error:
            raise CommandError(str(error.message)) from error
        for rejection in report.rejections:
            self.stdout.write(
                _("line %(line)s: %(reason)s") % {"line": rejection.line, "reason": rejection.reason}
            )
        for kept, replaced in report.duplicates:
            self.stdout.write(
                _("line %(kept)s: the same organisationsnummer as line %(replaced)s; the last row wins")
                % {"kept": kept, "replaced": replaced}
            )
        if report.marked_missing:
            self.stdout.write(
                _("%(count)s companies are not in this file and were marked as not in the latest register")
                % {"count": report.marked_missing}
            )
        if options["dry_run"]:
            self.stdout.write(_("Dry run: nothing was saved."))
        self.stdout.write(json.dumps(report.summary()))
