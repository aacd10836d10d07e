"""Every kind of the plan: just inside its time stays, just past is cleared, a second run finds
nothing, a dry run changes nothing; two schedulers at once clear each row once."""

import time
from datetime import UTC, datetime, timedelta

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from freezegun import freeze_time

from retention import registry
from retention.models import ClearingRun
from retention.services import clearing
from retention.services.clearing import clear_kind
from tests.faults.test_two_schedulers import run_twice_at_once
from tests.retention.rows import ROWS, closed_case, sent_message

NOW = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)
MARGIN = timedelta(minutes=1)
KEYS = list(ROWS)


def _start(key: str, inside: bool) -> datetime:
    days = registry.get(key).days
    assert days is not None
    cutoff = NOW - timedelta(days=days)
    return cutoff + MARGIN if inside else cutoff - MARGIN


def test_every_kind_in_the_plan_has_rows_to_test_with():
    assert sorted(ROWS) == sorted(kind.key for kind in registry.kinds())


@pytest.mark.django_db
@pytest.mark.parametrize("key", KEYS)
def test_data_just_inside_its_time_stays_and_just_past_is_cleared(key):
    rows = ROWS[key]
    inside = rows.make(_start(key, inside=True))
    past = rows.make(_start(key, inside=False))
    with freeze_time(NOW):
        outcome = clear_kind(key)
    assert not rows.cleared(inside)
    assert rows.cleared(past)
    assert outcome.count == (3 if key == "login_attempts" else 1)


@pytest.mark.django_db
@pytest.mark.parametrize("key", KEYS)
def test_twice_in_a_row_clears_once_and_logs_each_run(key):
    ROWS[key].make(_start(key, inside=False))
    with freeze_time(NOW):
        first = clear_kind(key).count
        second = clear_kind(key).count
    assert first > 0
    assert second == 0
    runs = list(ClearingRun.objects.filter(kind=key).order_by("id").values_list("cleared", "days"))
    assert runs == [(first, registry.get(key).days), (0, registry.get(key).days)]
    assert all(run.finished_at for run in ClearingRun.objects.filter(kind=key))


@pytest.mark.django_db
@pytest.mark.parametrize("key", KEYS)
def test_the_dry_run_counts_and_changes_nothing(key, capsys):
    rows = ROWS[key]
    past = rows.make(_start(key, inside=False))
    with freeze_time(NOW):
        call_command("clear_by_plan", "--dry-run")
    assert not rows.cleared(past)
    assert not ClearingRun.objects.exists()
    output = capsys.readouterr().out
    expected = 3 if key == "login_attempts" else 1
    assert f"{key}: would clear {expected} (" in output


@pytest.mark.django_db
def test_the_command_clears_every_kind_and_prints_counts_without_content(capsys):
    case = closed_case(_start("closed_cases", inside=False), description="Hemlig plan för tomten")
    with freeze_time(NOW):
        call_command("clear_by_plan")
    output = capsys.readouterr().out
    assert "closed_cases: cleared 1 (" in output
    assert "sent_email_bodies: cleared 0 (" in output
    for personal in (case.contact_email, case.contact_name, "Hemlig plan"):
        assert personal not in output


@pytest.mark.django_db
def test_a_kind_set_to_never_is_not_cleared(settings, capsys):
    settings.RETENTION_PLAN = {**settings.RETENTION_PLAN, "failed_emails": None}
    row = ROWS["failed_emails"].make(NOW - timedelta(days=50 * 365))
    with freeze_time(NOW):
        assert clear_kind("failed_emails").count == 0
        call_command("clear_by_plan", "--dry-run")
    assert not ROWS["failed_emails"].cleared(row)
    assert "failed_emails: never cleared" in capsys.readouterr().out


