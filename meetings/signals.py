"""Signals through which the apps that own meetings (liaison, forum) hear about them.

The meetings app never imports its owners; they connect here instead.
"""

from django.dispatch import Signal

# Sent by record_answer after an invitee answered, inside its transaction.
# Arguments: invitation (Invitation), previous_answer (str), actor (User or None).
answer_recorded = Signal()
