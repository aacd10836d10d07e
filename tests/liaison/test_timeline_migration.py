"""Migration 0008 turns the words older timeline events stored into values, and back."""

import importlib

import pytest
from django.apps import apps
from django.utils import translation

from liaison.models import CaseEvent, EventKind
from liaison.timeline import event_summary
from meetings.models import Meeting
from tests.liaison.meeting_factories import make_case, stockholm
from tests.liaison.triage_factories import make_topic

migration = importlib.import_module("liaison.migrations.0008_timeline_events_as_data")
pytestmark = pytest.mark.django_db


def test_old_meeting_and_topic_events_read_in_either_language_and_migrate_back(building_department):
    case = make_case("NL-2030-0042")
    make_topic("bygglov", "Bygglov", "Building permit", building_department)
    meeting = Meeting.objects.create(
        title="Möte om utbyggnaden",
        start=stockholm(2030, 5, 14, 9),
        end=stockholm(2030, 5, 14, 10),
        place="Rådhuset",
        cancel_reason="Frågan är löst",
    )
    old = {"meeting": meeting.pk, "start": meeting.start.isoformat()}
    # As the services wrote them before: Swedish words in the text.
    written = {
        EventKind.MEETING_SCHEDULED: "Möte om utbyggnaden: tisdag 14 maj 2030 09:00–10:00, Rådhuset",
        EventKind.MEETING_CANCELLED: (
            "Möte om utbyggnaden: tisdag 14 maj 2030 09:00–10:00, Rådhuset. Frågan är löst"
        ),
        EventKind.MEETING_ANSWER: "Bo: Tackat nej – Semester den veckan",
    }
    for kind, text in written.items():
        data = {**old, "answer": "DECLINED"} if kind == EventKind.MEETING_ANSWER else old
        CaseEvent.objects.create(case=case, kind=kind, text=text, data=data, actor_name="Bo")
    CaseEvent.objects.create(case=case, kind=EventKind.TOPIC_CHANGED, data={"from": "", "to": "Bygglov"})

    migration.to_data(apps, None)

    events = {event.kind: event for event in CaseEvent.objects.filter(case=case).exclude(kind="submitted")}
    with translation.override("en"):
        assert event_summary(events[EventKind.MEETING_SCHEDULED]) == (
            "Möte om utbyggnaden: Tuesday 14 May 2030 09:00–10:00, Rådhuset"
        )
        assert event_summary(events[EventKind.MEETING_ANSWER]) == "Bo: Declined"
        assert event_summary(events[EventKind.TOPIC_CHANGED]) == "no topic → Building permit"
    assert events[EventKind.MEETING_ANSWER].text == "Semester den veckan"
    assert events[EventKind.MEETING_CANCELLED].text == "Frågan är löst"
    assert events[EventKind.MEETING_SCHEDULED].text == ""

    migration.to_words(apps, None)

    for kind, text in written.items():
        assert CaseEvent.objects.get(case=case, kind=kind).text == text
    assert CaseEvent.objects.get(case=case, kind=EventKind.TOPIC_CHANGED).data == {
        "from": "",
        "to": "Bygglov",
    }
