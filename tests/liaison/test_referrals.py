"""Referral flows: routing notifies the department; officials accept, decline, note and finish;
when every part is done the liaison officer is told."""

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation
from freezegun import freeze_time

from karlshamn_portal.outbox.models import OutboxMessage
from liaison.models import REFERRAL_TRANSITIONS, CaseStatus, EventKind, ReferralStatus
from liaison.services.referrals import ReferralNotAllowed, accept_referral, complete_referral, route_case
from tests.factories import make_department, make_liaison, make_official
from tests.liaison.triage_factories import make_case, make_referral


def recipients(template: str) -> list[str]:
    return sorted(OutboxMessage.objects.filter(template_name=template).values_list("recipient", flat=True))


@freeze_time("2026-06-18 10:00:00+02:00")
def test_due_date_counts_the_departments_working_days(liaison, building_department, environment_department):
    environment_department.referral_working_days = 2
    environment_department.save()
    case = make_case()
    referrals = route_case(case, [building_department, environment_department], liaison)
    due = {r.department: r.due_date for r in referrals}
    # Midsommarafton and midsommardagen are off: 5 working days from Thursday 18 June 2026.
    assert due[building_department] == date(2026, 6, 26)
    assert due[environment_department] == date(2026, 6, 23)


def test_new_referral_emails_every_official_of_the_department_with_a_signed_link(
    liaison, building_department
):
    make_official("bo", building_department)
    make_official("britt", building_department)
    case = make_case()
    route_case(case, [building_department], liaison, message="Gäller ritningar.")
    assert recipients("referral_new") == ["bo@example.se", "britt@example.se"]
    body = OutboxMessage.objects.filter(template_name="referral_new").first().body_text
    assert "Gäller ritningar." in body
    assert "/staff/link/" in body


def test_a_department_without_officials_gets_the_referral_at_its_contact_address(liaison):
    port = make_department("hamn", "Karlshamns Hamn AB", "Port", contact_email="hamn@example.se")
    route_case(make_case(), [port], liaison)
    assert recipients("referral_new") == ["hamn@example.se"]


def test_routing_twice_to_the_same_department_makes_one_active_referral(liaison, building_department):
    case = make_case()
    route_case(case, [building_department], liaison)
    assert route_case(case, [building_department], liaison) == []
    assert case.referrals.count() == 1


def test_a_closed_case_cannot_be_referred(liaison, building_department):
    with pytest.raises(ReferralNotAllowed):
        route_case(make_case(status=CaseStatus.CLOSED), [building_department], liaison)


def test_official_accepts_and_becomes_the_handling_official(client, building_official):
    referral = make_referral(make_case(), building_official.departments.get())
    client.force_login(building_official)
    client.post(reverse("referral-accept", args=[referral.pk]))
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED
    assert referral.official == building_official
    event = referral.events.get(kind=EventKind.REFERRAL_ACCEPTED)
    assert event.data["from"] == "pending" and event.data["to"] == "accepted"
    assert not event.is_public


def test_decline_needs_a_reason_and_goes_back_to_the_liaison_officer(client, liaison, building_official):
    case = make_case(owner=liaison)
    referral = make_referral(case, building_official.departments.get())
    client.force_login(building_official)

    response = client.post(reverse("referral-decline", args=[referral.pk]), {"decline-text": ""})
    assert response.status_code == 200
    assert "invalid-feedback" in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.PENDING

    client.post(reverse("referral-decline", args=[referral.pk]), {"decline-text": "Inte vårt område."})
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DECLINED
    assert referral.decline_reason == "Inte vårt område."
    assert recipients("referral_declined") == [liaison.email]
    assert "Inte vårt område." in OutboxMessage.objects.get(template_name="referral_declined").body_text


def test_decline_on_an_unassigned_case_tells_every_liaison_officer(client, liaison, building_official):
    referral = make_referral(make_case(), building_official.departments.get())
    client.force_login(building_official)
    client.post(reverse("referral-decline", args=[referral.pk]), {"decline-text": "Fel verksamhet."})
    assert recipients("referral_declined") == [liaison.email]


def test_notes_are_internal(client, building_official):
    case = make_case()
    referral = make_referral(case, building_official.departments.get())
    client.force_login(building_official)
    client.post(reverse("referral-note", args=[referral.pk]), {"note-text": "Ritningar saknas."})
    note = case.events.get(kind=EventKind.REFERRAL_NOTE)
    assert note.text == "Ritningar saknas."
    assert not note.is_public


def test_done_only_after_accepting(client, building_official):
    referral = make_referral(make_case(), building_official.departments.get())
    client.force_login(building_official)
    client.post(reverse("referral-done", args=[referral.pk]), {"done-text": ""})
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.PENDING
    with pytest.raises(ReferralNotAllowed):
        complete_referral(referral, building_official)


