"""The owning app adds to meeting e-mails (the forum's agenda and unsubscribe link) through a signal."""

from datetime import timedelta

import pytest

from meetings.services import cancel_meeting, invite, send_due_reminders
from meetings.signals import email_context
from tests.meetings.factories import local, mails_to, make_meeting

START = local(2030, 6, 4, 7, 30)


@pytest.fixture
def calls():
    received: list[dict] = []

    def add_agenda(sender, kind, invitation, meeting, **extra):  # noqa: ANN001
        received.append({"kind": kind, **extra})
        sections = (
            [{"heading": "Dagordning", "text": "1. Kompetensförsörjning"}]
            if extra.get("is_last_reminder")
            else []
        )
        return {
            "sections": sections,
            "footer_links": [{"label": "Avregistrera", "url": f"https://x.se/u/{invitation.pk}"}],
        }

    email_context.connect(add_agenda, dispatch_uid="test-agenda")
    yield received
    email_context.disconnect(dispatch_uid="test-agenda")


def test_sections_and_footer_links_reach_every_kind_of_meeting_email(db, calls):
    meeting = make_meeting(start=START, reminder_offsets=[7 * 24 * 60, 24 * 60])
    invitation = invite(meeting, name="Anna", email="anna@example.se", now=START - timedelta(days=14))
    send_due_reminders(now=START - timedelta(days=7))
    send_due_reminders(now=START - timedelta(hours=20))
    cancel_meeting(meeting, "Sjukdom")

    invitation_mail, week, day, cancelled = mails_to("anna@example.se")
    assert [call["kind"] for call in calls] == [
        "meeting_invitation",
        "meeting_reminder",
        "meeting_reminder",
        "meeting_cancelled",
    ]
    assert [call.get("is_last_reminder") for call in calls[1:3]] == [False, True]
    for message in (invitation_mail, week, day, cancelled):
        assert f"https://x.se/u/{invitation.pk}" in message.body_text
        assert f'href="https://x.se/u/{invitation.pk}"' in message.body_html
    assert "Dagordning" not in week.body_text
    assert "1. Kompetensförsörjning" in day.body_text
    assert "<h2" in day.body_html and "Dagordning" in day.body_html


def test_emails_carry_the_answer_links_in_text_and_html(db):
    invite(make_meeting(start=START), name="Anna", email="anna@example.se")

    (message,) = mails_to("anna@example.se")
    for answer in ("ACCEPTED", "TENTATIVE", "DECLINED"):
        assert f"?answer={answer}" in message.body_text
        assert f"?answer={answer}" in message.body_html
    assert message.subject == "Inbjudan: Samordnat möte om bygglov – 4 juni 2030 07:30"
    assert "Hej Anna!" in message.body_text


def test_invitee_who_speaks_english_gets_the_mail_in_english(db):
    invite(make_meeting(start=START), name="Anna", email="anna@example.se", language="en")

    (message,) = mails_to("anna@example.se")
    assert message.subject == "Invitation: Samordnat möte om bygglov – 4 June 2030 07:30"
    assert "Hello Anna," in message.body_text
    assert "Accept: http" in message.body_text
