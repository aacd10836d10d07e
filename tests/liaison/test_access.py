"""Every case and referral URL against every role, with the status code each must get.

Company contacts have no login: until their private track links reach these pages (they never
should), they are anonymous visitors here, sent to the staff login like anyone else.
"""

import pytest
from django.urls import reverse

from tests.factories import make_user
from tests.liaison.triage_factories import make_case, make_company, make_referral

ANONYMOUS = "anonymous"
COMPANY_CONTACT = "company contact of the case"
OTHER_COMPANY = "another company's contact"
REFERRED_OFFICIAL = "official of a referred department"
OTHER_OFFICIAL = "official of another department"
LIAISON = "liaison officer"
OUTSIDER = "signed-in user without a role"

LOGIN = "login"


def _post_data(name, world):
    return {
        "case-topic": {"topic-topic": ""},
        "case-assign": {"assign-owner": ""},
        "case-status": {"status-status": "open"},
        "case-refer": {"refer-departments": [world["environment"].pk]},
        "case-reply": {"reply-text": "Vi återkommer i morgon."},
        "case-note": {"note-text": "Ring bygglov först."},
        "case-close": {"close-text": "Bygglovet är beviljat."},
        "referral-accept": {},
        "referral-decline": {"decline-text": "Inte vårt område."},
        "referral-note": {"note-text": "Ritningar saknas."},
        "referral-done": {"done-text": ""},
        "dashboard-bulk": {"bulk-cases": [world["case"].pk], "bulk-action": "assign"},
    }[name]


# url name, method, expected code per role (anonymous visitors always go to the login page).
TABLE = [
    ("dashboard", "get", {REFERRED_OFFICIAL: 403, OTHER_OFFICIAL: 403, LIAISON: 200, OUTSIDER: 403}),
    ("dashboard-bulk", "post", {REFERRED_OFFICIAL: 403, OTHER_OFFICIAL: 403, LIAISON: 302, OUTSIDER: 403}),
    ("case-detail", "get", {REFERRED_OFFICIAL: 200, OTHER_OFFICIAL: 403, LIAISON: 200, OUTSIDER: 403}),
    ("case-topic", "post", {REFERRED_OFFICIAL: 403, OTHER_OFFICIAL: 403, LIAISON: 302, OUTSIDER: 403}),
    ("case-assign", "post", {REFERRED_OFFICIAL: 403, OTHER_OFFICIAL: 403, LIAISON: 302, OUTSIDER: 403}),
    ("case-status", "post", {REFERRED_OFFICIAL: 403, OTHER_OFFICIAL: 403, LIAISON: 302, OUTSIDER: 403}),
    ("case-refer", "post", {REFERRED_OFFICIAL: 403, OTHER_OFFICIAL: 403, LIAISON: 302, OUTSIDER: 403}),
    ("case-reply", "post", {REFERRED_OFFICIAL: 403, OTHER_OFFICIAL: 403, LIAISON: 302, OUTSIDER: 403}),
    ("case-note", "post", {REFERRED_OFFICIAL: 403, OTHER_OFFICIAL: 403, LIAISON: 302, OUTSIDER: 403}),
    ("case-close", "post", {REFERRED_OFFICIAL: 403, OTHER_OFFICIAL: 403, LIAISON: 302, OUTSIDER: 403}),
    ("referral-list", "get", {REFERRED_OFFICIAL: 200, OTHER_OFFICIAL: 200, LIAISON: 200, OUTSIDER: 403}),
    ("referral-detail", "get", {REFERRED_OFFICIAL: 200, OTHER_OFFICIAL: 403, LIAISON: 200, OUTSIDER: 403}),
    # Accepting, declining and completing are the department's answers, not the liaison officer's.
    ("referral-accept", "post", {REFERRED_OFFICIAL: 302, OTHER_OFFICIAL: 403, LIAISON: 403, OUTSIDER: 403}),
    ("referral-decline", "post", {REFERRED_OFFICIAL: 302, OTHER_OFFICIAL: 403, LIAISON: 403, OUTSIDER: 403}),
    ("referral-note", "post", {REFERRED_OFFICIAL: 302, OTHER_OFFICIAL: 403, LIAISON: 302, OUTSIDER: 403}),
    ("referral-done", "post", {REFERRED_OFFICIAL: 302, OTHER_OFFICIAL: 403, LIAISON: 403, OUTSIDER: 403}),
]
ROLES = [ANONYMOUS, COMPANY_CONTACT, OTHER_COMPANY, REFERRED_OFFICIAL, OTHER_OFFICIAL, LIAISON, OUTSIDER]


@pytest.fixture
def world(liaison, building_official, environment_official, environment_department):
    case = make_case(make_company("Hamnens Bageri AB"))
    make_case(make_company("Annat Företag AB"), contact_email="annan@example.se")
    referral = make_referral(case, building_official.departments.get())
    return {
        "case": case,
        "referral": referral,
        "environment": environment_department,
        LIAISON: liaison,
        REFERRED_OFFICIAL: building_official,
        OTHER_OFFICIAL: environment_official,
        OUTSIDER: make_user("olle"),
    }


def _url(name, world):
    if name.startswith("case-"):
        return reverse(name, args=[world["case"].reference])
    if name.startswith("referral-") and name != "referral-list":
        return reverse(name, args=[world["referral"].pk])
    return reverse(name)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "method", "expected"), TABLE, ids=[row[0] for row in TABLE])
def test_every_role_gets_the_expected_answer(client, world, role, name, method, expected):
    if role in world:
        client.force_login(world[role])
    url = _url(name, world)
    response = client.get(url) if method == "get" else client.post(url, _post_data(name, world))
    if role in (ANONYMOUS, COMPANY_CONTACT, OTHER_COMPANY):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse(LOGIN))
    else:
        assert response.status_code == expected[role], response.content[:500]


def test_unknown_case_is_not_found_for_staff(client, liaison):
    client.force_login(liaison)
    assert client.get(reverse("case-detail", args=["NL-2026-9999"])).status_code == 404


def test_official_loses_access_to_a_case_their_department_declined(client, building_official):
    case = make_case()
    referral = make_referral(case, building_official.departments.get())
    client.force_login(building_official)
    assert client.get(reverse("case-detail", args=[case.reference])).status_code == 200
    response = client.post(
        reverse("referral-decline", args=[referral.pk]), {"decline-text": "Fel verksamhet."}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("referral-list")
    assert client.get(reverse("case-detail", args=[case.reference])).status_code == 403
    assert client.get(reverse("referral-detail", args=[referral.pk])).status_code == 403


def test_official_sees_only_their_departments_referrals_in_the_list(
    client, building_official, environment_department
):
    mine = make_case(subject="Ny bageributik")
    theirs = make_case(subject="Miljötillstånd för lackering")
    make_referral(mine, building_official.departments.get())
    make_referral(theirs, environment_department)
    client.force_login(building_official)
    page = client.get(reverse("referral-list")).content.decode()
    assert mine.reference in page
    assert theirs.reference not in page
