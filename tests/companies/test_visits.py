"""Visits: planned as a meeting with invitations, recorded, followed up, and who may see them."""

import pytest
from django.urls import reverse

from companies.models import FollowUp, FollowUpStatus, Visit, VisitStatus
from companies.services.follow_ups import (
    FollowUpError,
    add_follow_up,
    complete_follow_up,
    send_follow_up_email,
)
from companies.services.visits import record_visit
from liaison.models import Case
from meetings.services import invite
from tests.companies.factories import (
    in_days,
    make_business_developer,
    make_contact,
    make_register_company,
    make_visit,
)
from tests.factories import make_official, make_user
from tests.meetings.factories import calendar_of, mails_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def developer(db):
    return make_business_developer("nora")


@pytest.fixture
def company(db):
    return make_register_company(
        1, size_class="10-19", address="Ronnebygatan 1", postcode="374 35", town="KARLSHAMN"
    )


def test_planning_a_visit_invites_the_contact_and_colleagues_with_a_calendar_invitation(
    client, developer, company, building_official
):
    contact = make_contact(company)
    client.force_login(developer)
    day = in_days(14)
    response = client.post(
        reverse("companies:visit-new"),
        {
            "company": company.pk,
            "date": day.date().isoformat(),
            "time": "09:30",
            "duration": 60,
            "place": company.full_address,
            "purpose": "Höra om expansionsplanerna",
            "contact": contact.pk,
            "staff": [building_official.pk],
            "guests": "Gästen Gustavsson <gast@example.se>",
        },
    )
    visit = Visit.objects.get()
    assert response.url == reverse("companies:visit", args=[visit.pk])
    assert visit.meeting.place == "Ronnebygatan 1, 374 35 KARLSHAMN"
    invited = set(visit.meeting.invitations.values_list("email", flat=True))
    assert invited == {developer.email, building_official.email, "gast@example.se", contact.email}
    (invitation,) = mails_to(contact.email, "meeting_invitation")
    assert calendar_of(invitation) is not None


