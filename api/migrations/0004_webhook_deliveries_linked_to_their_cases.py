"""Deliveries written before they named their case get it from their body, so anonymising a
case (retention.services.anonymise) also finds its older deliveries."""

import json
from itertools import islice
from typing import Any

from django.db import migrations

CHUNK = 1000


def link_deliveries_to_cases(apps: Any, schema_editor: Any) -> None:
    delivery_model = apps.get_model("api", "WebhookDelivery")
    case_model = apps.get_model("liaison", "Case")
    by_reference: dict[str, list[int]] = {}
    unlinked = delivery_model.objects.filter(case__isnull=True).values_list("pk", "body")
    for pk, body in unlinked.iterator(chunk_size=CHUNK):
        try:
            reference = json.loads(body)["case"]["reference"]
        except (ValueError, KeyError, TypeError):
            continue  # a visit's delivery, or a cleared body
        by_reference.setdefault(str(reference), []).append(pk)
    references = iter(by_reference)
    while chunk := list(islice(references, CHUNK)):
        for reference, case_id in case_model.objects.filter(reference__in=chunk).values_list(
            "reference", "pk"
        ):
            delivery_model.objects.filter(pk__in=by_reference[reference]).update(case_id=case_id)


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0003_webhook_delivery_case_and_checked_url"),
    ]

    operations = [
        # Backwards there is nothing to undo: the previous migration's reversal drops the column.
        migrations.RunPython(link_deliveries_to_cases, migrations.RunPython.noop),
    ]
