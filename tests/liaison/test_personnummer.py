"""A sole trader's personnummer: masked on the case page, in the new-case e-mail, the admin's
list and the logs; shown in full only on a liaison officer's deliberate request, each recorded."""

import logging

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.views.debug import SafeExceptionReporterFilter

from companies.orgnr import mask_personnummer_in
from karlshamn_portal.outbox.models import OutboxMessage
from liaison.models import PersonalDataSeen, Referral
from liaison.views.public import case_new
from tests.liaison.factories import make_case, make_company

PERSONNUMMER = "811218-9876"
MASKED = "811218-****"


@pytest.fixture
def sole_trader_case(db, liaison):  # the liaison officer gets the new-case notice
    return make_case(make_company("Karins Hårsalong", PERSONNUMMER), contact_name="Karin Frisör")


def _page(client, case) -> str:
    return client.get(reverse("case-detail", args=[case.reference])).content.decode()


def _reveal(client, case):
    return client.post(reverse("case-reveal-number", args=[case.reference]))


def test_the_liaison_officer_sees_the_number_masked_until_asking(client, liaison, sole_trader_case):
    client.force_login(liaison)
    page = _page(client, sole_trader_case)
    assert MASKED in page
    assert PERSONNUMMER not in page
    assert reverse("case-reveal-number", args=[sole_trader_case.reference]) in page


def test_asking_shows_the_full_number_once_and_records_who_when_and_which_case(
    client, liaison, sole_trader_case
):
    client.force_login(liaison)
    response = _reveal(client, sole_trader_case)
    assert response.status_code == 302
    (reveal,) = PersonalDataSeen.objects.all()
    assert (reveal.case, reveal.user, reveal.user_name) == (
        sole_trader_case,
        liaison,
        liaison.get_full_name(),
    )
    assert reveal.seen_at is not None

    assert PERSONNUMMER in _page(client, sole_trader_case)
    # The next view of the page is masked again: each showing is asked for and recorded.
    assert PERSONNUMMER not in _page(client, sole_trader_case)
    _reveal(client, sole_trader_case)
    assert PersonalDataSeen.objects.count() == 2


def test_the_session_keeps_no_copy_of_the_number(client, liaison, sole_trader_case):
    client.force_login(liaison)
    _reveal(client, sole_trader_case)
    assert PERSONNUMMER not in str(dict(client.session.items()))


def test_an_official_cannot_ask_for_the_number(client, building_official, sole_trader_case):
    Referral.objects.create(
        case=sole_trader_case,
        department=building_official.departments.get(),
        due_date=sole_trader_case.first_response_due,
    )
    client.force_login(building_official)
    page = _page(client, sole_trader_case)
    assert reverse("case-reveal-number", args=[sole_trader_case.reference]) not in page
    assert _reveal(client, sole_trader_case).status_code == 403
    assert not PersonalDataSeen.objects.exists()


def test_a_limited_companys_number_needs_no_asking(client, liaison):
    case = make_case(make_company("Hamnbageriet AB", "556036-0793"))
    client.force_login(liaison)
    page = _page(client, case)
    assert "556036-0793" in page
    assert reverse("case-reveal-number", args=[case.reference]) not in page


def test_the_new_case_email_to_liaison_officers_masks_the_number(sole_trader_case, liaison):
    notice = OutboxMessage.objects.get(template_name="new_case_notice", recipient=liaison.email)
    for text in (notice.subject, notice.body_text, notice.body_html):
        assert PERSONNUMMER not in text
    assert MASKED in notice.body_text and MASKED in notice.body_html


def test_the_administrator_reads_the_reveal_log_and_cannot_change_it(client, liaison, sole_trader_case):
    from tests.factories import make_user, sign_in_past_second_factor

    client.force_login(liaison)
    _reveal(client, sole_trader_case)
    sign_in_past_second_factor(client, make_user("ada", is_staff=True, is_superuser=True))
    listing = client.get(reverse("admin:liaison_personaldataseen_changelist")).content.decode()
    assert liaison.get_full_name() in listing
    assert sole_trader_case.reference in listing
    assert client.get(reverse("admin:liaison_personaldataseen_add")).status_code == 403
    companies = client.get(reverse("admin:companies_company_changelist")).content.decode()
    assert MASKED in companies and PERSONNUMMER not in companies
    found = client.get(reverse("admin:companies_company_changelist"), {"q": PERSONNUMMER}).content.decode()
    assert "Karins Hårsalong" in found


def test_searching_the_dashboard_by_the_full_number_finds_the_case(client, liaison, sole_trader_case):
    other = make_case(make_company("Hamnbageriet AB", "556036-0793"))
    client.force_login(liaison)
    page = client.get(reverse("dashboard"), {"q": PERSONNUMMER, "status": "all"}).content.decode()
    assert sole_trader_case.reference in page
    assert other.reference not in page


def _written(logger_name: str, message: str, *args: object) -> str:
    """The line the console handler LOGGING configures writes for this record."""
    logger = logging.getLogger(logger_name)
    handlers = logger.handlers if not logger.propagate else logging.getLogger().handlers
    (handler,) = [h for h in handlers if type(h) is logging.StreamHandler]
    record = logger.makeRecord(logger_name, logging.INFO, __file__, 0, message, args, None)
    assert handler.filter(record)
    return handler.format(record)


def test_log_lines_carry_the_number_masked():
    # What runserver writes for that dashboard search, and any other logger's line.
    request_line = _written("django.server", '"GET /dashboard/?q=%s HTTP/1.1" 200 5120', "19811218-9876")
    assert request_line == '"GET /dashboard/?q=19811218-**** HTTP/1.1" 200 5120'
    other = _written("liaison", "Lookup of %s and 556036-0793 failed", PERSONNUMMER)
    # A limited company's number is no personal data and stays readable.
    assert other == f"Lookup of {MASKED} and 556036-0793 failed"


def test_mistyped_and_coordination_numbers_are_masked_in_text_too():
    assert mask_personnummer_in("811218-9875 och 811278-1234") == "811218-**** och 811278-****"
    assert mask_personnummer_in("order 12345678901234") == "order 12345678901234"


def test_an_error_report_for_the_request_form_hides_the_number(db):
    request = RequestFactory().post(
        reverse("case-new"), {"organisation_number": PERSONNUMMER, "company_name": "Karins"}
    )
    case_new(request)
    shown = SafeExceptionReporterFilter().get_post_parameters(request)
    assert shown["organisation_number"] != PERSONNUMMER
    assert shown["company_name"] == "Karins"
