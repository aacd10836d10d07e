import html
import re
import threading
from datetime import UTC, datetime
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

from companies.models import Company
from companies.orgnr import parse_organisation_number
from karlshamn_portal.outbox.models import OutboxMessage, OutboxStatus
from karlshamn_portal.outbox.tasks import requeue_stalled
from liaison.models import Case, CaseEvent, EventKind, ReferenceCounter
from liaison.services.intake import Submission, submit_case
from liaison.services.tracking import case_for_track_token
from tests.factories import make_liaison
from tests.liaison.factories import make_case, make_company, make_topic
from tests.statements import statements_sent

TRACK_LINK = re.compile(r"http://[^/\s]+/track/([^/\s]+)/")


def form_data(chosen_topic, **overrides):
    data = {
        "company_name": "Hamnbageriet AB",
        "organisation_number": "556036-0793",
        "contact_name": "Karin Bagare",
        "contact_email": "karin@hamnbageriet.example.se",
        "contact_phone": "0454-12 34 56",
        "topic": str(chosen_topic.pk),
        "subject": "Kafé vid Stortorget",
        "description": "Vi vill öppna ett kafé med uteservering till sommaren.",
        "accept_privacy": "on",
        "website": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def topic(db):
    return make_topic()


def submission(**overrides) -> Submission:
    fields = {
        "company_name": "Hamnbageriet AB",
        "organisation_number": parse_organisation_number("556036-0793"),
        "contact_name": "Karin Bagare",
        "contact_email": "karin@example.se",
        "subject": "Kafé",
        "description": "Uteservering",
    }
    fields.update(overrides)
    return Submission(**fields)


def test_start_page_links_to_the_request_form(client):
    response = client.get(reverse("home"))
    assert f'href="{reverse("case-new")}"' in response.content.decode()


def test_contact_submits_and_sees_the_reference(client, topic):
    response = client.post(reverse("case-new"), form_data(topic), follow=True)
    case = Case.objects.get()
    assert case.reference == f"NL-{datetime.now(UTC).year}-0001"
    assert response.redirect_chain[-1][0] == reverse("case-sent")
    assert case.reference in response.content.decode()
    assert case.company.name == "Hamnbageriet AB"
    assert case.company.organisation_number == "556036-0793"
    assert (case.contact_phone, case.topic, case.language) == ("0454-12 34 56", topic, "sv")


def test_case_and_its_first_public_event_are_stored(client, topic):
    client.post(reverse("case-new"), form_data(topic))
    event = CaseEvent.objects.get()
    assert event.case == Case.objects.get()
    assert event.kind == EventKind.SUBMITTED
    assert event.is_public
    assert event.actor_name == "Karin Bagare"


def test_confirmation_page_without_a_submission_goes_back_to_the_form(client, db):
    response = client.get(reverse("case-sent"))
    assert response.url == reverse("case-new")


def test_known_organisation_number_links_the_case_to_the_existing_company(client, topic):
    company = make_company("Hamnbageriet i Karlshamn AB", "556036-0793", industry="Bageri")
    client.post(
        reverse("case-new"), form_data(topic, organisation_number="5560360793", company_name="Hamnbageriet")
    )
    case = Case.objects.get()
    assert case.company == company
    assert Company.objects.count() == 1


def test_sole_trader_is_stored_as_such_and_shown_masked(client, topic):
    client.post(reverse("case-new"), form_data(topic, organisation_number="19811228-9874"))
    company = Company.objects.get()
    assert company.is_sole_trader
    assert company.masked_organisation_number == "811228-****"


def test_references_count_up_per_year_and_are_never_reused(db):
    first = submit_case(submission(), now=datetime(2026, 12, 31, 12, tzinfo=UTC))
    second = submit_case(submission(), now=datetime(2026, 12, 31, 13, tzinfo=UTC))
    second.events.all().delete()
    second.delete()
    third = submit_case(submission(), now=datetime(2026, 12, 31, 14, tzinfo=UTC))
    # Midnight in Stockholm is 23:00 UTC: this one belongs to the new year.
    new_year = submit_case(submission(), now=datetime(2026, 12, 31, 23, 30, tzinfo=UTC))
    assert [first.reference, third.reference, new_year.reference] == [
        "NL-2026-0001",
        "NL-2026-0003",
        "NL-2027-0001",
    ]


def test_first_response_is_due_two_working_days_after_receipt(db):
    # Received on Thursday 23 December 2026: Friday 24 (julafton) and 25, 26 are not working days.
    case = submit_case(submission(), now=datetime(2026, 12, 23, 9, tzinfo=UTC))
    assert case.first_response_due.isoformat() == "2026-12-29"


def test_contact_gets_an_email_with_the_reference_and_a_working_private_link(client, topic):
    client.post(reverse("case-new"), form_data(topic))
    case = Case.objects.get()
    message = OutboxMessage.objects.get(recipient="karin@hamnbageriet.example.se")
    assert message.template_name == "case_received"
    assert case.reference in message.subject
    assert case.reference in message.body_text
    token = TRACK_LINK.search(message.body_text).group(1)
    assert f"/track/{token}/" in html.unescape(message.body_html)
    assert case_for_track_token(token) == case
    assert client.get(reverse("track", args=[token])).status_code == 200


def test_liaison_officers_get_a_notice_of_the_new_case(client, topic):
    make_liaison("lina")
    make_liaison("lars")
    client.post(reverse("case-new"), form_data(topic))
    notices = OutboxMessage.objects.filter(template_name="new_case_notice")
    assert sorted(notices.values_list("recipient", flat=True)) == ["lars@example.se", "lina@example.se"]
    assert Case.objects.get().reference in notices[0].subject


def test_emails_to_the_company_are_in_the_language_it_used(client, topic):
    client.post("/i18n/setlang/", {"language": "en"})
    client.post(reverse("case-new"), form_data(topic))
    case = Case.objects.get()
    assert case.language == "en"
    message = OutboxMessage.objects.get(template_name="case_received")
    assert message.language == "en"
    assert message.subject == f"We have received your request {case.reference}"


def test_emails_are_delivered_after_commit(client, topic, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("case-new"), form_data(topic))
    assert [m.to for m in mailoutbox] == [["karin@hamnbageriet.example.se"]]
    assert OutboxMessage.objects.get().status == OutboxStatus.SENT


def test_submission_succeeds_when_the_broker_is_down(
    client, topic, django_capture_on_commit_callbacks, mailoutbox
):
    make_liaison("lina")
    down = ConnectionError("broker down")
    broken = mock.patch("karlshamn_portal.outbox.tasks.deliver_message.apply_async", side_effect=down)
    # Several e-mails from one submission are handed over as one batch.
    broken_batch = mock.patch("karlshamn_portal.outbox.tasks.deliver_batch.apply_async", side_effect=down)
    with broken, broken_batch, django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("case-new"), form_data(topic), follow=True)
    assert Case.objects.get().reference in response.content.decode()
    # Nothing went out, but both e-mails wait in the outbox for the sweep.
    assert mailoutbox == []
    assert OutboxMessage.objects.filter(status=OutboxStatus.QUEUED).count() == 2
    # Once the broker is back, the periodic sweep delivers them.
    assert requeue_stalled() == 2
    assert sorted(m.to[0] for m in mailoutbox) == ["karin@hamnbageriet.example.se", "lina@example.se"]


