"""The dashboard's bulk actions: assign, route and close several cases at once, with htmx, and
what a failed one keeps."""

import re

import pytest
from django.urls import reverse

from karlshamn_portal.outbox.models import OutboxMessage
from liaison.models import Case, CaseStatus, EventKind, Referral, ReferralStatus
from tests.liaison.triage_factories import make_case, make_many_cases


def recipients(template: str) -> list[str]:
    return sorted(OutboxMessage.objects.filter(template_name=template).values_list("recipient", flat=True))


@pytest.fixture
def signed_in(client, liaison):
    client.force_login(liaison)
    return client


def test_bulk_assign_to_me_keeps_the_filters(signed_in, liaison):
    first, second = make_case(), make_case()
    response = signed_in.post(
        reverse("dashboard-bulk"),
        {"bulk-cases": [first.pk, second.pk], "bulk-action": "assign", "filters": "status=new&q=x"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/dashboard/?q=x&status=new"
    assert set(Case.objects.values_list("owner", flat=True)) == {liaison.pk}
    assert first.events.filter(kind=EventKind.ASSIGNED).count() == 1


def test_bulk_route_refers_each_case_and_tells_the_department(
    signed_in, building_department, building_official
):
    cases = [make_case(), make_case()]
    signed_in.post(
        reverse("dashboard-bulk"),
        {
            "bulk-cases": [c.pk for c in cases],
            "bulk-action": "route",
            "bulk-department": building_department.pk,
        },
    )
    assert Referral.objects.filter(department=building_department, status=ReferralStatus.PENDING).count() == 2
    assert recipients("referral_new") == [building_official.email] * 2


def test_bulk_close_needs_a_summary_and_tells_each_company(signed_in):
    cases = [make_case(contact_email="a@example.se"), make_case(contact_email="b@example.se")]
    data = {"bulk-cases": [c.pk for c in cases], "bulk-action": "close"}
    response = signed_in.post(reverse("dashboard-bulk"), data)
    assert response.status_code == 200
    assert "Skriv en kort sammanfattning; företaget får den." in response.content.decode()
    assert not Case.objects.filter(status=CaseStatus.CLOSED).exists()

    signed_in.post(reverse("dashboard-bulk"), {**data, "bulk-summary": "Besvarat per telefon."})
    assert Case.objects.filter(status=CaseStatus.CLOSED).count() == 2
    assert recipients("case_closed") == ["a@example.se", "b@example.se"]


def test_bulk_action_with_htmx_returns_the_updated_results(signed_in):
    case = make_case()
    response = signed_in.post(
        reverse("dashboard-bulk"),
        {"bulk-cases": [case.pk], "bulk-action": "assign"},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert 'data-count="unassigned">0<' in body


def test_nothing_chosen_gives_a_message(signed_in):
    make_case()
    response = signed_in.post(reverse("dashboard-bulk"), {"bulk-action": "assign"})
    assert "bulk-cases-error" in response.content.decode()


def test_a_failed_bulk_action_keeps_the_ticked_cases(signed_in):
    first, second, third = make_many_cases(3)

    response = signed_in.post(
        reverse("dashboard-bulk"),
        {"bulk-cases": [first.pk, third.pk], "bulk-action": "route", "filters": ""},
    )

    page = response.content.decode()
    assert 'id="id_bulk-department_error"' in page
    ticked = set(re.findall(r'value="(\d+)" id="choose-\d+" checked', page))
    assert ticked == {str(first.pk), str(third.pk)}
    assert f'id="choose-{second.pk}">' in page  # listed, not ticked
