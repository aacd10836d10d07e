"""Erasure requests erase consent-based data at once and record the rest; the privacy page states
the plan's figures from the settings."""

import html

import pytest
from django.urls import reverse

from forum.models import Subscriber
from liaison.models import Case
from retention.models import PersonalDataRequest, RequestKind
from tests.retention.people import KARIN, make_people

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


def test_the_privacy_page_lists_the_plans_figures_from_the_settings(client, settings):
    page = client.get(reverse("retention:privacy"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "removed 90 days after sending" in page
    assert "deleted 7 days after the confirmation e-mail" in page
    settings.RETENTION_PLAN = {**settings.RETENTION_PLAN, "sent_email_bodies": 30, "closed_cases": None}
    page = client.get(reverse("retention:privacy"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "removed 30 days after sending" in page
    assert "kept for ever" in page
    assert "a request for erasure does not erase" in page


def test_the_request_form_links_to_the_privacy_page(client, db):
    page = client.get(reverse("case-new")).content.decode()
    assert reverse("retention:privacy") in page


def test_the_privacy_page_says_when_relocation_profiles_are_deleted(client, settings):
    page = client.get(reverse("retention:privacy"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "deleted 6 months after the service closed, or at once when you ask" in page
    settings.RELOCATION_RETENTION_MONTHS = 1
    page = client.get(reverse("retention:privacy")).content.decode()
    assert "raderas 1 månad efter att servicen avslutats, eller direkt när du ber om det" in page
