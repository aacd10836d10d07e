"""Deleting a partner, on request or by the retention scan: every row and e-mail about them is
gone, the counts remain, and the scan claims rows so a second run or worker deletes nothing twice."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from karlshamn_portal.outbox.models import OutboxMessage
from meetings.models import Invitation, Reminder
from relocation.models import (
    ActivityInvitation,
    Introduction,
    Partner,
    PartnerEvent,
    PartnerMessage,
    PartnerOutcome,
    PartnerStatus,
    RelocationReferral,
)
from relocation.services.activities import schedule_activity
from relocation.services.hosting import add_partner_note, change_partner_status, record_contact
from relocation.services.network import answer_introduction, introduce_partner
from relocation.services.referrals import refer_partner
from relocation.services.retention import delete_partner
from retention.services.clearing import clear_kind
from retention.tasks import clear_kind as clearing_task
from tests.factories import make_department, make_official
from tests.relocation.factories import make_host, make_network_employer, make_partner

pytestmark = pytest.mark.django_db


def partner_with_everything(host, email: str = "full@example.org") -> Partner:  # type: ignore[no-untyped-def]
    """A partner with a row of every kind: timeline, referral, introduction, activity, e-mails."""
    partner = make_partner(email=email, consent_network=True, consent_activities=True)
    record_contact(partner, host, "phone", "First call.")
    add_partner_note(partner, host, "Looks for a flat near the school.")
    school = make_department(f"school-{partner.pk}")
    make_official(f"official{partner.pk}", school)
    refer_partner(partner, school, "school", "Preschool place.", host)
    introduction = introduce_partner(partner, make_network_employer(f"Employer {partner.pk}"), host, "Hello")
    answer_introduction(introduction, accepted=True)
    start = timezone.now() + timedelta(days=7)
    schedule_activity(
        title="Fika",
        description="",
        start=start,
        end=start + timedelta(hours=1),
        place="Café",
        organizer=host,
    )
    return partner


def rows_of(partner: Partner, email: str) -> dict[str, int]:
    return {
        "partner": Partner.objects.filter(pk=partner.pk).count(),
        "events": PartnerEvent.objects.filter(partner_id=partner.pk).count(),
        "referrals": RelocationReferral.objects.filter(partner_id=partner.pk).count(),
        "introductions": Introduction.objects.filter(partner_id=partner.pk).count(),
        "activity links": ActivityInvitation.objects.filter(partner_id=partner.pk).count(),
        "meeting invitations": Invitation.objects.filter(email__iexact=email).count(),
        "reminders": Reminder.objects.filter(invitation__email__iexact=email).count(),
        "message links": PartnerMessage.objects.filter(partner_id=partner.pk).count(),
        "e-mails to them": OutboxMessage.objects.filter(recipient__iexact=email).count(),
        "e-mails naming them": OutboxMessage.objects.filter(body_text__contains=partner.name).count(),
    }


def test_deleting_on_request_removes_every_row_and_e_mail_and_keeps_the_count():
    host = make_host()
    partner = partner_with_everything(host)
    before = rows_of(partner, partner.email)
    assert all(before.values()), before  # the test really has something to delete
    assert delete_partner(partner.pk, on_request=True)
    assert set(rows_of(partner, "full@example.org").values()) == {0}
    outcome = PartnerOutcome.objects.get()
    assert (
        outcome.partner is None and outcome.deleted_on_request and outcome.deleted_on == timezone.localdate()
    )
    notice = OutboxMessage.objects.get(template_name="relocation_partner_deleted")
    assert notice.recipient == host.email and partner.reference in notice.subject


def test_deleting_twice_deletes_once():
    partner = make_partner()
    assert delete_partner(partner.pk, on_request=True)
    assert not delete_partner(partner.pk, on_request=True)
    assert OutboxMessage.objects.filter(template_name="relocation_partner_deleted").count() <= 1


def test_the_retention_scan_deletes_closed_partners_whose_time_has_come_and_nobody_else():
    host = make_host()
    due = partner_with_everything(host, "due@example.org")
    change_partner_status(due, PartnerStatus.CLOSED, host, now=timezone.now() - timedelta(days=200))
    recent = make_partner(email="recent@example.org")
    change_partner_status(recent, PartnerStatus.CLOSED, host)
    open_partner = make_partner(email="open@example.org")

    assert clearing_task("relocation_profiles") == 1
    assert set(rows_of(due, "due@example.org").values()) == {0}
    assert Partner.objects.filter(pk__in=[recent.pk, open_partner.pk]).count() == 2
    outcome = PartnerOutcome.objects.get(partner=None)
    assert not outcome.deleted_on_request and outcome.closed_on is not None
    # Nobody asked, so no notice; the host saw the date on the partner page.
    assert not OutboxMessage.objects.filter(template_name="relocation_partner_deleted").exists()
    assert clear_kind("relocation_profiles").count == 0  # idempotent: a second run finds nothing


def test_the_retention_time_is_configurable(settings):
    settings.RETENTION_PLAN = {**settings.RETENTION_PLAN, "relocation_profiles": 30}
    host = make_host()
    partner = make_partner()
    change_partner_status(partner, PartnerStatus.CLOSED, host, now=timezone.now() - timedelta(days=40))
    assert clear_kind("relocation_profiles").count == 1
    assert PartnerOutcome.objects.filter(partner=None).count() == 1


@pytest.mark.postgresql
def test_two_concurrent_scans_delete_each_partner_once(transactional_db):
    host = make_host()
    long_ago = timezone.now() - timedelta(days=400)
    for number in range(6):
        change_partner_status(
            make_partner(email=f"p{number}@example.org"), PartnerStatus.CLOSED, host, now=long_ago
        )
    barrier = threading.Barrier(2)
    results: list[int] = []
    errors: list[BaseException] = []

    def scan() -> None:
        try:
            barrier.wait()
            results.append(clear_kind("relocation_profiles").count)
        except BaseException as error:  # noqa: BLE001 - reported in the test thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=scan) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    assert sum(results) == 6, results
    assert not Partner.objects.exists()
    assert PartnerOutcome.objects.filter(partner=None, deleted_on__isnull=False).count() == 6


@pytest.mark.postgresql
def test_a_deletion_request_while_a_host_saves_the_partner_waits_and_deletes(transactional_db):
    """The partner is told their data is deleted, so a request must not skip a row that a host's
    save holds for a moment, as the scan may (it comes back an hour later)."""
    from django.db import transaction

    partner = make_partner()
    locked, release = threading.Event(), threading.Event()

    def host_saves() -> None:
        try:
            with transaction.atomic():
                Partner.objects.select_for_update().get(pk=partner.pk)
                locked.set()
                release.wait(timeout=10)
        finally:
            connection.close()

    saving = threading.Thread(target=host_saves)
    saving.start()
    assert locked.wait(timeout=10)
    threading.Timer(0.5, release.set).start()
    deleted = delete_partner(partner.pk, on_request=True)
    saving.join(timeout=10)
    assert deleted
    assert not Partner.objects.filter(pk=partner.pk).exists()
