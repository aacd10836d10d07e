"""The case page: everything about a case, and what the liaison officer does from it."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from karlshamn_portal.outbox.models import OutboxMessage
from liaison.models import CASE_TRANSITIONS, Case, CaseEvent, CaseStatus, EventKind, Referral
from liaison.working_days import local_today
from tests.factories import make_official, sign_in_past_second_factor
from tests.liaison.triage_factories import make_case, make_company, make_topic


@pytest.fixture
def signed_in(client, liaison):
    client.force_login(liaison)
    return client


def page_of(client, case) -> str:
    return client.get(reverse("case-detail", args=[case.reference])).content.decode()


def test_case_page_shows_the_request_and_its_timeline(signed_in):
    case = make_case(
        make_company("Hamnens Bageri AB"), subject="Uteservering", description="Bord på trottoaren."
    )
    page = page_of(signed_in, case)
    assert "Uteservering" in page
    assert "Bord på trottoaren." in page
    assert "Hamnens Bageri AB" in page
    assert f'id="event-{case.events.get().pk}"' in page


def test_officials_see_a_sole_traders_number_masked(client, building_official):
    company = make_company("Karins Hårsalong", "850709-9805")
    company.is_sole_trader = True
    company.save()
    case = make_case(company)
    Referral.objects.create(
        case=case, department=building_official.departments.get(), due_date=case.first_response_due
    )
    client.force_login(building_official)
    page = page_of(client, case)
    assert "850709-****" in page
    assert "850709-9805" not in page


def test_setting_the_topic_suggests_its_departments_and_is_recorded(
    signed_in, building_department, environment_department
):
    topic = make_topic("bygglov", "Bygglov", "Building permit", building_department)
    case = make_case()
    response = signed_in.post(reverse("case-topic", args=[case.reference]), {"topic-topic": topic.pk})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.topic == topic
    event = case.events.get(kind=EventKind.TOPIC_CHANGED)
    assert event.data == {"from": "", "from_en": "", "to": "Bygglov", "to_en": "Building permit"}
    # The topic's department is ticked in the referral form; the others are not.
    ticked = re.findall(
        r'name="refer-departments" value="(\d+)"\s+id="[^"]+" checked', page_of(signed_in, case)
    )
    assert ticked == [str(building_department.pk)]


def test_referring_to_two_departments_with_a_named_official(
    signed_in, building_department, environment_department, building_official
):
    case = make_case()
    response = signed_in.post(
        reverse("case-refer", args=[case.reference]),
        {
            "refer-departments": [building_department.pk, environment_department.pk],
            "refer-official": building_official.pk,
            "refer-message": "Kan ni titta på ritningarna?",
        },
    )
    assert response.status_code == 302
    referrals = {r.department: r for r in case.referrals.all()}
    assert referrals[building_department].official == building_official
    assert referrals[environment_department].official is None
    assert referrals[building_department].message == "Kan ni titta på ritningarna?"
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_PROGRESS
    assert case.events.filter(kind=EventKind.REFERRED).count() == 2


def test_a_named_official_from_another_department_is_refused_at_the_field(
    signed_in, building_department, environment_official
):
    case = make_case()
    response = signed_in.post(
        reverse("case-refer", args=[case.reference]),
        {
            "refer-departments": [building_department.pk],
            "refer-official": environment_official.pk,
            "refer-message": "Hej",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "id_refer-official" in page and "invalid-feedback" in page
    assert "Hej</textarea>" in page  # what was typed is kept
    assert not case.referrals.exists()


def test_public_reply_is_emailed_in_the_case_language_and_marks_the_first_response(signed_in):
    case = make_case(language="en", contact_email="anna@bakery.example")
    signed_in.post(reverse("case-reply", args=[case.reference]), {"reply-text": "We will call you tomorrow."})
    case.refresh_from_db()
    assert case.first_responded_at is not None
    assert case.status == CaseStatus.OPEN
    reply = case.events.get(kind=EventKind.REPLY)
    assert reply.is_public
    message = OutboxMessage.objects.get(template_name="case_reply")
    assert message.recipient == "anna@bakery.example"
    assert message.language == "en"
    assert "We will call you tomorrow." in message.body_text
    assert case.reference in message.subject


def test_internal_note_is_never_public_and_sends_nothing(signed_in):
    case = make_case()
    signed_in.post(reverse("case-note", args=[case.reference]), {"note-text": "Ring bygglov först."})
    note = case.events.get(kind=EventKind.NOTE)
    assert not note.is_public
    assert not CaseEvent.objects.public().filter(text__contains="Ring bygglov").exists()
    assert not OutboxMessage.objects.exists()


def test_the_timeline_shows_who_what_when_and_for_whom_with_text_escaped(signed_in, liaison):
    liaison.first_name, liaison.last_name = "Lina", "Lots"
    liaison.save()
    case = make_case()
    automatic = CaseEvent.objects.create(case=case, kind=EventKind.NOTE, text="Påminnelse skickad.")
    signed_in.post(
        reverse("case-note", args=[case.reference]), {"note-text": "Ring <b>bygglov</b>\nföre fredag."}
    )
    signed_in.post(reverse("case-status", args=[case.reference]), {"status-status": CaseStatus.WAITING})
    page = page_of(signed_in, case)
    note = case.events.get(kind=EventKind.NOTE, actor=liaison)
    item = _timeline_item(page, note)
    assert "Lina Lots" in item and "Internt" in item and "border-secondary" in item
    assert "Ring &lt;b&gt;bygglov&lt;/b&gt;<br>före fredag." in item
    assert timezone.localtime(note.created_at).strftime("%Y-%m-%d %H:%M") in item
    assert "(Ny → Väntar på företaget)" in _timeline_item(
        page, case.events.get(kind=EventKind.STATUS_CHANGED)
    )
    submitted = _timeline_item(page, case.events.get(kind=EventKind.SUBMITTED))
    assert (
        case.contact_name in submitted
        and "Synligt för företaget" in submitted
        and "border-primary" in submitted
    )
    assert "portalen" in _timeline_item(page, automatic)  # no person did it


def _timeline_item(page: str, event: CaseEvent) -> str:
    start = page.rindex("<li", 0, page.index(f'id="event-{event.pk}"'))
    return page[start : page.index("</li>", start)]


def test_an_empty_reply_is_refused_and_nothing_is_saved(signed_in):
    case = make_case()
    response = signed_in.post(reverse("case-reply", args=[case.reference]), {"reply-text": "  "})
    assert response.status_code == 200
    assert "invalid-feedback" in response.content.decode()
    assert not case.events.filter(kind=EventKind.REPLY).exists()


def test_status_changes_follow_the_allowed_transitions_and_show_from_and_to(signed_in):
    case = make_case()
    signed_in.post(reverse("case-status", args=[case.reference]), {"status-status": CaseStatus.WAITING})
    case.refresh_from_db()
    assert case.status == CaseStatus.WAITING
    event = case.events.get(kind=EventKind.STATUS_CHANGED)
    assert event.data == {"from": "new", "to": "waiting"}
    assert "→" in page_of(signed_in, case)
    # Closed is not offered here (closing has its own form with a summary for the company).
    response = signed_in.post(
        reverse("case-status", args=[case.reference]), {"status-status": CaseStatus.CLOSED}
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.WAITING
    assert "invalid-feedback" in response.content.decode()


def test_assign_to_me_and_back_to_nobody(signed_in, liaison):
    case = make_case()
    signed_in.post(reverse("case-assign", args=[case.reference]), {"assign-owner": "", "assign-to-me": "1"})
    case.refresh_from_db()
    assert case.owner == liaison
    signed_in.post(reverse("case-assign", args=[case.reference]), {"assign-owner": ""})
    case.refresh_from_db()
    assert case.owner is None
    assert case.events.filter(kind=EventKind.ASSIGNED).count() == 2


def test_closing_tells_the_company_what_was_done(signed_in, building_department):
    case = make_case(contact_email="karin@bageri.example")
    Referral.objects.create(
        case=case, department=building_department, status="done", due_date=case.first_response_due
    )
    signed_in.post(reverse("case-close", args=[case.reference]), {"close-text": "Bygglovet är beviljat."})
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert case.closed_at is not None
    assert case.events.get(kind=EventKind.CLOSED).is_public
    message = OutboxMessage.objects.get(template_name="case_closed")
    assert message.recipient == "karin@bageri.example"
    assert "Bygglovet är beviljat." in message.body_text
    assert building_department.name_sv in message.body_text


def test_a_closed_case_can_be_reopened(signed_in):
    case = make_case(status=CaseStatus.CLOSED)
    signed_in.post(reverse("case-status", args=[case.reference]), {"status-status": CaseStatus.OPEN})
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN
    assert case.closed_at is None


def test_official_sees_the_case_but_no_liaison_forms(client, building_department):
    official = make_official("bo", building_department)
    case = make_case()
    Referral.objects.create(case=case, department=building_department, due_date=case.first_response_due)
    client.force_login(official)
    page = page_of(client, case)
    assert "reply-text" not in page
    assert reverse("referral-detail", args=[case.referrals.get().pk]) in page


def test_an_official_gets_links_only_to_the_referrals_they_may_open(
    client, building_department, environment_department
):
    official = make_official("bo", building_department)
    case = make_case()
    mine = Referral.objects.create(
        case=case, department=building_department, due_date=case.first_response_due
    )
    theirs = Referral.objects.create(
        case=case, department=environment_department, due_date=case.first_response_due
    )
    client.force_login(official)

    page = page_of(client, case)

    assert reverse("referral-detail", args=[mine.pk]) in page
    assert "Miljöförbundet Blekinge Väst" in page  # named in the table, as the case's other part
    assert reverse("referral-detail", args=[theirs.pk]) not in page
    assert client.get(reverse("referral-detail", args=[theirs.pk])).status_code == 403


def test_case_page_query_count_does_not_grow_with_the_timeline_or_referrals(
    signed_in, building_department, environment_department
):
    small, large = make_case(), make_case()
    for number in range(30):
        CaseEvent.objects.create(case=large, kind=EventKind.NOTE, text=f"Anteckning {number}")
    for department in (building_department, environment_department):
        Referral.objects.create(case=large, department=department, due_date=large.first_response_due)
    Referral.objects.create(case=small, department=building_department, due_date=small.first_response_due)
    page_of(signed_in, small)  # warm the session
    with CaptureQueriesContext(connection) as baseline:
        page_of(signed_in, small)
    with CaptureQueriesContext(connection) as grown:
        page_of(signed_in, large)
    assert len(grown.captured_queries) == len(baseline.captured_queries)


def test_departments_the_case_already_went_to_are_not_suggested_again(signed_in, building_department):
    topic = make_topic("bygglov", "Bygglov", "Building permit", building_department)
    case = make_case(topic=topic)
    Referral.objects.create(
        case=case, department=building_department, status="done", due_date=case.first_response_due
    )
    page = page_of(signed_in, case)
    assert f'name="refer-departments" value="{building_department.pk}"' in page
    assert re.findall(r'name="refer-departments" value="(\d+)"\s+id="[^"]+" checked', page) == []


def test_staff_pages_work_in_english(signed_in, building_department):
    case = make_case()
    Referral.objects.create(case=case, department=building_department, due_date=case.first_response_due)
    signed_in.cookies["django_language"] = "en"
    assert "<h1>Dashboard</h1>" in signed_in.get("/dashboard/").content.decode()
    page = page_of(signed_in, case)
    assert "Reply to the company" in page
    assert "Building permits" in page  # the department's English name
    assert "Referrals</h1>" in signed_in.get(reverse("referral-list")).content.decode()


# The session, the user, their groups, the case (with company, topic and owner), its referrals,
# the departments (the topic's flagged), the officials, the liaison officers, the case's
# meetings, the timeline, the topics, the files: at most 12 on every page.
CASE_PAGE_QUERIES = 12


def test_case_page_query_count_does_not_grow_with_the_timeline(
    signed_in, liaison, building_department, environment_department, django_assert_num_queries
):
    topic = make_topic("bygglov", "Bygglov", "Building permit", building_department, environment_department)
    short, long = (
        make_case(make_company("Kort AB"), topic=topic),
        make_case(make_company("Lång AB"), topic=topic),
    )
    for case, events in ((short, 5), (long, 50)):
        Referral.objects.create(case=case, department=building_department, due_date=case.first_response_due)
        CaseEvent.objects.bulk_create(
            CaseEvent(case=case, kind=EventKind.NOTE, text=f"Anteckning {n}", actor=liaison)
            for n in range(events)
        )
    page_of(signed_in, short)  # warm-up: the session is loaded the same way on every request
    with django_assert_num_queries(CASE_PAGE_QUERIES):
        short_page = page_of(signed_in, short)
    with django_assert_num_queries(CASE_PAGE_QUERIES):
        long_page = page_of(signed_in, long)
    assert short_page.count('id="event-') == 6  # the submission and five notes
    assert long_page.count('id="event-') == 51
    assert "Anteckning 49" in long_page


@pytest.mark.parametrize(
    ("status", "days_ago", "answered", "overdue"),
    [
        (CaseStatus.NEW, 20, False, True),
        (CaseStatus.OPEN, 20, True, False),  # the company already had its first response
        (CaseStatus.CLOSED, 20, False, False),
        (CaseStatus.NEW, 0, False, False),  # the promise has not passed yet
    ],
)
def test_case_page_marks_a_missed_first_response_as_the_dashboard_does(
    signed_in, status, days_ago, answered, overdue
):
    received = timezone.now() - timedelta(days=days_ago)
    case = make_case(status=status, created_at=received, first_responded_at=received if answered else None)
    today = local_today(timezone.now())
    assert Case.objects.overdue(today).filter(pk=case.pk).exists() is overdue
    assert ("badge-overdue" in page_of(signed_in, case).split("<h2", 1)[0]) is overdue


@pytest.mark.parametrize(
    ("reader", "case_language", "shown"),
    [("en", "sv", "Swedish"), ("en", "en", "English"), ("sv", "sv", "Svenska"), ("sv", "en", "Engelska")],
)
def test_the_cases_language_is_named_in_the_readers_language(signed_in, reader, case_language, shown):
    case = make_case(language=case_language)
    signed_in.cookies["django_language"] = reader
    page = page_of(signed_in, case)
    assert re.search(r"<dd[^>]*>\s*" + shown + r"\s*</dd>", page)


def test_an_assignment_reads_assigned_to_the_officer_in_either_language(signed_in, liaison):
    liaison.first_name, liaison.last_name = "Lina", "Lotsson"
    liaison.save()
    case = make_case()
    signed_in.post(reverse("case-assign", args=[case.reference]), {"assign-owner": liaison.pk})

    signed_in.cookies["django_language"] = "en"
    assert "(assigned to Lina Lotsson)" in page_of(signed_in, case)
    signed_in.cookies["django_language"] = "sv"
    page = page_of(signed_in, case)
    assert "(tilldelat Lina Lotsson)" in page
    assert "ingen eller inget" not in page


def test_a_status_change_is_worded_in_the_readers_language(signed_in):
    case = make_case()
    signed_in.post(reverse("case-status", args=[case.reference]), {"status-status": CaseStatus.WAITING})

    signed_in.cookies["django_language"] = "en"
    assert "(New → Waiting for the company)" in page_of(signed_in, case)
    signed_in.cookies["django_language"] = "sv"
    assert "(Ny → Väntar på företaget)" in page_of(signed_in, case)


def test_the_close_card_follows_the_transition_table(signed_in, monkeypatch):
    case = make_case(status=CaseStatus.RESOLVED)
    assert 'id="close"' in page_of(signed_in, case)
    # The page asks the case's transitions, not its status name, whether it can be closed.
    monkeypatch.setitem(CASE_TRANSITIONS, CaseStatus.RESOLVED, {CaseStatus.OPEN})
    assert 'id="close"' not in page_of(signed_in, case)


def test_the_admin_shows_status_owner_and_topic_read_only(client, liaison):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.se", "pw")
    case = make_case(owner=liaison)
    sign_in_past_second_factor(client, admin)
    url = reverse("admin:liaison_case_change", args=[case.pk])

    page = client.get(url).content.decode()
    for field in ("status", "owner", "topic"):
        assert f'name="{field}"' not in page, field
    client.post(url, {"status": CaseStatus.CLOSED, "owner": "", "subject": case.subject})
    case.refresh_from_db()
    assert case.status == CaseStatus.NEW and case.owner == liaison
