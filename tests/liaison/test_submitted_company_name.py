"""A known organisationsnummer links the case to the company we have, but the case keeps the
name the submitter typed: the company sees what it sent, the liaison officer sees both."""

import re

import pytest
from django.urls import reverse

from companies.models import Company
from karlshamn_portal.outbox.models import OutboxMessage
from liaison.models import Case, Referral
from tests.liaison.factories import make_company, make_topic
from tests.liaison.test_submit import form_data

REGISTERED = "Mörrums Lack & Plåt AB"
TYPED = "Testföretag AB"


@pytest.fixture
def sent(client, db, liaison):
    """A request typed as "Testföretag AB" with the number of a company we know by another name."""
    make_company(REGISTERED, "556036-0793")
    response = client.post(
        reverse("case-new"), form_data(make_topic(), company_name=TYPED, organisation_number="556036-0793")
    )
    assert response.status_code == 302
    return Case.objects.get()


def test_the_case_keeps_the_typed_name_and_the_company_record_is_unchanged(sent):
    assert sent.submitted_company_name == TYPED
    assert Company.objects.get().name == REGISTERED


def test_the_liaison_officer_sees_both_names(client, sent, liaison):
    client.force_login(liaison)
    page = client.get(reverse("case-detail", args=[sent.reference])).content.decode()
    assert TYPED in page
    assert "registrerat som Mörrums Lack &amp; Plåt AB" in page


def test_the_departments_referral_list_shows_both_names(client, sent, liaison, building_official):
    Referral.objects.create(
        case=sent, department=building_official.departments.get(), due_date=sent.first_response_due
    )
    client.force_login(building_official)
    page = client.get(reverse("referral-list")).content.decode()
    assert f'{TYPED} <span class="small">(registrerat som Mörrums Lack &amp; Plåt AB)</span>' in page


def test_the_new_case_email_names_both(sent, liaison):
    notice = OutboxMessage.objects.get(template_name="new_case_notice", recipient=liaison.email)
    assert TYPED in notice.subject
    assert f"{TYPED} (registrerat som {REGISTERED})" in notice.body_text


def test_the_track_page_shows_only_what_the_company_sent(client, sent):
    receipt = OutboxMessage.objects.get(template_name="case_received")
    track = re.search(r"http://[^/\s]+(/track/[^/\s]+/)", receipt.body_text)[1]
    page = client.get(track).content.decode()
    assert TYPED in page
    assert "Mörrums" not in page


def test_the_same_name_is_shown_once(client, db, liaison):
    make_company("Hamnbageriet AB", "556036-0793")
    client.post(reverse("case-new"), form_data(make_topic(), company_name="hamnbageriet ab"))
    client.force_login(liaison)
    page = client.get(reverse("case-detail", args=[Case.objects.get().reference])).content.decode()
    assert "registrerat som" not in page
