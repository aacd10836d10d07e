"""Swedish as a Swedish reader expects it: dates in Django's Swedish formats (no hand-made
abbreviations such as "5 jan. 2027"), counts whose word agrees with the number, selects whose
empty choice says what it means, and a confirmation e-mail that does not claim the reader is
already on the invite list."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone, translation
from freezegun import freeze_time

from karlshamn_portal.outbox.models import OutboxMessage
from liaison.models import CaseStatus
from tests.factories import make_department, make_official
from tests.forum.factories import make_series
from tests.liaison.triage_factories import make_case, make_referral, make_topic

ABBREVIATED_MONTH = re.compile(r"\b(jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|oct|nov|dec)\.", re.IGNORECASE)


@pytest.fixture
def clock():
    # A December day before the demo series' first meeting, Tuesday 5 January 2027.
    with freeze_time(datetime(2026, 12, 1, 9, 0, tzinfo=UTC)) as frozen:
        yield frozen


@pytest.fixture
def signed_in(client, liaison):
    client.force_login(liaison)
    return client


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_forum_series_page_writes_months_out_in_swedish(signed_in, clock, liaison):
    series = make_series(liaison)

    page = text_of(signed_in.get(f"/forum/manage/{series.slug}/"))

    assert "5 januari 2027, 07:30" in page
    assert "2 februari 2027, 07:30" in page
    assert not ABBREVIATED_MONTH.search(page)


def test_forum_series_page_in_english_puts_the_day_first_on_a_24_hour_clock(signed_in, clock, liaison):
    series = make_series(liaison)

    with translation.override("en"):
        page = text_of(signed_in.get(f"/forum/manage/{series.slug}/", HTTP_ACCEPT_LANGUAGE="en"))

    assert "5 January 2027, 07:30" in page
    assert not ABBREVIATED_MONTH.search(page)


@pytest.mark.parametrize(("overdue", "word"), [(1, "1 försenat"), (3, "3 försenade")])
def test_dashboard_counts_agree_with_their_number(signed_in, overdue, word):
    for _ in range(overdue):
        make_case(created_at=timezone.now() - timedelta(days=20))

    page = text_of(signed_in.get("/dashboard/"))

    assert word in page
    assert f"{overdue} nya" in page if overdue > 1 else "1 nytt" in page
    assert f"{overdue} ej tilldelade" in page if overdue > 1 else "1 ej tilldelat" in page


def test_no_select_on_the_staff_pages_offers_dashes(signed_in, liaison):
    building = make_department("bygglov", "Samhällsbyggnadsförvaltningen, bygglov", "Building permits")
    make_official("bo", building)
    make_topic("bygglov", "Bygglov", "Building permit", building)
    case = make_case(status=CaseStatus.OPEN, owner=liaison)
    make_referral(case, building)

    dashboard = signed_in.get("/dashboard/").content.decode()
    for path in ("/dashboard/", f"/cases/{case.reference}/", f"/cases/{case.reference}/meetings/new/"):
        assert "---------" not in signed_in.get(path).content.decode(), path
    assert re.search(r'<select name="topic"[^>]*><option value="">Alla ämnen</option>', dashboard)
    assert re.search(r'<select name="department"[^>]*><option value="">Alla verksamheter</option>', dashboard)
    assert re.search(r'<select name="official"[^>]*><option value="">Alla handläggare</option>', dashboard)
    assert re.search(
        r'<select name="bulk-department"[^>]*><option value="">Välj en verksamhet</option>', dashboard
    )


def test_confirmation_email_does_not_say_the_reader_is_on_the_invite_list(client, clock, liaison):
    series = make_series(liaison)
    client.post(
        "/forum/subscribe/",
        {
            "series": series.slug,
            "name": "Cecilia Carlsson",
            "email": "c@foretag.se",
            "company_name": "Fisk AB",
        },
    )

    message = OutboxMessage.objects.get(template_name="forum_subscription_confirm")
    for body in (message.body_text, message.body_html):
        assert "finns på inbjudningslistan" not in body
        assert "Du får inga inbjudningar förrän du har bekräftat." in body


@pytest.mark.parametrize(
    ("count", "message"), [(1, "1 remiss till Bygglov skapad."), (2, "2 remisser till Bygglov skapade.")]
)
def test_bulk_routing_message_agrees_with_the_number(
    signed_in, building_department, building_official, count, message
):
    cases = [make_case() for _ in range(count)]

    response = signed_in.post(
        "/dashboard/bulk/",
        {
            "bulk-cases": [case.pk for case in cases],
            "bulk-action": "route",
            "bulk-department": building_department.pk,
        },
        follow=True,
    )

    assert message in text_of(response)