def test_when_every_referral_is_done_the_liaison_officer_is_told_once(
    client, liaison, building_official, environment_official
):
    case = make_case(owner=liaison)
    building = make_referral(case, building_official.departments.get())
    environment = make_referral(case, environment_official.departments.get())
    declined = make_referral(case, make_department("gata"), status=ReferralStatus.DECLINED)
    assert declined.status == ReferralStatus.DECLINED

    for official, referral in [(building_official, building), (environment_official, environment)]:
        accept_referral(referral, official)
    client.force_login(building_official)
    client.post(reverse("referral-done", args=[building.pk]), {"done-text": "Bygglov beviljat."})
    assert recipients("all_referrals_done") == []

    client.force_login(environment_official)
    client.post(reverse("referral-done", args=[environment.pk]), {"done-text": ""})
    assert recipients("all_referrals_done") == [liaison.email]
    building.refresh_from_db()
    assert building.status == ReferralStatus.DONE and building.done_at is not None


def test_referral_list_puts_pending_and_overdue_first(client, building_official):
    department = building_official.departments.get()
    accepted = make_referral(make_case(), department, due=date(2030, 1, 10), status=ReferralStatus.ACCEPTED)
    overdue = make_referral(make_case(), department, due=date(2020, 1, 10), status=ReferralStatus.ACCEPTED)
    pending = make_referral(make_case(), department, due=date(2030, 1, 20))
    done = make_referral(make_case(), department, due=date(2020, 1, 1), status=ReferralStatus.DONE)
    client.force_login(building_official)
    page = client.get(reverse("referral-list")).content.decode()
    positions = [page.index(f"/referrals/{r.pk}/") for r in (pending, overdue, accepted)]
    assert positions == sorted(positions)
    assert f"/referrals/{done.pk}/" not in page
    assert page.count('class="badge badge-overdue"') == 1
    assert f"/referrals/{done.pk}/" in client.get(reverse("referral-list"), {"done": "1"}).content.decode()


def test_a_referral_row_names_the_case_company_department_status_and_official(client, building_official):
    department = building_official.departments.get()
    case = make_case(subject="Ombyggnad <av> lokal")
    make_referral(case, department, status=ReferralStatus.ACCEPTED, official=building_official)
    client.force_login(building_official)
    client.cookies["django_language"] = "sv"
    row = _row(client.get(reverse("referral-list")).content.decode(), case.reference)
    assert case.company.name in row
    assert "Ombyggnad &lt;av&gt; lokal" in row  # escaped, never markup
    assert ">Bygglov<" in row
    with translation.override("sv"):
        assert f">{ReferralStatus.ACCEPTED.label}<" in row
    assert building_official.get_full_name() in row
    client.cookies["django_language"] = "en"
    row = _row(client.get(reverse("referral-list")).content.decode(), case.reference)
    assert ">Building permits<" in row
    assert ">Accepted<" in row


def _row(page: str, reference: str) -> str:
    start = page.rindex("<tr>", 0, page.index(reference))
    return page[start : page.index("</tr>", start)]


def test_referral_list_pages_through_more_than_a_hundred(client, building_official, monkeypatch):
    monkeypatch.setattr("liaison.views.staff.referrals.PAGE_SIZE", 3)
    department = building_official.departments.get()
    referrals = [make_referral(make_case(), department, due=date(2030, 1, day)) for day in range(1, 6)]
    client.force_login(building_official)
    first = client.get(reverse("referral-list")).content.decode()
    second = client.get(reverse("referral-list"), {"page": "2"}).content.decode()
    assert [f"/referrals/{r.pk}/" in first for r in referrals] == [True, True, True, False, False]
    assert [f"/referrals/{r.pk}/" in second for r in referrals] == [False, False, False, True, True]
    assert "page=2" in first and "page=1" in second and "page=3" not in second
    assert client.get(reverse("referral-list"), {"page": "many"}).status_code == 200


def test_referral_list_query_count_is_constant(client, building_official, django_assert_max_num_queries):
    department = building_official.departments.get()
    for _ in range(15):
        make_referral(make_case(), department)
    client.force_login(building_official)
    with django_assert_max_num_queries(8):
        client.get(reverse("referral-list"))


