from typing import Any

from django.conf import settings
from django.core import checks

from retention import registry


def plan_matches_kinds(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Every entry of the plan is cleared by a registered kind, and every kind has its entry."""
    registered = {kind.key for kind in registry.kinds()}
    planned = set(settings.RETENTION_PLAN)
    errors: list[checks.CheckMessage] = [
        checks.Error(f"RETENTION_PLAN has {key!r}, which no registered kind clears", id="retention.E001")
        for key in sorted(planned - registered)
    ]
    errors += [
        checks.Error(f"the retention kind {key!r} has no entry in RETENTION_PLAN", id="retention.E002")
        for key in sorted(registered - planned)
    ]
    return errors
