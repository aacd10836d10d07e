"""Signals through which the apps that own meetings (liaison, forum) hear about them.

The meetings app never imports its owners; they connect here instead.
"""

from django.dispatch import Signal

# Sent by record_answer after an invitee answered, inside its transaction.
# Arguments: invitation (Invitation), previous_answer (str), actor (User or None).
answer_recorded = Signal()

# Sent while any meeting e-mail is written, so the owning app can add to it without the meetings
# app knowing the owner (the forum adds its agenda and an unsubscribe link).
# Arguments: kind ("meeting_invitation", "meeting_update", "meeting_cancelled", "meeting_removed",
# "meeting_reminder"), invitation, meeting, batch (meetings.services.mail.MailBatch: every
# invitation mailed together, e.g. a forum's 5,000, and a memo dict, so a receiver looks up what
# it needs once per batch rather than once per e-mail), and for reminders offset_minutes and
# is_last_reminder.
# A receiver returns None or a dict with any of:
#   "sections": [{"heading": str, "text": str}]  shown after the meeting details
#   "footer_links": [{"label": str, "url": str}] shown at the bottom (e.g. unsubscribe)
#   "headers": {name: value}                     extra mail headers (e.g. List-Unsubscribe)
email_context = Signal()
