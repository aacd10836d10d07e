"""What the companies app tells the rest of the portal, for apps that want to know (the API's
webhooks) without the register depending on them. Receivers are connected in their own app's
signals.py."""

from django.dispatch import Signal

# Sent by companies.services.visits.record_visit in the transaction that records the visit,
# with `visit`: a receiver's writes (a webhook delivery row) commit or roll back with it.
visit_recorded = Signal()
