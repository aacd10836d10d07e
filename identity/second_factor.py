"""The second factor for password sign-ins: a TOTP app, with recovery codes for a lost phone.

A password sign-in marks the session as waiting for a second factor when the person has one,
or must have one (administrators, MFA_REQUIRED_GROUPS); SecondFactorMiddleware then sends every
page to the code or enrolment step until it is passed. The decision is made once, at sign-in,
so pages cost no extra query afterwards. Staff signed in through the identity provider rely on
the provider's own MFA and are not asked again.
"""

from base64 import b32encode

import segno
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import transaction
from django.http import HttpRequest
from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from identity.oidc import signed_in_through_provider

# The session key holding what the sign-in still needs: VERIFY or ENROL.
PENDING_SESSION_KEY = "identity_second_factor"
VERIFY = "verify"
ENROL = "enrol"
RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "app"
RECOVERY_DEVICE_NAME = "recovery"


def second_factor_required(user: User | AbstractBaseUser | AnonymousUser) -> bool:
    """Administrators always; everyone in one of MFA_REQUIRED_GROUPS."""
    if not isinstance(user, User) or not user.is_authenticated:
        return False
    if user.is_superuser or user.is_staff:
        return True
    required = set(settings.MFA_REQUIRED_GROUPS)
    return bool(required) and user.groups.filter(name__in=required).exists()


def step_after_password(user: User) -> str | None:
    if user_has_device(user, confirmed=True):
        return VERIFY
    if second_factor_required(user):
        return ENROL
    return None


def admin_without_second_factor(request: HttpRequest) -> bool:
    """An administrator whose session passed no second factor: one who became an administrator
    after signing in, when none was asked for. Signed in through the identity provider, they
    passed the provider's."""
    user = request.user
    return (
        user.is_authenticated
        and (user.is_staff or user.is_superuser)
        and not request.session.get(DEVICE_ID_SESSION_KEY)
        and not signed_in_through_provider(request)
    )


def ask_at_the_admin(request: HttpRequest) -> str:
    step = VERIFY if user_has_device(request.user, confirmed=True) else ENROL
    request.session[PENDING_SESSION_KEY] = step
    return step


def pending_step(request: HttpRequest) -> str | None:
    step = request.session.get(PENDING_SESSION_KEY)
    return str(step) if step else None


def mark_verified(request: HttpRequest, device: Device) -> None:
    otp_login(request, device)
    request.session.pop(PENDING_SESSION_KEY, None)


def verify_code(user: User, code: str) -> Device | None:
    """The device (the app, or the recovery codes) that accepts this code, if any. A recovery
    code works once: django-otp deletes it when it matches."""
    code = "".join(code.split()).lower()
    if not code:
        return None
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            if device.verify_token(code):
                return device
    return None


@transaction.atomic
def start_enrolment(user: User) -> TOTPDevice:
    """The app device being set up: the same one until it is confirmed, so reloading the page
    does not change the QR code the person already scanned."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


@transaction.atomic
def confirm_enrolment(user: User, code: str) -> tuple[TOTPDevice, list[str]] | None:
    """Confirm the app with a code from it; returns it with fresh recovery codes, or None when
    the code is wrong. Any earlier app is replaced: one phone per person."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
    if device is None or not device.verify_token("".join(code.split())):
        return None
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return device, replace_recovery_codes(user)


@transaction.atomic
def replace_recovery_codes(user: User) -> list[str]:
    recovery, _ = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_DEVICE_NAME)
    recovery.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=recovery, token=code) for code in codes])
    return codes


def secret_for_typing(device: TOTPDevice) -> str:
    """The key as an authenticator app takes it typed in, in groups of four."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_data_uri(device: TOTPDevice) -> str:
    """The otpauth:// address as a QR code, an SVG in a data: URI (drawn here, loaded from
    nowhere)."""
    return str(segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2))
