"""Run the test provider: python -m tests.oidc_provider (configured by PROVIDER_* variables).

Creates its database, the portal as a client and the people the tests sign in as, then serves
on 127.0.0.1:PROVIDER_PORT until it is killed.
"""

import os

import django

os.environ["DJANGO_SETTINGS_MODULE"] = "tests.oidc_provider.settings"
django.setup()

from django.contrib.auth.models import Group, User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.servers.basehttp import get_internal_wsgi_application, run  # noqa: E402
from oauth2_provider.models import Application  # noqa: E402

PEOPLE = [
    # username, first name, last name, provider groups
    ("liv", "Liv", "Lots", ["sg-naringsliv"]),
    ("olof", "Olof", "Bygg", ["sg-bygglov", "sg-alla-anstallda"]),
    ("ulla", "Ulla", "Kök", ["sg-alla-anstallda"]),  # in no group the portal maps
]
PASSWORD = "provider-password"  # noqa: S105


def seed() -> None:
    call_command("migrate", verbosity=0)
    Application.objects.create(
        name="Näringslivsportalen",
        client_id=os.environ["PROVIDER_CLIENT_ID"],
        client_secret=os.environ["PROVIDER_CLIENT_SECRET"],
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=os.environ["PROVIDER_REDIRECT_URI"],
        post_logout_redirect_uris=os.environ["PROVIDER_POST_LOGOUT_URI"],
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )
    for username, first, last, groups in PEOPLE:
        user = User.objects.create_user(
            username, f"{username}@karlshamn.example", PASSWORD, first_name=first, last_name=last
        )
        for name in groups:
            user.groups.add(Group.objects.get_or_create(name=name)[0])


def main() -> None:
    seed()
    run("127.0.0.1", int(os.environ["PROVIDER_PORT"]), get_internal_wsgi_application(), threading=True)


main()
