"""Plain `make_*` factories for tests; each returns a saved row."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from karlshamn_portal.roles import LIAISON_GROUP, OFFICIAL_GROUP
from liaison.models import Department

PASSWORD = "correct-horse-battery"


def make_user(username: str, group: str | None = None, **fields: object):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.se", PASSWORD, first_name=username.title(), **fields
    )
    if group:
        # get_or_create: transactional tests flush the rows the migration created.
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


def make_liaison(username: str = "lina"):
    return make_user(username, LIAISON_GROUP)


def make_department(
    slug: str, name_sv: str | None = None, name_en: str | None = None, **fields: object
) -> Department:
    return Department.objects.create(
        slug=slug, name_sv=name_sv or slug.title(), name_en=name_en or slug.title(), **fields
    )


def make_official(username: str, *departments: Department):
    user = make_user(username, OFFICIAL_GROUP)
    for department in departments:
        department.officials.add(user)
    return user


def sign_in_past_second_factor(client, user) -> None:  # type: ignore[no-untyped-def]
    """force_login, as if the person had also passed their second factor (an administrator's
    session, say), for tests about what comes after signing in."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from identity.second_factor import PENDING_SESSION_KEY

    client.force_login(user)
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    session = client.session
    session.pop(PENDING_SESSION_KEY, None)
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
