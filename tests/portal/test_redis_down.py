"""Redis unreachable as the cache: every page still answers, computing what it would have read."""

import logging

import pytest
from django.test import Client
from django.urls import reverse

from karlshamn_portal.health.services import record_heartbeat
from liaison.models import Case, CaseEvent, EventKind
from liaison.services.referrals import route_case
from liaison.services.tracking import make_track_token
from tests.factories import PASSWORD
from tests.faults.smtp import free_port
from tests.faults.submission import request_form
from tests.liaison.factories import make_case


@pytest.fixture
def cache_unreachable(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",  # nothing listens there
            "OPTIONS": settings.REDIS_CACHE_OPTIONS,
        }
    }


def test_with_the_cache_unreachable_staff_sign_in_and_work_and_companies_are_heard(
    cache_unreachable, liaison, building_department, building_official, caplog
):
    case = make_case()
    route_case(case, [building_department], liaison)
    with caplog.at_level(logging.ERROR, logger="karlshamn_portal.cache"):
        staff = Client()
        assert staff.post(reverse("login"), {"username": "lina", "password": PASSWORD}).status_code == 302
        dashboard = staff.get(reverse("dashboard"))
        assert dashboard.status_code == 200 and case.reference in dashboard.content.decode()
        assert staff.get(reverse("case-detail", args=[case.reference])).status_code == 200

        official = Client()
        assert official.post(reverse("login"), {"username": "bo", "password": PASSWORD}).status_code == 302
        assert case.reference in official.get(reverse("referral-list")).content.decode()

        company = Client()
        assert company.post(reverse("case-new"), request_form(2)).status_code == 302
        track = reverse("track", args=[make_track_token(case)])
        assert company.post(track, {"text": "Skickat medan Redis var borta."}).status_code == 302

    assert Case.objects.filter(contact_email="vera2@example.se").exists()
    assert CaseEvent.objects.filter(case=case, kind=EventKind.COMPANY_MESSAGE).exists()
    assert "Exception ignored" in caplog.text, "each miss is logged for the operator"


def test_health_says_degraded_with_200_while_the_broker_is_unreachable(client, db, monkeypatch):
    record_heartbeat("worker")
    record_heartbeat("scheduler")
    assert client.get(reverse("health")).json()["status"] == "ok"

    monkeypatch.setattr("karlshamn_portal.health.views.check_broker", lambda: "unreachable")
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["broker"]) == ("degraded", "unreachable")
