from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

from karlshamn_portal.health.services import check_broker, check_database, check_heartbeats


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """503 only without the database, where nothing works; a lost broker or a silent worker is
    "degraded": pages and submissions still work, and e-mail waits in the outbox."""
    database = check_database()
    state = {"database": database, "broker": check_broker()}
    state.update(check_heartbeats() if database == "ok" else {"worker": "unknown", "scheduler": "unknown"})
    if database != "ok":
        status = "down"
    elif any(value != "ok" for value in state.values()):
        status = "degraded"
    else:
        status = "ok"
    return JsonResponse({"status": status, **state}, status=503 if status == "down" else 200)