def test_privacy_text_must_be_accepted(client, topic):
    response = client.post(reverse("case-new"), form_data(topic, accept_privacy=None))
    assert (
        "Bekräfta att du har läst" in response.content.decode()
        or "Please confirm" in response.content.decode()
    )
    assert not Case.objects.exists()


BAD_VALUES = {
    "company_name": "",
    "organisation_number": "556036-0794",
    "contact_name": "",
    "contact_email": "karin-at-example",
    "contact_phone": "ring mig",
    "topic": "999999",
    "subject": "",
    "description": "",
    "accept_privacy": None,
}


@pytest.mark.parametrize("field", BAD_VALUES)
def test_every_form_error_keeps_what_was_typed(client, topic, field):
    data = form_data(topic, **{field: BAD_VALUES[field]})
    response = client.post(reverse("case-new"), data, HTTP_ACCEPT_LANGUAGE="en")
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert not Case.objects.exists()
    assert 'class="invalid-feedback' in page  # the message sits at the field
    assert f'href="#id_{field}"' in page  # and the summary links to it
    for name, value in data.items():
        if name in ("accept_privacy", "website"):
            continue
        if name == "topic":
            if value == str(topic.pk):
                assert f'value="{value}" selected' in page
            continue
        if name == "description":
            assert f"{value}</textarea>" in page
        else:
            assert f'value="{value}"' in page, f"{name} lost after an error in {field}"
    if field != "accept_privacy":
        assert re.search(r'name="accept_privacy"[^>]*checked', page)


def test_honeypot_submission_is_refused_politely_and_nothing_is_stored(client, topic):
    response = client.post(reverse("case-new"), form_data(topic, website="https://spam.example"))
    assert response.status_code == 400
    assert (
        "kunde inte skickas" in response.content.decode() or "could not be sent" in response.content.decode()
    )
    assert not Case.objects.exists() and not Company.objects.exists() and not OutboxMessage.objects.exists()


