from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from feedback import demo as feedback_demo
from forum import demo as forum_demo
from karlshamn_portal.demo import loaders
from karlshamn_portal.demo import register as register_demo
from liaison import demo as liaison_demo
from liaison.demo_triage import load_triage_demo


class Command(BaseCommand):
    help = "Load demo departments, staff, cases, a forum series, the company register and the relocation service (safe to run again: nothing is duplicated)."

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        lines = liaison_demo.load()
        lines += load_triage_demo()
        lines += forum_demo.load()
        lines += feedback_demo.load()
        lines += register_demo.load()
        # The apps' own loaders (the relocation service) come last: network employers are
        # register companies.
        for loader in loaders.registered():
            lines += loader()
        self.stdout.write(f"\nKarlshamn business portal: {settings.SITE_URL}/\n")
        self.stdout.write("Demo logins at /login/:")
        for line in lines:
            self.stdout.write(line)
        self.stdout.write("")
