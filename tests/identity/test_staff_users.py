"""Users kept in step with what the identity provider says about them."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from identity.models import StaffIdentity
from identity.services import SignInRefused, sign_in_staff_user
from karlshamn_portal.roles import LIAISON_GROUP, OFFICIAL_GROUP
from tests.factories import make_department

pytestmark = pytest.mark.django_db
ISSUER = "https://login.karlshamn.example"
GROUP_MAP = {
    "sg-naringsliv": {"groups": [LIAISON_GROUP], "departments": []},
    "sg-bygglov": {"groups": [OFFICIAL_GROUP], "departments": ["bygglov"]},
}


def claims(**values: object) -> dict[str, object]:
    return {
        "sub": "a1b2c3",
        "email": "olof@karlshamn.example",
        "given_name": "Olof",
        "family_name": "Bygg",
        "preferred_username": "olof",
        "groups": ["sg-bygglov"],
        **values,
    }


def sign_in(**values: object):  # type: ignore[no-untyped-def]
    return sign_in_staff_user(ISSUER, claims(**values), "groups", GROUP_MAP)


@pytest.fixture(autouse=True)
def groups(db):
    for name in (LIAISON_GROUP, OFFICIAL_GROUP):
        Group.objects.get_or_create(name=name)


def test_a_new_person_becomes_a_user_with_their_name_groups_and_departments():
    building = make_department("bygglov")
    user = sign_in()
    assert (user.username, user.get_full_name(), user.email) == (
        "olof",
        "Olof Bygg",
        "olof@karlshamn.example",
    )
    assert [g.name for g in user.groups.all()] == [OFFICIAL_GROUP]
    assert list(building.officials.all()) == [user]


def test_the_next_sign_in_follows_the_providers_changes():
    building = make_department("bygglov")
    first = sign_in()
    again = sign_in(groups=["sg-naringsliv"], family_name="Lots", email="olof.lots@karlshamn.example")
    assert again.pk == first.pk
    assert [g.name for g in again.groups.all()] == [LIAISON_GROUP]
    assert not building.officials.exists()
    assert again.email == "olof.lots@karlshamn.example" and again.last_name == "Lots"


def test_a_local_account_with_the_same_username_or_address_is_never_taken_over():
    local = get_user_model().objects.create_user("olof", "olof@karlshamn.example", "local-password")
    user = sign_in()
    assert user.pk != local.pk and user.username != "olof"
    local.refresh_from_db()
    assert not local.groups.exists()


def test_someone_deactivated_for_lacking_a_group_comes_back_when_they_get_one():
    user = sign_in()
    with pytest.raises(SignInRefused):
        sign_in(groups=[])
    user.refresh_from_db()
    assert not user.is_active
    assert sign_in().is_active


def test_someone_an_administrator_deactivated_stays_out():
    user = sign_in()
    user.is_active = False
    user.save()
    with pytest.raises(SignInRefused) as refusal:
        sign_in()
    assert refusal.value.reason == "inactive"


def test_claims_without_a_subject_are_refused():
    with pytest.raises(SignInRefused):
        sign_in(sub="")
    assert not StaffIdentity.objects.exists()


def test_a_single_group_sent_as_text_counts():
    assert sign_in(groups="sg-naringsliv").groups.get().name == LIAISON_GROUP