@freeze_time("2026-12-01 10:20:00")  # 11:20 in Stockholm; the hour's allowance is back at 12:00
def test_rate_limit_refuses_politely_says_when_to_try_again_keeps_the_text_and_stores_nothing(
    client, topic, settings
):
    settings.SUBMISSIONS_PER_HOUR = 2
    for _ in range(2):
        assert client.post(reverse("case-new"), form_data(topic)).status_code == 302
    response = client.post(
        reverse("case-new"), form_data(topic, subject="Tredje försöket"), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 429
    assert response["Retry-After"] == str(40 * 60 + 1)
    page = html.unescape(response.content.decode())
    assert "Please try again after 12:00." in page
    # Refused before its body was read: the page says how to get back to what was typed.
    assert "back button" in page
    swedish = client.post(reverse("case-new"), form_data(topic), HTTP_ACCEPT_LANGUAGE="sv")
    assert "Försök igen efter kl. 12:00." in html.unescape(swedish.content.decode())
    assert Case.objects.count() == 2
    assert OutboxMessage.objects.filter(template_name="case_received").count() == 2


def test_a_rate_limited_client_is_refused_before_its_body_is_read(client, topic, settings):
    settings.SUBMISSIONS_PER_HOUR = 1
    assert client.post(reverse("case-new"), form_data(topic)).status_code == 302
    # Reading this body would end in Django's 400 (more form data than DATA_UPLOAD_MAX_MEMORY_SIZE);
    # the refusal comes first.
    oversized = {**form_data(topic), "description": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)}
    assert client.post(reverse("case-new"), oversized).status_code == 429


def test_rate_limit_is_per_client_address(client, topic, settings):
    settings.SUBMISSIONS_PER_HOUR = 1
    assert client.post(reverse("case-new"), form_data(topic), REMOTE_ADDR="10.0.0.1").status_code == 302
    assert client.post(reverse("case-new"), form_data(topic), REMOTE_ADDR="10.0.0.1").status_code == 429
    assert client.post(reverse("case-new"), form_data(topic), REMOTE_ADDR="10.0.0.2").status_code == 302


def test_form_errors_do_not_count_against_the_rate_limit(client, topic, settings):
    settings.SUBMISSIONS_PER_HOUR = 1
    for _ in range(3):
        client.post(reverse("case-new"), form_data(topic, subject=""))
    assert client.post(reverse("case-new"), form_data(topic)).status_code == 302


def test_make_case_factory_gives_a_submitted_case(db):
    case = make_case(status="waiting")
    assert case.reference.startswith("NL-")
    assert case.status == "waiting"
    assert case.events.get().kind == EventKind.SUBMITTED


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_get_distinct_consecutive_references():
    from django.db import connections

    workers = 12
    barrier = threading.Barrier(workers)
    references: list[str] = []
    errors: list[BaseException] = []

    def submit() -> None:
        try:
            barrier.wait()
            references.append(submit_case(submission()).reference)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert connection.vendor == "postgresql"
    assert errors == []
    year = datetime.now(UTC).year
    assert sorted(references) == [f"NL-{year}-{n:04d}" for n in range(1, workers + 1)]
    assert ReferenceCounter.objects.get(year=year).last_number == workers
    assert Company.objects.count() == 1


def test_request_is_taken_even_before_any_topic_exists(client, db):
    data = form_data(make_topic(is_active=False), topic="")
    assert client.post(reverse("case-new"), data).status_code == 302
    assert Case.objects.get().topic is None


# The rate limit's look before the body is read, and its count; the chosen topic; the company looked up, inserted and read back; the
# year's reference; the case; its first event; the webhook endpoints that want new cases; the
# liaison officers' addresses; and one insert for every e-mail. The pages' budget is 12.
SUBMISSION_QUERIES = 12


@pytest.mark.parametrize("liaison_officers", [1, 3])
def test_submission_query_count_does_not_grow_with_the_liaison_officers(client, topic, liaison_officers):
    for n in range(liaison_officers):
        make_liaison(f"liaison{n}")
    with CaptureQueriesContext(connection) as queries:
        response = client.post(reverse("case-new"), form_data(topic))
    assert len(statements_sent(queries)) == SUBMISSION_QUERIES, statements_sent(queries)
    assert response.status_code == 302
    notices = OutboxMessage.objects.filter(template_name="new_case_notice")
    assert sorted(notices.values_list("recipient", flat=True)) == [
        f"liaison{n}@example.se" for n in range(liaison_officers)
    ]
    assert OutboxMessage.objects.filter(template_name="case_received").count() == 1


def test_confirmation_page_ignores_a_forged_reference(client, topic):
    client.post(reverse("case-new"), form_data(topic))
    client.cookies["submitted_case"] = Case.objects.get().reference  # unsigned
    assert client.get(reverse("case-sent")).url == reverse("case-new")
