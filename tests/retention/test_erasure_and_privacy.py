"""Erasure requests erase consent-based data at once and record the rest; the privacy page states
the plan's figures from the settings."""

import html

import pytest
from django.urls import reverse

from feedback.models import SurveyOptOut, SurveyResponse
from forum.models import Subscriber
from liaison.models import Case
from relocation.models import Partner, PartnerOutcome
from retention.models import PersonalDataRequest, RequestKind
from tests.retention.people import (
    KARIN,
    KARIN_COMMENT,
    OLLE,
    OLLE_COMMENT,
    add_surveys_and_relocation_profiles,
    make_people,
)

pytestmark = pytest.mark.django_db


def test_an_erasure_request_ends_the_forum_subscription_at_once_and_keeps_the_case(
    client, liaison, building_department, building_official
):
    people = make_people(liaison, building_department, building_official)
    client.force_login(liaison)
    response = client.post(
        reverse("retention:requests"),
        {"kind": "erasure", "person": KARIN["contact_email"]},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    made = PersonalDataRequest.objects.get()
    assert made.kind == RequestKind.ERASURE
    assert made.outcome == {"unconfirmed_forum_subscriptions": 1, "cases_kept": 1}
    assert not Subscriber.objects.filter(email=KARIN["contact_email"]).exists()
    assert Subscriber.objects.filter(pk=people.olle_subscription.pk).exists()
    assert Case.objects.get(pk=people.karin_case.pk).contact_email == KARIN["contact_email"]

    page = html.unescape(client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode())
    assert "1 case is an official record" in page
    assert "the municipality's records plan decides" in page
    assert "anonymised 3653 days after closing" in page


def test_an_erasure_request_deletes_the_relocation_profile_and_the_survey_opt_out_and_comment_at_once(
    client, liaison, building_department, building_official
):
    people = make_people(liaison, building_department, building_official)
    add_surveys_and_relocation_profiles(people, liaison)
    client.force_login(liaison)
    client.post(reverse("retention:requests"), {"kind": "erasure", "person": KARIN["contact_email"]})
    made = PersonalDataRequest.objects.get()
    assert made.outcome["relocation_profiles"] == 1
    assert made.outcome["survey_personal_data"] == 2  # the opt-out and the comment
    assert list(Partner.objects.values_list("email", flat=True)) == [OLLE["contact_email"]]
    assert PartnerOutcome.objects.filter(partner=None, deleted_on_request=True).count() == 1
    assert not SurveyOptOut.objects.exists()
    comments = set(SurveyResponse.objects.values_list("comment", flat=True))
    assert comments == {"", OLLE_COMMENT}
    assert KARIN_COMMENT not in comments
    # The ratings stay for the statistics, and the case for the records plan.
    assert SurveyResponse.objects.filter(survey__case=people.karin_case, overall=9).exists()
    assert Case.objects.get(pk=people.karin_case.pk).contact_email == KARIN["contact_email"]


def test_the_privacy_page_lists_the_plans_figures_from_the_settings(client, settings):
    page = client.get(reverse("retention:privacy"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "removed 90 days after sending" in page
    assert "deleted 7 days after the confirmation e-mail" in page
    settings.RETENTION_PLAN = {**settings.RETENTION_PLAN, "sent_email_bodies": 30, "closed_cases": None}
    page = client.get(reverse("retention:privacy"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "removed 30 days after sending" in page
    assert "kept for ever" in page
    assert "a request for erasure does not erase" in page
    assert (
        "what you gave by consent (a forum subscription, a profile in the relocation service, a "
        "request for no more surveys and your comments in them) is erased at once"
    ) in " ".join(html.unescape(page).split())


def test_the_request_form_links_to_the_privacy_page(client, db):
    page = client.get(reverse("case-new")).content.decode()
    assert reverse("retention:privacy") in page


def test_the_privacy_page_says_when_relocation_profiles_are_deleted(client, settings):
    page = client.get(reverse("retention:privacy"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "deleted with everything about the partner 183 days after the service closed" in page
    settings.RETENTION_PLAN = {**settings.RETENTION_PLAN, "relocation_profiles": 30}
    page = client.get(reverse("retention:privacy")).content.decode()
    assert "30 dagar efter att servicen avslutats" in page
