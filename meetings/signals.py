"""Signals through which the apps that own meetings (liaison, forum) hear about them.

The meetings app never imports its owners; they connect here instead.
"""

from django.dispatch import Signal

# Sent by record_answer after an invitee answered, inside its transaction.
# Arguments: invitation (Invitation), previous_answer (str), actor (User or None).
answer_recorded = Signal()

# Sent while an e-mail about an invitation is written. Receivers return a dict of extra template
# context, or None; an "owner_part" entry names a template (without .txt/.html) that every
# meeting e-mail includes after the details, e.g. the forum's agenda and unsubscribe links.
# Arguments: invitation (Invitation).
email_context = Signal()