def test_staff_link_in_a_referral_email_opens_the_referral_after_login(client, liaison, building_official):
    case = make_case()
    route_case(case, [building_official.departments.get()], liaison)
    link = (
        OutboxMessage.objects.get(template_name="referral_new")
        .body_text.split("/staff/link/")[1]
        .split("/")[0]
    )
    response = client.get(f"/staff/link/{link}/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    client.force_login(liaison)
    response = client.get(f"/staff/link/{link}/")
    referral = case.referrals.get()
    assert response["Location"] == reverse("referral-detail", args=[referral.pk])
    assert client.get(f"/staff/link/{link}x/").status_code == 404


def test_staff_link_in_a_decline_email_opens_the_case(client, liaison, building_official):
    case = make_case(owner=liaison)
    referral = make_referral(case, building_official.departments.get())
    client.force_login(building_official)
    client.post(reverse("referral-decline", args=[referral.pk]), {"decline-text": "Fel verksamhet."})
    body = OutboxMessage.objects.get(template_name="referral_declined").body_text
    link = body.split("/staff/link/")[1].split("/")[0]
    client.force_login(liaison)
    assert client.get(f"/staff/link/{link}/")["Location"] == reverse("case-detail", args=[case.reference])


@pytest.mark.postgresql
def test_two_officials_accepting_at_once_give_one_handling_official(transactional_db, monkeypatch):
    import threading
    import time

    from django.db import connection

    from liaison.models import Referral

    # Widen the window between reading the status and writing the new one, so two requests
    # would both pass the check unless the row is locked.
    check = Referral.can_move_to

    def slow_check(self, status):
        time.sleep(0.3)
        return check(self, status)

    monkeypatch.setattr(Referral, "can_move_to", slow_check)

    department = make_department("bygglov", "Bygglov", "Building permits")
    officials = [make_official("bo", department), make_official("britt", department)]
    referral = make_referral(make_case(), department)
    results: list[str] = []
    barrier = threading.Barrier(2)

    def accept(official):
        barrier.wait()
        try:
            accept_referral(referral, official)
            results.append("accepted")
        except ReferralNotAllowed:
            results.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(official,)) for official in officials]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["accepted", "refused"]
    referral.refresh_from_db()
    assert referral.official in officials
    assert referral.events.filter(kind=EventKind.REFERRAL_ACCEPTED).count() == 1


@pytest.mark.postgresql
def test_two_parts_finishing_at_once_still_tell_the_liaison_officer_once(transactional_db, monkeypatch):
    import threading
    import time

    from django.db import connection

    from liaison.services import referrals as referral_services

    liaison = make_liaison("lina")
    case = make_case(owner=liaison)
    pairs = []
    for slug in ("bygglov", "raddning"):
        department = make_department(slug)
        official = make_official(f"{slug}-official", department)
        referral = make_referral(case, department)
        accept_referral(referral, official)
        pairs.append((referral, official))

    # Widen the window between marking a part done and looking at the other parts.
    record = referral_services.record_event

    def slow_record(*args, **kwargs):
        event = record(*args, **kwargs)
        time.sleep(0.3)
        return event

    monkeypatch.setattr(referral_services, "record_event", slow_record)
    barrier = threading.Barrier(2)

    def finish(referral, official):
        barrier.wait()
        try:
            complete_referral(referral, official)
        finally:
            connection.close()

    threads = [threading.Thread(target=finish, args=pair) for pair in pairs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert recipients("all_referrals_done") == [liaison.email]


def test_the_timeline_records_the_status_a_referral_really_left(building_official, monkeypatch):
    # Should the table ever let a part be finished straight from pending, the record says so.
    monkeypatch.setitem(REFERRAL_TRANSITIONS, ReferralStatus.PENDING, {ReferralStatus.DONE})
    referral = make_referral(make_case(), building_official.departments.get())
    complete_referral(referral, building_official)
    event = referral.events.get(kind=EventKind.REFERRAL_DONE)
    assert (event.data["from"], event.data["to"]) == ("pending", "done")


def test_the_referral_page_offers_what_the_transition_table_allows(client, building_official, monkeypatch):
    referral = make_referral(make_case(), building_official.departments.get())
    client.force_login(building_official)

    def offered() -> set[str]:
        page = client.get(reverse("referral-detail", args=[referral.pk])).content.decode()
        actions = {"accept": "referral-accept", "done": "referral-done", "decline": "referral-decline"}
        return {name for name, url in actions.items() if reverse(url, args=[referral.pk]) in page}

    assert offered() == {"accept", "decline"}
    monkeypatch.setitem(REFERRAL_TRANSITIONS, ReferralStatus.PENDING, {ReferralStatus.DECLINED})
    assert offered() == {"decline"}
    monkeypatch.undo()
    accept_referral(referral, building_official)
    assert offered() == {"done", "decline"}


def test_two_referrals_of_one_case_have_titles_of_their_own(client, liaison, building_department):
    environment = make_department("miljo", "Miljöförbundet Blekinge Väst", "Environmental association")
    case = make_case()
    referrals = route_case(case, [building_department, environment], liaison)
    client.force_login(liaison)

    titles = {
        re.search(
            r"<title>(.*?)</title>", client.get(reverse("referral-detail", args=[r.pk])).content.decode()
        )[1]
        for r in referrals
    }

    assert titles == {
        f"Remiss av {case.reference} till Bygglov – Näringslivsportalen, Karlshamns kommun",
        f"Remiss av {case.reference} till Miljöförbundet Blekinge Väst – Näringslivsportalen, Karlshamns kommun",
    }
