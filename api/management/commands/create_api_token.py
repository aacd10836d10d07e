from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from api.models import Scope
from api.tokens import ROLES, TokenError, create_api_token
from liaison.models import Department

# Ten years: a longer life is no expiry, which leaving the option out says plainly.
MAX_DAYS = 3650


class Command(BaseCommand):
    help = (
        "Create an API token and print it once (only its hash is kept). It acts as a staff user "
        "(--user) or as an integration with a role (--role), e.g. the diarium reading as a liaison officer."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help="what the token is for, e.g. 'Diariet (W3D3)'")
        parser.add_argument("--scope", action="append", required=True, choices=Scope.values, dest="scopes")
        acts_as = parser.add_mutually_exclusive_group(required=True)
        acts_as.add_argument("--user", help="the username of the staff member the token acts as")
        acts_as.add_argument("--role", choices=sorted(ROLES), help="the role of an integration's own account")
        parser.add_argument(
            "--department", action="append", default=[], help="for --role official: a department's short name"
        )
        parser.add_argument("--expires-in-days", type=int, help=f"1 to {MAX_DAYS}; no expiry when left out")

    def handle(self, *args: Any, **options: Any) -> None:
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"], is_active=True).first()
            if user is None:
                raise CommandError(f"no active user named {options['user']!r}")
        departments = list(Department.objects.filter(slug__in=options["department"]))
        if len(departments) != len(set(options["department"])):
            raise CommandError(f"unknown department among {', '.join(options['department'])}")
        days = options["expires_in_days"]
        if days is not None and not 1 <= days <= MAX_DAYS:
            raise CommandError(f"--expires-in-days must be from 1 to {MAX_DAYS}; leave it out for no expiry")
        try:
            issued = create_api_token(
                options["name"],
                options["scopes"],
                user=user,
                role=options["role"],
                departments=departments,
                expires_at=timezone.now() + timedelta(days=days) if days else None,
            )
        except TokenError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(issued.secret)
        self.stderr.write(
            f"Token {issued.token.name!r} acting as {issued.token.user.username} with "
            f"{', '.join(issued.token.scopes)}. Store it now: it cannot be shown again."
        )
