"""The relocation service's demo data (`make run`): loaded twice it adds nothing, the host signs in
with the printed password and finds every demo partner, the printed private links open the
employer's and the partner's pages, and neither the login list nor the log shows a partner's
details."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from karlshamn_portal.outbox.models import OutboxMessage
from liaison.demo import DEMO_PASSWORD
from meetings.models import Answer, Invitation
from relocation.demo import HOST_USERNAME, OFFICIAL_USERNAME
from relocation.models import (
    Activity,
    ActivityInvitation,
    Introduction,
    IntroductionStatus,
    NetworkEmployer,
    Partner,
    PartnerEvent,
    PartnerStatus,
    RelocationReferral,
)

pytestmark = pytest.mark.django_db

PARTNERS = ["Ana Ferreira", "Johanna Lund", "Priya Raman", "Tomasz Nowak", "Emma Lindgren"]
EMPLOYER_LINK = re.compile(r"http://[^/\s]+(/relocation/employer/[^/\s]+/)")
PARTNER_LINK = re.compile(r"http://[^/\s]+(/medflyttare/[^/\s]+/)")


def load_demo() -> str:
    printed = StringIO()
    call_command("load_demo_data", stdout=printed)
    return printed.getvalue()


def counts() -> dict[str, int]:
    models = [Partner, PartnerEvent, NetworkEmployer, Introduction, RelocationReferral, Activity]
    rows = {model.__name__: model.objects.count() for model in models}
    return {**rows, "invitations": Invitation.objects.count(), "e-mails": OutboxMessage.objects.count()}


def sign_in(client, username: str) -> None:  # type: ignore[no-untyped-def]
    assert client.post("/login/", {"username": username, "password": DEMO_PASSWORD}).status_code == 302


def test_the_demo_loads_twice_and_the_second_time_adds_nothing():
    load_demo()
    first = counts()
    load_demo()
    assert counts() == first
    assert first["Partner"] == 5 and first["NetworkEmployer"] == 4 and first["Activity"] == 2


def test_the_demo_partners_stand_at_every_stage_of_the_journey():
    load_demo()
    statuses = dict(Partner.objects.values_list("name", "status"))
    assert statuses == {
        "Ana Ferreira": PartnerStatus.NEW,
        "Johanna Lund": PartnerStatus.NEW,
        "Priya Raman": PartnerStatus.IN_CONTACT,
        "Tomasz Nowak": PartnerStatus.MATCHED,
        "Emma Lindgren": PartnerStatus.CLOSED,
    }
    assert set(Partner.objects.values_list("language", flat=True)) == {"sv", "en"}
    ana = Partner.objects.get(name="Ana Ferreira")
    assert ana.profile_completed_at is None and ana.invited_by is not None
    assert list(Partner.objects.shared_with_network().order_by("name").values_list("name", flat=True)) == [
        "Johanna Lund",
        "Priya Raman",
        "Tomasz Nowak",
    ]
    priya = Partner.objects.get(name="Priya Raman")
    assert priya.introductions.get().status == IntroductionStatus.PROPOSED
    assert priya.referrals.get().department.slug == "arbetsmarknad"
    fika = ActivityInvitation.objects.get(partner=priya, activity__meeting__title__startswith="Fika")
    assert fika.invitation.answer == Answer.ACCEPTED
    tomasz = Partner.objects.get(name="Tomasz Nowak")
    assert tomasz.introductions.get().status == IntroductionStatus.ACCEPTED
    emma = Partner.objects.get(name="Emma Lindgren")
    assert emma.closed_at is not None and emma.delete_after is not None


def test_the_host_signs_in_with_the_printed_password_and_sees_every_demo_partner(client):
    printed = load_demo()
    assert f"{HOST_USERNAME:<10} / {DEMO_PASSWORD}   Relocation hosts" in printed
    sign_in(client, HOST_USERNAME)
    queue = client.get("/relocation/?status=all").content.decode()
    for name in PARTNERS:
        assert name in queue
    assert "1 medflyttare väntar längre än utlovat på en första kontakt." in queue
    for partner in Partner.objects.all():
        page = client.get(f"/relocation/partners/{partner.reference}/")
        assert page.status_code == 200
        assert f"Medflyttare {partner.reference}: {partner.name}" in page.content.decode()
    network = client.get("/relocation/network/").content.decode()
    for employer in NetworkEmployer.objects.select_related("company"):
        assert employer.company.name in network and employer.contact_name in network
    activities = client.get("/relocation/activities/").content.decode()
    assert "Fika för nya Karlshamnsbor" in activities and "Språkcafé" in activities


def test_the_official_of_the_labour_market_unit_opens_the_printed_referral(client):
    printed = load_demo()
    path = re.search(r"/relocation/referrals/\d+/", printed)
    assert path, printed
    sign_in(client, OFFICIAL_USERNAME)
    page = client.get(path.group(0))
    assert page.status_code == 200
    assert "Priya Raman" in page.content.decode()


def test_the_printed_links_open_the_employers_page_and_the_partners_page(client):
    printed = load_demo()
    employer_link, partner_link = EMPLOYER_LINK.search(printed), PARTNER_LINK.search(printed)
    assert employer_link and partner_link, printed

    employer = NetworkEmployer.objects.select_related("company").get(introductions__status="accepted")
    response = client.get(employer_link.group(1))
    assert response.status_code == 200
    page = response.content.decode()
    assert f"{employer.company.name} i medflyttarnätverket" in page
    assert f"Kontaktperson: {employer.contact_name}" in page
    assert "Ana Ferreira" in page and "Emma Lindgren" in page  # the partners it invited
    assert "tomasz.nowak@example.org" in page  # accepted contact with this employer
    assert "Johanna Lund" in page and "Priya Raman" in page  # shared with the network
    assert "priya.raman@example.org" not in page

    response = client.get(partner_link.group(1))
    assert response.status_code == 200
    page = response.content.decode()
    priya = Partner.objects.get(name="Priya Raman")
    introduced_to = priya.introductions.get().employer.company.name
    # Priya chose English, so the page opens in English.
    assert "Your page in the relocation service" in page and priya.reference in page
    assert 'value="Priya Raman"' in page
    assert f"Accept contact with {introduced_to}" in page


def test_the_login_list_and_the_log_show_no_partners_details(log):
    printed = load_demo()
    written = log.getvalue()
    for partner in Partner.objects.all():
        for detail in filter(None, [partner.name, partner.email, partner.phone]):
            assert detail not in printed, detail
            assert detail not in written, detail
    for employer in NetworkEmployer.objects.all():
        assert employer.contact_email not in printed and employer.contact_email not in written