def test_the_plan_form_keeps_what_was_typed_and_says_what_is_wrong(client, developer, company):
    client.force_login(developer)
    response = client.post(
        reverse("companies:visit-new"),
        {
            "company": company.pk,
            "date": "2001-01-01",
            "time": "09:00",
            "duration": 60,
            "place": "Här",
            "purpose": "Syfte X",
            "guests": "ingen adress",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Syfte X" in page
    assert "ingen adress" in page
    assert not Visit.objects.exists()


def test_recording_with_follow_ups_then_the_e_mail_tells_only_what_was_chosen(
    client, developer, company, building_department
):
    contact = make_contact(company)
    visit = make_visit(company, developer, contact=contact)
    client.force_login(developer)
    response = client.post(
        reverse("companies:visit-record", args=[visit.pk]),
        {
            "held": "1",
            "plans": "Ny fabrik",
            "worries": "Kompetens",
            "flags": ["flag_expansion", "flag_skills_shortage"],
            "internal_notes": "Hemligt",
        },
    )
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.status == VisitStatus.HELD
    assert visit.flag_expansion and visit.flag_skills_shortage and not visit.flag_other
    client.post(
        reverse("companies:follow-up-add", args=[visit.pk]),
        {
            "text": "Ta fram tomtförslag",
            "owner_department": building_department.pk,
            "working_days": 10,
            "tell_company": "on",
        },
    )
    client.post(
        reverse("companies:follow-up-add", args=[visit.pk]),
        {"text": "Intern avstämning", "owner_user": developer.pk, "working_days": 3},
    )
    assert FollowUp.objects.count() == 2
    assert (
        client.get(reverse("companies:visits") + "?not_followed_up=1").content.decode().count(company.name)
        == 1
    )
    preview = client.get(reverse("companies:visit-email", args=[visit.pk])).content.decode()
    assert "Ta fram tomtförslag" in preview.split("<pre")[1]
    assert "Intern avstämning" not in preview.split("<pre")[1]
    chosen = FollowUp.objects.get(text="Ta fram tomtförslag")
    client.post(reverse("companies:visit-email", args=[visit.pk]), {"follow_ups": [chosen.pk], "send": "1"})
    (mail,) = mails_to(contact.email, "visit_follow_up")
    assert "Ta fram tomtförslag" in mail.body_text
    assert "Intern avstämning" not in mail.body_text
    assert "Hemligt" not in mail.body_text
    visit.refresh_from_db()
    assert visit.is_followed_up
    # Done: the company hears it, once.
    client.post(reverse("companies:follow-up-done", args=[chosen.pk]))
    (done,) = mails_to(contact.email, "follow_up_done")
    assert "Ta fram tomtförslag" in done.body_text
    client.post(reverse("companies:follow-up-done", args=[chosen.pk]))
    assert len(mails_to(contact.email, "follow_up_done")) == 1


def test_the_follow_up_e_mail_goes_out_once(developer, company):
    visit = make_visit(company, developer, contact=make_contact(company))
    record_visit(visit, recorded_by=developer)
    send_follow_up_email(visit, [])
    with pytest.raises(FollowUpError):
        send_follow_up_email(visit, [])


def test_a_follow_up_becomes_a_case_with_the_company_contact_and_text(client, developer, company, liaison):
    contact = make_contact(company, name="Karin Ek", email="karin@ek.example")
    visit = make_visit(company, developer, contact=contact)
    record_visit(visit, recorded_by=developer)
    follow_up = add_follow_up(
        visit, text="Bygglov för ny hall\nBehöver tidigt samråd", working_days=5, owner_user=developer
    )
    client.force_login(developer)
    client.post(reverse("companies:follow-up-case", args=[follow_up.pk]))
    case = Case.objects.get()
    assert case.company == company
    assert (case.contact_name, case.contact_email) == ("Karin Ek", "karin@ek.example")
    assert case.subject == "Bygglov för ny hall"
    assert "tidigt samråd" in case.description
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUpStatus.CASE and follow_up.case == case
    assert mails_to(liaison.email, "new_case_notice")
    # One click, one case.
    client.post(reverse("companies:follow-up-case", args=[follow_up.pk]))
    assert Case.objects.count() == 1


def test_overdue_follow_ups_are_marked(client, developer, company):
    visit = make_visit(company, developer)
    follow_up = add_follow_up(visit, text="Ring tillbaka", working_days=1, owner_user=developer)
    FollowUp.objects.filter(pk=follow_up.pk).update(due_on=in_days(-3).date())
    client.force_login(developer)
    assert "badge-overdue" in client.get(reverse("companies:visit", args=[visit.pk])).content.decode()
    assert "Ring tillbaka" in client.get(reverse("companies:start")).content.decode()
    complete_follow_up(follow_up)
    assert "Ring tillbaka" not in client.get(reverse("companies:start")).content.decode()


def test_an_invited_official_reads_the_visit_without_its_internal_notes(
    client, developer, company, building_department
):
    invited = make_official("olle", building_department)
    other = make_official("orvar", building_department)
    visit = make_visit(company, developer)
    invite(visit.meeting, name="Olle", email=invited.email, user=invited)
    record_visit(visit, recorded_by=developer, plans="Ny hall", internal_notes="Hemlig anteckning")
    client.force_login(invited)
    page = client.get(reverse("companies:visit", args=[visit.pk])).content.decode()
    assert "Ny hall" in page
    assert "Hemlig anteckning" not in page
    client.force_login(other)
    assert client.get(reverse("companies:visit", args=[visit.pk])).status_code == 403
    assert client.get(reverse("companies:register")).status_code == 403


def test_liaison_officers_use_the_register_and_visits_too(client, liaison, company):
    client.force_login(liaison)
    assert client.get(reverse("companies:register")).status_code == 200
    assert client.get(reverse("companies:company", args=[company.pk])).status_code == 200


def test_a_business_developer_lands_on_their_start_page(client, developer):
    client.force_login(developer)
    assert client.get(reverse("signed-in")).url == reverse("companies:start")


def test_someone_without_a_role_is_refused(client, company):
    client.force_login(make_user("nobody"))
    assert client.get(reverse("companies:company", args=[company.pk])).status_code == 403


def test_the_visit_forms_name_their_empty_choice_instead_of_dashes(client, developer, company):
    visit = make_visit(company, developer, contact=make_contact(company))
    client.force_login(developer)

    plan = client.get(reverse("companies:visit-new"), {"company": company.pk}).content.decode()
    page = client.get(reverse("companies:visit", args=[visit.pk])).content.decode()

    assert "---------" not in plan
    assert "---------" not in page
    assert '<option value="" selected>Ingen kontaktperson</option>' in plan
    assert '<option value="" selected>Ingen kollega</option>' in page
    assert '<option value="" selected>Ingen verksamhet</option>' in page