@pytest.mark.django_db
def test_a_run_cut_short_keeps_its_finished_batches_and_the_next_run_does_the_rest(settings, monkeypatch):
    settings.RETENTION_BATCH_SIZE = 2
    messages = [sent_message(_start("sent_email_bodies", inside=False)) for _ in range(5)]
    kind = registry.get("sent_email_bodies")
    original = type(kind).clear
    batches = []

    def crash_on_the_second_batch(self, rows, now):  # type: ignore[no-untyped-def]
        batches.append(len(rows))
        if len(batches) == 2:
            raise RuntimeError("worker killed")
        original(self, rows, now)

    monkeypatch.setattr(type(kind), "clear", crash_on_the_second_batch)
    with freeze_time(NOW), pytest.raises(RuntimeError):
        clear_kind("sent_email_bodies")
    assert ClearingRun.objects.get().cleared == 2
    monkeypatch.setattr(type(kind), "clear", original)
    with freeze_time(NOW):
        assert clear_kind("sent_email_bodies").count == 3
    for message in messages:
        message.refresh_from_db()
        assert message.body_text == ""


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("key", KEYS)
def test_two_schedulers_at_once_clear_each_row_once(key, settings, monkeypatch):
    settings.RETENTION_BATCH_SIZE = 3
    made = [ROWS[key].make(_start(key, inside=False)) for _ in range(12)]
    # A sign-in attempt is three rows, one in each of django-axes' logs.
    expected = 36 if key == "login_attempts" else 12
    kind = type(registry.get(key))
    clear = kind.clear

    def slow_clear(self, rows, now):  # type: ignore[no-untyped-def]
        # Each batch holds its rows a while, so the other scheduler surely meets them.
        clear(self, rows, now)
        time.sleep(0.05)

    monkeypatch.setattr(kind, "clear", slow_clear)
    run_twice_at_once(lambda: clearing.clear_kind(key, now=NOW))
    runs = ClearingRun.objects.filter(kind=key)
    assert runs.count() == 2
    assert sum(runs.values_list("cleared", flat=True)) == expected
    assert all(ROWS[key].cleared(row) for row in made)


@pytest.mark.django_db
def test_a_contact_invited_to_a_recent_visit_stays_though_unchanged_for_long():
    from companies.models import Contact
    from tests.retention.rows import idle_contact, make_visit

    contact = idle_contact(_start("company_contacts", inside=False))
    make_visit(contact, NOW - timedelta(days=30))
    with freeze_time(NOW):
        assert clear_kind("company_contacts").count == 0
    assert Contact.objects.filter(pk=contact.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["closed_case_attachments", "staff_exports"])
def test_a_cleared_file_leaves_the_uploads_folder_too(key, django_capture_on_commit_callbacks):
    row = ROWS[key].make(_start(key, inside=False))
    stored = row.file.name  # type: ignore[attr-defined]
    assert default_storage.exists(stored)
    with freeze_time(NOW), django_capture_on_commit_callbacks(execute=True):
        assert clear_kind(key).count == 1
    assert not default_storage.exists(stored)


@pytest.mark.django_db
def test_an_unsubscribed_address_is_kept_only_as_a_hash_and_may_subscribe_again():
    from forum.models import Subscriber, SubscriberStatus
    from forum.services.subscriptions import subscribe
    from tests.retention.rows import unsubscribed

    gone = unsubscribed(_start("unsubscribed_forum_addresses", inside=False))
    with freeze_time(NOW):
        assert clear_kind("unsubscribed_forum_addresses").count == 1
    assert not Subscriber.objects.filter(email__icontains="anna").exists()
    assert not Subscriber.objects.filter(name__icontains="Anna").exists()
    with freeze_time(NOW):
        again = subscribe(
            gone.series, name="Anna Andersson", email="Anna@Foretag.se", company_name="", language="sv"
        )
    assert again.pk != gone.pk and again.status == SubscriberStatus.PENDING
    assert list(
        Subscriber.objects.filter(series=gone.series).values_list("email", flat=True).order_by("pk")
    ) == [
        Subscriber.objects.get(pk=gone.pk).email,
        "anna@foretag.se",
    ]
