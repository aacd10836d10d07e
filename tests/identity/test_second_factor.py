"""A second factor after the password: TOTP codes computed with pyotp, as a phone would."""

import time

import pyotp
import pytest
from django.urls import reverse

from identity.second_factor import RECOVERY_CODE_COUNT
from tests.factories import PASSWORD, make_liaison, make_user


def sign_in(client, username: str):  # type: ignore[no-untyped-def]
    return client.post(reverse("login"), {"username": username, "password": PASSWORD})


def enrol(client) -> tuple[pyotp.TOTP, list[str]]:  # type: ignore[no-untyped-def]
    page = client.get(reverse("mfa-setup"))
    secret = page.context["secret"].replace(" ", "")
    totp = pyotp.TOTP(secret)
    done = client.post(reverse("mfa-setup"), {"code": totp.now(), "next": "/admin/"})
    assert done.status_code == 200
    return totp, done.context["codes"]


def next_code(totp: pyotp.TOTP) -> str:
    # A code is accepted once; the app's next one (one step ahead is within the tolerance).
    return totp.at(time.time() + 30)


@pytest.mark.django_db
def test_an_administrator_must_set_up_an_app_before_reaching_the_admin(client):
    make_user("ada", is_staff=True, is_superuser=True)
    sign_in(client, "ada")

    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa-setup"))
    page = client.get(response["Location"])
    html = page.content.decode()
    assert 'src="data:image/svg+xml' in html  # the QR code, drawn on the server
    assert page.context["secret"] in html  # and the key to type in

    totp, codes = enrol(client)
    assert len(codes) == RECOVERY_CODE_COUNT and len(set(codes)) == RECOVERY_CODE_COUNT
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_a_wrong_code_keeps_the_setup_going(client):
    make_user("ada", is_staff=True, is_superuser=True)
    sign_in(client, "ada")
    client.get(reverse("mfa-setup"))

    response = client.post(reverse("mfa-setup"), {"code": "000000"})

    assert "does not match" in response.content.decode() or "stämmer inte" in response.content.decode()
    assert client.get("/admin/").status_code == 302


@pytest.mark.django_db
def test_next_time_the_administrator_gives_a_code_from_the_app(client):
    make_user("ada", is_staff=True, is_superuser=True)
    sign_in(client, "ada")
    totp, _ = enrol(client)
    client.post(reverse("logout"))

    sign_in(client, "ada")
    assert client.get("/admin/")["Location"].startswith(reverse("mfa-verify"))
    wrong = client.post(reverse("mfa-verify"), {"code": "123456"})
    assert wrong.status_code == 200 and wrong.context["form"].errors
    time.sleep(1.1)  # django-otp's own throttle after a wrong code
    right = client.post(reverse("mfa-verify"), {"code": next_code(totp), "next": "/admin/"})

    assert right["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_a_recovery_code_signs_in_once(client):
    make_user("ada", is_staff=True, is_superuser=True)
    sign_in(client, "ada")
    _, codes = enrol(client)
    client.post(reverse("logout"))

    sign_in(client, "ada")
    assert client.post(reverse("mfa-verify"), {"code": codes[0]}).status_code == 302
    client.post(reverse("logout"))
    sign_in(client, "ada")
    again = client.post(reverse("mfa-verify"), {"code": codes[0]})

    assert again.status_code == 200 and again.context["form"].errors


@pytest.mark.django_db
def test_wrong_codes_count_towards_the_same_lockout_as_wrong_passwords(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    make_user("ada", is_staff=True, is_superuser=True)
    sign_in(client, "ada")
    enrol(client)
    client.post(reverse("logout"))

    sign_in(client, "ada")
    client.post(reverse("mfa-verify"), {"code": "111111"})
    client.post(reverse("mfa-verify"), {"code": "222222"})
    locked = client.post(reverse("mfa-verify"), {"code": "333333"})

    assert locked.status_code in (403, 429)
    assert not client.session.get("_auth_user_id")  # signed out
    # And the password step is locked for the account too.
    assert sign_in(client, "ada").status_code in (403, 429)


@pytest.mark.django_db
def test_staff_without_a_required_second_factor_go_straight_in(client, liaison):
    sign_in(client, "lina")
    assert client.get(reverse("dashboard")).status_code == 200


@pytest.mark.django_db
def test_groups_in_mfa_required_groups_must_set_up_an_app(client, settings):
    settings.MFA_REQUIRED_GROUPS = ["Liaison officers"]
    make_liaison("lina")
    sign_in(client, "lina")
    assert client.get(reverse("dashboard"))["Location"].startswith(reverse("mfa-setup"))


@pytest.mark.django_db
def test_someone_who_set_up_an_app_is_asked_for_it_though_not_required(client):
    make_liaison("lina")
    sign_in(client, "lina")
    client.get(reverse("mfa-setup"))
    totp = pyotp.TOTP(client.get(reverse("mfa-setup")).context["secret"].replace(" ", ""))
    client.post(reverse("mfa-setup"), {"code": totp.now()})
    client.post(reverse("logout"))

    sign_in(client, "lina")

    assert client.get(reverse("dashboard"))["Location"].startswith(reverse("mfa-verify"))


@pytest.mark.django_db
def test_with_local_login_off_a_correct_password_is_refused(client, settings, liaison):
    settings.LOCAL_LOGIN = False
    settings.OIDC_RP_CLIENT_ID = "portal"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://idp.example/token"

    page = client.get(reverse("login")).content.decode()
    sign_in(client, "lina")

    assert 'type="password"' not in page
    assert reverse("oidc-start") in page
    assert client.get(reverse("dashboard")).status_code == 302
    admin_login = client.post("/admin/login/", {"username": "lina", "password": PASSWORD})
    assert not client.session.get("_auth_user_id")
    # The admin's form could only refuse: the staff login page, with the provider's button, instead.
    assert admin_login.status_code == 302
    assert admin_login["Location"] == f"{reverse('login')}?next=%2Fadmin%2F"


@pytest.mark.django_db
def test_someone_made_an_administrator_while_signed_in_sets_up_an_app_at_the_admin(client):
    lina = make_liaison("lina")
    sign_in(client, "lina")
    assert client.get(reverse("dashboard")).status_code == 200  # no second factor asked of her
    lina.is_staff = True  # another administrator makes her one
    lina.save()

    response = client.get("/admin/")

    assert response.status_code == 302 and response["Location"].startswith(reverse("mfa-setup"))
    assert client.get(reverse("dashboard"))["Location"].startswith(reverse("mfa-setup"))
    enrol(client)
    assert client.get("/admin/").status_code == 200
