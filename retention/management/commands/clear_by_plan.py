"""Clear what the retention plan says is due, every kind; --dry-run only counts."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from retention import registry
from retention.services.clearing import clear_by_plan, dry_run


class Command(BaseCommand):
    help = "Clear personal data by the retention plan (counts per kind; --dry-run changes nothing)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="count what would be cleared, change nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        outcomes = dry_run() if options["dry_run"] else clear_by_plan()
        verb = "would clear" if options["dry_run"] else "cleared"
        for outcome in outcomes:
            kind = registry.get(outcome.key)
            if outcome.days is None:
                self.stdout.write(f"{outcome.key}: never cleared (the plan keeps it)")
            else:
                self.stdout.write(f"{outcome.key}: {verb} {outcome.count} ({kind.describe()})")
