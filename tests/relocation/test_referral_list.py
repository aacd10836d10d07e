"""An official's list of the relocation referrals to their departments: the way to a referral
besides the e-mail's link."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from liaison.models import ReferralStatus
from relocation.services.referrals import answer_relocation_referral, refer_partner
from tests.factories import make_department, make_official
from tests.relocation.factories import make_host, make_partner

pytestmark = pytest.mark.django_db

LIST = reverse("relocation-referrals")


@pytest.fixture
def host():
    return make_host()


@pytest.fixture
def school():
    return make_department("forskola", "Förskola och skola", "Preschool and school")


def test_an_official_sees_the_referrals_of_their_department_and_not_of_another(client, host, school):
    housing = make_department("bostad", "Bostäder", "Housing")
    ours = refer_partner(make_partner(), school, "school", "Place needed.", host)
    theirs = refer_partner(make_partner(), housing, "housing", "Flat needed.", host)
    client.force_login(make_official("sara", school))
    page = client.get(LIST).content.decode()
    assert reverse("relocation-referral", args=[ours.pk]) in page
    assert ours.partner.reference in page
    assert reverse("relocation-referral", args=[theirs.pk]) not in page
    assert theirs.partner.reference not in page


def test_the_list_shows_no_contact_details_or_message(client, host, school):
    partner = make_partner(name="Priya Raman", email="priya.raman@example.org", phone="0701234567")
    refer_partner(partner, school, "school", "Secret message for the department.", host)
    client.force_login(make_official("sara", school))
    page = client.get(LIST).content.decode()
    assert partner.reference in page
    for detail in ("priya.raman@example.org", "0701234567", "Priya Raman", "Secret message"):
        assert detail not in page


def test_a_declined_and_a_done_referral_show_as_answered(client, host, school):
    official = make_official("sara", school)
    declined = refer_partner(make_partner(), school, "school", "Place needed.", host)
    done = refer_partner(make_partner(), school, "school", "Place needed.", host)
    waiting = refer_partner(make_partner(), school, "school", "Place needed.", host)
    answer_relocation_referral(declined, official, ReferralStatus.DECLINED, "No places this term.")
    answer_relocation_referral(done, official, ReferralStatus.ACCEPTED)
    answer_relocation_referral(done, official, ReferralStatus.DONE)
    client.force_login(official)
    response = client.get(LIST, headers={"accept-language": "en"})
    assert [row.referral_id for row in response.context["open_rows"]] == [waiting.pk]
    page = response.content.decode()
    open_part, answered_part = page.split('id="answered-heading"')
    assert waiting.partner.reference in open_part and "Waiting for the department" in open_part
    for referral in (declined, done):
        assert referral.partner.reference in answered_part and referral.partner.reference not in open_part
    assert "Declined" in answered_part and "Done" in answered_part


def test_an_official_without_referrals_is_told_there_are_none(client, school):
    client.force_login(make_official("sara", school))
    response = client.get(LIST, headers={"accept-language": "en"})
    assert response.status_code == 200
    assert "Your department has no relocation referrals at the moment." in response.content.decode()


def test_the_list_reads_the_same_number_of_queries_for_1_and_20_referrals(
    client, host, school, django_assert_num_queries
):
    client.force_login(make_official("sara", school))
    refer_partner(make_partner(), school, "school", "Place needed.", host)
    with CaptureQueriesContext(connection) as one:
        client.get(LIST)
    for _ in range(19):
        refer_partner(make_partner(), school, "housing", "Flat needed.", host)
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(LIST)
    assert len(response.context["open_rows"]) == 20


def test_an_official_finds_the_list_in_the_navigation(client, school):
    client.force_login(make_official("sara", school))
    page = client.get(reverse("referral-list")).content.decode()
    assert f'href="{LIST}"' in page


def test_a_host_sees_every_department_s_referrals(client, host, school):
    housing = make_department("bostad", "Bostäder", "Housing")
    refer_partner(make_partner(), school, "school", "Place needed.", host)
    refer_partner(make_partner(), housing, "housing", "Flat needed.", host)
    client.force_login(host)
    assert len(client.get(LIST).context["open_rows"]) == 2


def test_a_signed_in_person_without_a_staff_role_is_refused(client, outsider):
    client.force_login(outsider)
    assert client.get(LIST).status_code == 403
