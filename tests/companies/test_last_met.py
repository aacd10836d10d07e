"""Each company's stored "last met" times follow what happens to it, after the commit, and the
hourly and nightly passes put right what the receivers could not hear."""

from datetime import timedelta

import pytest
from django.utils import timezone

from companies.coverage import never_met
from companies.last_met import refresh_last_met, refresh_recently_met
from companies.models import Company
from companies.services.visits import cancel_visit, record_visit
from companies.tasks import refresh_all_last_met
from forum.models import Occurrence
from liaison.models import CaseMeeting
from meetings.models import Invitation, Meeting
from meetings.services.invitations import record_answer
from tests.companies.factories import make_business_developer, make_contact, make_register_company, make_visit
from tests.forum.factories import make_series
from tests.liaison.factories import make_case
from tests.meetings.factories import make_meeting

pytestmark = pytest.mark.django_db


def stored(company: Company) -> dict[str, object]:
    company.refresh_from_db()
    return {
        "visits": company.last_visit_at,
        "cases": company.last_case_at,
        "meetings": company.last_meeting_at,
        "forum": company.last_forum_at,
        "any": company.last_met_at,
    }


def started(meeting: Meeting, ago: timedelta) -> None:
    """Move a meeting into the past the way time does: without a save anyone hears."""
    start = timezone.now() - ago
    Meeting.objects.filter(pk=meeting.pk).update(start=start, end=start + timedelta(minutes=5))
    meeting.refresh_from_db()


def test_a_new_case_makes_its_company_met(django_capture_on_commit_callbacks):
    company = make_register_company(1)
    assert company in never_met(timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        case = make_case(company)
    assert stored(company)["cases"] == case.created_at == stored(company)["any"]
    assert company not in never_met(timezone.now())


def test_a_visit_counts_once_recorded_held_and_a_cancelled_one_never(django_capture_on_commit_callbacks):
    developer = make_business_developer()
    company = make_register_company(1, "50-99")
    held, called_off = make_visit(company, developer, days=1), make_visit(company, developer, days=2)
    started(held.meeting, timedelta(days=2))
    started(called_off.meeting, timedelta(hours=2))
    assert stored(company)["visits"] is None  # planned, not yet recorded
    with django_capture_on_commit_callbacks(execute=True):
        record_visit(held, recorded_by=developer)
    assert stored(company)["visits"] == held.meeting.start == stored(company)["any"]
    with django_capture_on_commit_callbacks(execute=True):
        cancel_visit(called_off, recorded_by=developer, reason="Sjuk")
    refresh_recently_met()
    assert stored(company)["visits"] == held.meeting.start


def test_an_accepted_forum_meeting_counts_from_its_start_through_the_hourly_pass(
    django_capture_on_commit_callbacks,
):
    company = make_register_company(1)
    make_contact(company, email="Sara@Foretag.example")
    occurrences = Occurrence.objects.filter(series=make_series(None, officials=[])).order_by("meeting__start")
    attended, declined = (occurrence.meeting for occurrence in occurrences[:2])
    for meeting, answers in ((attended, ["ACCEPTED"]), (declined, ["ACCEPTED", "DECLINED"])):
        invitation = Invitation.objects.create(meeting=meeting, name="Sara", email="sara@foretag.example")
        for answer in answers:
            with django_capture_on_commit_callbacks(execute=True):
                record_answer(invitation, answer)
    assert stored(company)["forum"] is None  # accepted, but the meeting is still to come
    started(declined, timedelta(minutes=10))
    started(attended, timedelta(minutes=30))
    assert refresh_recently_met() == 1
    assert stored(company)["forum"] == attended.start == stored(company)["any"]


def test_a_coordinated_meeting_counts_once_it_has_started(django_capture_on_commit_callbacks):
    company = make_register_company(1)
    case = make_case(company)
    meeting = make_meeting(timezone.now() + timedelta(days=2))
    with django_capture_on_commit_callbacks(execute=True):
        CaseMeeting.objects.create(case=case, meeting=meeting)
    assert stored(company)["meetings"] is None
    started(meeting, timedelta(hours=1))
    refresh_recently_met()
    assert stored(company)["meetings"] == meeting.start


def test_a_lost_hand_off_leaves_the_case_stored_and_the_hourly_pass_catches_up(
    django_capture_on_commit_callbacks, monkeypatch, caplog
):
    from companies import tasks

    def broker_down(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(tasks.refresh_last_met, "apply_async", broker_down)
    company = make_register_company(1)
    with django_capture_on_commit_callbacks(execute=True):
        case = make_case(company)
    assert "wait for the nightly pass" in caplog.text
    assert stored(company)["cases"] is None
    refresh_recently_met()
    assert stored(company)["cases"] == case.created_at


def test_the_nightly_pass_puts_right_what_was_changed_around_the_receivers():
    companies = [make_register_company(serial) for serial in range(1, 4)]
    case = make_case(companies[0])
    Company.objects.filter(pk=companies[1].pk).update(last_met_at=timezone.now())  # a stale time
    assert refresh_all_last_met() == 2
    assert stored(companies[0])["any"] == case.created_at
    assert stored(companies[1])["any"] is None
    assert refresh_all_last_met() == 0  # nothing left to put right
    assert refresh_last_met([companies[2].pk]) == 0


def test_the_command_does_what_the_nightly_pass_does():
    from io import StringIO

    from django.core.management import call_command

    company = make_register_company(1)
    make_case(company)
    out = StringIO()
    call_command("refresh_last_met", stdout=out)
    assert out.getvalue().strip() == "1 companies changed"
    assert stored(company)["cases"] is not None
