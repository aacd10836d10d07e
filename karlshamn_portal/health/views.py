from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

from karlshamn_portal.health.services import check_broker, check_database, check_heartbeats


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    database = check_database()
    state = {"database": database, "broker": check_broker()}
    state.update(check_heartbeats() if database == "ok" else {"worker": "unknown", "scheduler": "unknown"})
    return JsonResponse(state, status=200 if database == "ok" else 503)
