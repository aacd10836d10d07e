"""python manage.py refresh_last_met: work out when each company was last met, for the whole
register, as the nightly task does; for after a change made around the portal."""

from typing import Any

from django.core.management.base import BaseCommand

from companies.last_met import refresh_last_met


class Command(BaseCommand):
    help = "Work out every company's last-met times afresh (what the nightly task does)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{refresh_last_met()} companies changed")
