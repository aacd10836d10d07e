from collections import Counter

from django import template

from liaison.models import Case, CaseMeeting
from meetings.models import Answer

register = template.Library()


@register.simple_tag
def meetings_of(case: Case) -> list[CaseMeeting]:
    """The case's meetings with invitations and answer counts, in two queries whatever their number."""
    case_meetings = list(CaseMeeting.objects.filter(case=case).with_invitations())
    for case_meeting in case_meetings:
        counts = Counter(invitation.answer for invitation in case_meeting.meeting.invitations.all())
        case_meeting.answer_counts = [  # type: ignore[attr-defined]  # for the template
            (answer, counts[answer.value]) for answer in Answer if counts[answer.value]
        ]
    return case_meetings


ANSWER_BADGES = {
    Answer.ACCEPTED: ("text-bg-success", "✓"),
    Answer.TENTATIVE: ("text-bg-warning", "?"),
    Answer.DECLINED: ("text-bg-danger", "✗"),
    Answer.NEEDS_ACTION: ("text-bg-secondary", "…"),
}


@register.inclusion_tag("liaison/meetings/answer_badge.html")
def answer_badge(answer: str) -> dict[str, str]:
    css, symbol = ANSWER_BADGES[Answer(answer)]
    return {"css": css, "symbol": symbol, "label": str(Answer(answer).label)}
