"""Every API operation × every role's token, against the same answers the pages give: an
official's token sees only cases referred to their department, a company has no token at all."""

import pytest
from django.urls import reverse

from api.tokens import create_api_token
from tests.api.factories import ALL_SCOPES, api
from tests.security.world import make_world

# role → (status for: the case list, company A's case (referred to X), company B's case, the
# referral list, answering referral A→X, the forum meetings)
EXPECTED = {
    "official_x": (200, 200, 403, 200, 200, 403),
    "official_y": (200, 403, 403, 200, 403, 403),
    # Only the department's officials answer a referral, as on the referral page.
    "liaison": (200, 200, 200, 200, 403, 200),
    "administrator": (200, 200, 200, 200, 403, 200),  # a superuser counts as a liaison officer
}


@pytest.mark.django_db
def test_every_roles_token_gets_what_the_roles_pages_give():
    world = make_world()
    wrong = []
    for role, expected in EXPECTED.items():
        client = api(create_api_token(role, ALL_SCOPES, user=getattr(world, role)).secret)
        urls = [
            reverse("api-cases"),
            reverse("api-case", args=[world.case_a.reference]),
            reverse("api-case", args=[world.case_b.reference]),
            reverse("api-referrals"),
            reverse("api-referral-answer", args=[world.referral_a_x.pk]),
            reverse("api-forum-meetings"),
        ]
        got = []
        for url in urls:
            if "answer" in url:
                # Answering is for officials of the referral's department, as on the referral page.
                status = client.post(url, {"status": "bogus"}, content_type="application/json").status_code
                got.append(200 if status == 400 else status)  # 400: allowed in, refused the bad answer
            else:
                got.append(client.get(url).status_code)
        if tuple(got) != expected:
            wrong.append(f"{role}: expected {expected}, got {tuple(got)}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.django_db
def test_official_x_lists_only_company_as_case():
    world = make_world()
    client = api(create_api_token("x", ["cases:read"], user=world.official_x).secret)
    assert [row["reference"] for row in client.get(reverse("api-cases")).json()["results"]] == [
        world.case_a.reference
    ]


# role → (status for: the register, company A, the visit list, the follow-up list)
REGISTER_EXPECTED = {
    "official_x": (403, 403, 200, 403),
    "liaison": (200, 200, 200, 200),
    "administrator": (200, 200, 200, 200),
}


@pytest.mark.django_db
def test_every_roles_token_gets_the_register_the_roles_pages_give():
    world = make_world()
    wrong = []
    for role, expected in REGISTER_EXPECTED.items():
        client = api(create_api_token(role, ALL_SCOPES, user=getattr(world, role)).secret)
        urls = [
            reverse("api-companies"),
            reverse("api-company", args=[world.company_a.pk]),
            reverse("api-visits"),
            reverse("api-follow-ups"),
        ]
        got = tuple(client.get(url).status_code for url in urls)
        if got != expected:
            wrong.append(f"{role}: expected {expected}, got {got}")
    assert not wrong, "\n".join(wrong)
