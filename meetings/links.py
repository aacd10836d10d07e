"""Signed answer links: one token per invitation, useless after the meeting has ended."""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from karlshamn_portal.signing import InvalidLink, make_token, read_token
from meetings.models import GIVEN_ANSWERS, Invitation

PURPOSE = "meeting-answer"
# The signature's own bound; the real limit is the end of the meeting, checked on every use.
SIGNATURE_MAX_AGE = timedelta(days=5 * 365)


def answer_token(invitation: Invitation) -> str:
    return make_token(PURPOSE, {"invitation": invitation.pk, "meeting": invitation.meeting.uid.hex})


def answer_urls(invitation: Invitation) -> dict[str, str]:
    """The accept / tentative / decline links of an e-mail, keyed by answer value in lower case."""
    token = answer_token(invitation)
    path = reverse("meetings:answer", args=[invitation.pk, token])
    return {
        answer.lower().replace("-", "_"): f"{settings.SITE_URL}{path}?answer={answer}"
        for answer in GIVEN_ANSWERS
    }


def invitation_from_link(invitation_id: int, token: str) -> Invitation:
    """The invitation a link belongs to, or InvalidLink (tampered, another invitation's, expired)."""
    payload = read_token(PURPOSE, token, max_age=SIGNATURE_MAX_AGE)
    if payload.get("invitation") != invitation_id:
        raise InvalidLink("the link belongs to another invitation")
    invitation = Invitation.objects.select_related("meeting").filter(pk=invitation_id).first()
    if invitation is None or invitation.meeting.uid.hex != payload.get("meeting"):
        raise InvalidLink("the invitation no longer exists")
    if invitation.meeting.is_over(timezone.now()):
        raise InvalidLink("the meeting is over")
    return invitation
