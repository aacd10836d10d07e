"""Timeline events as data: meeting events and topic changes stored their words in Swedish (the
meeting's time and place in `text`, an answer as "Name: Tackat ja – comment"); they now keep the
values (title, start, end, place, answer, the topic's English name) and `text` holds only what a
person wrote (a cancellation's reason, an answer's comment). Backwards writes the Swedish words
again from the values."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import migrations
from django.utils import translation
from django.utils.formats import date_format

MEETING_KINDS = ("meeting_scheduled", "meeting_changed", "meeting_cancelled")
STOCKHOLM = ZoneInfo("Europe/Stockholm")
# The answer labels as they were written (meetings.models.Answer, in Swedish).
ANSWER_WORDS = {
    "NEEDS-ACTION": "Inte svarat",
    "ACCEPTED": "Tackat ja",
    "TENTATIVE": "Preliminärt",
    "DECLINED": "Tackat nej",
}


def _old_when(data):
    # The words the services wrote before (liaison.services.meetings._when, in Swedish).
    with translation.override("sv"):
        start = datetime.fromisoformat(data["start"]).astimezone(STOCKHOLM)
        end = datetime.fromisoformat(data["end"]).astimezone(STOCKHOLM)
        text = f"{date_format(start, 'l j F Y')} {start:%H:%M}–{end:%H:%M}"
    place = ", ".join(part for part in (data.get("place"), data.get("online_url")) if part)
    return f"{data.get('title', '')}: {text}" + (f", {place}" if place else "")


def to_data(apps, schema_editor):
    CaseEvent = apps.get_model("liaison", "CaseEvent")
    Meeting = apps.get_model("meetings", "Meeting")
    Topic = apps.get_model("liaison", "Topic")
    english = dict(Topic.objects.values_list("name_sv", "name_en"))
    for event in CaseEvent.objects.filter(kind__in=[*MEETING_KINDS, "meeting_answer", "topic_changed"]):
        data = dict(event.data or {})
        if event.kind == "topic_changed":
            data["from_en"] = english.get(data.get("from") or "", "")
            data["to_en"] = english.get(data.get("to") or "", "")
        elif "title" not in data:
            meeting = Meeting.objects.filter(pk=data.get("meeting")).first()
            if meeting is not None:
                data.setdefault("start", meeting.start.isoformat())
                data.update(
                    title=meeting.title,
                    end=meeting.end.isoformat(),
                    place=meeting.place,
                    online_url=meeting.online_url,
                )
            if event.kind == "meeting_answer":
                data["name"] = event.actor_name
                _, _, comment = event.text.partition(" – ")
                event.text = comment
            elif event.kind == "meeting_cancelled" and meeting is not None:
                event.text = meeting.cancel_reason
            elif meeting is not None:
                event.text = ""
        event.data = data
        event.save(update_fields=["data", "text"])


def to_words(apps, schema_editor):
    CaseEvent = apps.get_model("liaison", "CaseEvent")
    for event in CaseEvent.objects.filter(kind__in=[*MEETING_KINDS, "meeting_answer", "topic_changed"]):
        data = dict(event.data or {})
        if event.kind == "topic_changed":
            data.pop("from_en", None)
            data.pop("to_en", None)
        elif event.kind == "meeting_answer":
            text = f"{data.pop('name', event.actor_name)}: {ANSWER_WORDS.get(data.get('answer'), '')}"
            event.text = text + (f" – {event.text}" if event.text else "")
        elif "end" in data:
            when = _old_when(data)
            if event.kind == "meeting_cancelled" and event.text:
                when += f". {event.text}"
            event.text = when
        if event.kind != "topic_changed":
            for key in ("title", "end", "place", "online_url"):
                data.pop(key, None)
        event.data = data
        event.save(update_fields=["data", "text"])


class Migration(migrations.Migration):
    dependencies = [
        ("liaison", "0007_case_reference_suffix_index"),
        ("meetings", "0001_meetings_invitations"),
    ]

    operations = [migrations.RunPython(to_data, to_words)]
