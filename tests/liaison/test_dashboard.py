"""The liaison officer's dashboard: counts, filters, search, keyset pages, bulk actions, htmx."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from companies.models import Company
from karlshamn_portal.outbox.models import OutboxMessage, OutboxStatus
from liaison.models import OPEN_STATUSES, Case, CaseStatus, Referral
from liaison.working_days import local_today
from tests.factories import make_department, make_liaison, make_official
from tests.liaison.triage_factories import make_case, make_company, make_many_cases, make_referral, make_topic

DASHBOARD = "/dashboard/"


def recipients(template: str) -> list[str]:
    return sorted(OutboxMessage.objects.filter(template_name=template).values_list("recipient", flat=True))


def references(response) -> list[str]:
    return references_of(response.content.decode())


def references_of(page: str) -> list[str]:
    return re.findall(r'href="/cases/(NL-\d{4}-\d{4,})/"', page)


@pytest.fixture
def signed_in(client, liaison):
    client.force_login(liaison)
    return client


def test_counts_show_new_unassigned_overdue_and_waiting(signed_in, liaison):
    long_ago = timezone.now() - timedelta(days=20)
    make_case(created_at=long_ago)  # new, unassigned, overdue
    make_case()  # new, unassigned
    make_case(status=CaseStatus.WAITING, owner=liaison)
    make_case(status=CaseStatus.CLOSED, created_at=long_ago)  # closed cases never count
    answered = make_case(created_at=long_ago, status=CaseStatus.OPEN, owner=liaison)
    answered.first_responded_at = timezone.now()
    answered.save()

    response = signed_in.get(DASHBOARD)

    counts = dict(re.findall(r'data-count="(\w+)">(\d+)<', response.content.decode()))
    assert counts == {"new": "2", "unassigned": "2", "overdue": "1", "waiting": "1"}


def _fill(count, department, official):
    cases = make_many_cases(count)
    today = local_today(timezone.now())
    Referral.objects.bulk_create(
        Referral(case=case, department=department, official=official, due_date=today) for case in cases
    )


def test_query_count_is_the_same_for_10_and_500_cases(
    signed_in, building_department, building_official, django_assert_num_queries
):
    _fill(10, building_department, building_official)
    signed_in.get(DASHBOARD)  # warm the session
    # The counts are cached briefly; start each measured request without them so their
    # aggregate query is part of what is pinned.
    cache.clear()
    with CaptureQueriesContext(connection) as small:
        assert len(references(signed_in.get(DASHBOARD))) == 10
    _fill(490, building_department, building_official)
    # On PostgreSQL a search costs one query of its own (the page's ids: the matching companies
    # are listed, and the 500 matches gathered and sorted, inside it), whatever the matches.
    searched = 1 if settings.USES_POSTGRESQL else 0
    for params, extra in [
        ({}, 0),
        ({"last": "1"}, 0),
        ({"status": "all", "sort": "due"}, 0),
        ({"q": "nummer"}, searched),
    ]:
        cache.clear()
        with django_assert_num_queries(len(small.captured_queries) + extra):
            assert len(references(signed_in.get(DASHBOARD, params))) == 50


def test_counts_follow_changes_made_through_the_services(signed_in, liaison):
    case = make_case()
    assert 'data-count="unassigned">1<' in signed_in.get(DASHBOARD).content.decode()
    signed_in.post(reverse("case-assign", args=[case.reference]), {"assign-owner": liaison.pk})
    assert 'data-count="unassigned">0<' in signed_in.get(DASHBOARD).content.decode()


def test_pages_walk_every_case_once_forwards_and_backwards(signed_in):
    cases = make_many_cases(120)
    newest_first = [case.reference for case in reversed(cases)]

    first = signed_in.get(DASHBOARD)
    seen = references(first)
    assert seen == newest_first[:50]
    following = re.search(r'href="\?(after=[^"]+)"', first.content.decode()).group(1).replace("&amp;", "&")
    second = signed_in.get(f"{DASHBOARD}?{following}")
    assert references(second) == newest_first[50:100]
    # The last page is the oldest 50, and "previous" from there the 50 before them.
    last = signed_in.get(DASHBOARD, {"last": "1"})
    assert references(last) == newest_first[-50:]
    previous = re.search(r'href="\?(before=[^"]+)"', last.content.decode()).group(1).replace("&amp;", "&")
    assert references(signed_in.get(f"{DASHBOARD}?{previous}")) == newest_first[-100:-50]


@pytest.mark.parametrize("gathered", [2000, 1], ids=["matches-gathered", "too-many-to-gather"])
def test_a_search_pages_through_its_matches_forwards_and_backwards(signed_in, monkeypatch, gathered):
    # On PostgreSQL both ways of finding the page: gathering the matches and sorting them, and
    # (for a word too common to gather) walking the cases in date order.
    monkeypatch.setattr("liaison.queries.MAX_GATHERED", gathered)
    earlier = timezone.now() - timedelta(days=90)
    matching = make_many_cases(120, start=earlier)
    Case.objects.filter(pk__in=[case.pk for case in matching]).update(description="Uteservering vid torget.")
    make_many_cases(30)  # newer, not matching
    newest_first = [case.reference for case in reversed(matching)]

    first = signed_in.get(DASHBOARD, {"q": "uteservering"})
    assert references(first) == newest_first[:50]
    following = (
        re.search(r'href="\?([^"]*after=[^"]+)"', first.content.decode()).group(1).replace("&amp;", "&")
    )
    assert references(signed_in.get(f"{DASHBOARD}?{following}")) == newest_first[50:100]
    last = signed_in.get(DASHBOARD, {"q": "uteservering", "last": "1"})
    assert references(last) == newest_first[-50:]
    previous = (
        re.search(r'href="\?([^"]*before=[^"]+)"', last.content.decode()).group(1).replace("&amp;", "&")
    )
    assert references(signed_in.get(f"{DASHBOARD}?{previous}")) == newest_first[-100:-50]


def test_a_page_can_be_taken_of_any_case_queryset(db):
    # The page is the ORM's: a filter joining another table needs nothing special.
    from liaison.queries import Scan, keyset_page

    wanted = make_case(subject="Den rätta")
    make_many_cases(5)
    page = keyset_page(Case.objects.filter(company__name=wanted.company.name), Scan.of("-received"))
    assert [case.reference for case in page.cases] == [wanted.reference]


def test_oldest_first_and_due_date_sorts(signed_in):
    cases = make_many_cases(60)
    assert references(signed_in.get(DASHBOARD, {"sort": "received"}))[:3] == [c.reference for c in cases[:3]]
    assert references(signed_in.get(DASHBOARD, {"sort": "received", "last": "1"}))[-1] == cases[-1].reference
    by_due = references(signed_in.get(DASHBOARD, {"sort": "due"}))
    assert by_due[0] == cases[0].reference


def test_filters_by_status_topic_department_official_owner_and_overdue(
    signed_in, liaison, building_department, building_official
):
    topic = make_topic("bygglov", "Bygglov", "Building permit", building_department)
    waiting = make_case(status=CaseStatus.WAITING)
    with_topic = make_case(topic=topic)
    referred = make_case()
    make_referral(referred, building_department, official=building_official)
    mine = make_case(owner=liaison)
    overdue = make_case(created_at=timezone.now() - timedelta(days=20))
    closed = make_case(status=CaseStatus.CLOSED)

    assert references(signed_in.get(DASHBOARD, {"status": "waiting"})) == [waiting.reference]
    assert references(signed_in.get(DASHBOARD, {"topic": topic.pk})) == [with_topic.reference]
    assert references(signed_in.get(DASHBOARD, {"department": building_department.pk})) == [
        referred.reference
    ]
    assert references(signed_in.get(DASHBOARD, {"official": building_official.pk})) == [referred.reference]
    assert references(signed_in.get(DASHBOARD, {"owner": "me"})) == [mine.reference]
    assert references(signed_in.get(DASHBOARD, {"overdue": "on"})) == [overdue.reference]
    assert closed.reference not in references(signed_in.get(DASHBOARD))
    assert closed.reference in references(signed_in.get(DASHBOARD, {"status": "all"}))


def test_search_finds_reference_company_number_subject_and_description(signed_in):
    bakery = make_case(
        make_company("Hamnens Bageri AB", "556677-8899"),
        subject="Uteservering vid torget",
        description="Vi vill ställa ut bord på trottoaren.",
    )
    other = make_case(
        make_company("Verkstaden i Mörrum AB"), subject="Ny lackeringshall", description="Miljötillstånd."
    )

    for text in [
        bakery.reference,
        bakery.reference.lower(),
        "hamnens",
        "5566778899",
        "556677-8899",
        "uteservering",
        "trottoaren",
    ]:
        assert references(signed_in.get(DASHBOARD, {"q": text})) == [bakery.reference], text
    assert references(signed_in.get(DASHBOARD, {"q": "lackeringshall"})) == [other.reference]
    assert references(signed_in.get(DASHBOARD, {"q": "finns inte"})) == []


def test_the_name_the_submitter_typed_is_shown_and_found_beside_the_registered_one(signed_in):
    # The e-mail to the liaison officer names the case by the typed name: the dashboard must too.
    case = make_case(make_company("Mörrums Lackering AB"), submitted_company_name="Testföretag AB")
    same = make_case(make_company("Hamnens Bageri AB"), submitted_company_name="Hamnens Bageri AB")

    row = _row_of(signed_in.get(DASHBOARD), case)
    assert "Testföretag AB" in row and "(registrerat som Mörrums Lackering AB)" in row
    for text in ("Testföretag", "testföretag ab", "Mörrums"):
        assert references(signed_in.get(DASHBOARD, {"q": text})) == [case.reference], text
    assert list(Case.objects.search("Testföretag")) == [case]  # the portable search as well
    assert "registrerat som" not in _row_of(signed_in.get(DASHBOARD), same)


@pytest.mark.postgresql
def test_search_uses_swedish_word_forms_on_postgresql(signed_in):
    case = make_case(description="Vi behöver tillstånd för lokalerna.")
    assert references(signed_in.get(DASHBOARD, {"q": "lokal"})) == [case.reference]


def test_overdue_cases_and_referrals_are_marked(signed_in, building_department):
    case = make_case(created_at=timezone.now() - timedelta(days=20))
    make_referral(case, building_department, due=local_today(timezone.now()) - timedelta(days=1))
    page = signed_in.get(DASHBOARD).content.decode()
    assert page.count('class="badge badge-overdue"') == 2


def test_htmx_filter_returns_only_the_results(signed_in):
    case = make_case()
    response = signed_in.get(DASHBOARD, {"status": "new"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "<html" not in body
    assert case.reference in body


def _failed_message() -> OutboxMessage:
    return OutboxMessage.objects.create(
        template_name="case_reply",
        recipient="a@example.se",
        subject="x",
        body_text="x",
        status=OutboxStatus.FAILED,
    )


def test_failed_outbox_messages_warn_the_liaison_officer(signed_in):
    assert "could not be delivered" not in signed_in.get(DASHBOARD).content.decode()
    _failed_message()
    assert "kunde inte levereras" in signed_in.get(DASHBOARD).content.decode()


def test_the_warning_ends_when_the_failed_messages_are_deleted(signed_in):
    failed = OutboxMessage.objects.create(
        template_name="case_reply",
        recipient="a@example.se",
        subject="x",
        body_text="x",
        status=OutboxStatus.FAILED,
    )
    assert "kunde inte levereras" in signed_in.get(DASHBOARD).content.decode()
    OutboxMessage.objects.filter(pk=failed.pk).delete()
    assert "kunde inte levereras" not in signed_in.get(DASHBOARD).content.decode()


def test_other_liaison_officers_cases_stay_theirs_until_taken(signed_in):
    colleague = make_liaison("karl")
    case = make_case(owner=colleague)
    assert case.reference not in references(signed_in.get(DASHBOARD, {"owner": "me"}))


def test_a_broken_page_key_shows_the_first_page(signed_in):
    cases = make_many_cases(3)
    for key in ["nonsense", "2026-01-01T10:00:00_1", "2026-13-01T10:00:00+00:00_x"]:
        response = signed_in.get(DASHBOARD, {"after": key})
        assert response.status_code == 200
        assert references(response) == [case.reference for case in reversed(cases)]


def test_the_filter_and_bulk_selects_follow_new_renamed_and_closed_departments_and_officials(signed_in):
    # The options are cached between requests; every change made through Django must show at once.
    make_case()  # the bulk actions are offered only with cases in the list
    signed_in.get(DASHBOARD)
    harbour = make_department("hamnen", name_sv="Hamnförvaltningen")
    make_official("hanna")
    page = signed_in.get(DASHBOARD).content.decode()
    assert (
        page.count(f'<option value="{harbour.pk}">Hamnförvaltningen</option>') == 2
    )  # filter and bulk action
    assert ">Hanna</option>" in page
    harbour.name_sv = "Hamnen"
    harbour.save()
    get_user_model().objects.filter(username="hanna").get().groups.clear()
    page = signed_in.get(DASHBOARD).content.decode()
    assert "Hamnförvaltningen" not in page and page.count(">Hamnen</option>") == 2
    assert ">Hanna</option>" not in page
    harbour.is_active = False
    harbour.save()
    assert ">Hamnen</option>" not in signed_in.get(DASHBOARD).content.decode()


def test_a_row_shows_company_topic_officer_and_referrals_in_the_page_language(
    signed_in, liaison, building_department
):
    topic = make_topic("lokal", "Lokaler", "Premises")
    case = make_case(topic=topic, owner=liaison)
    make_referral(case, building_department)
    row = _row_of(signed_in.get(DASHBOARD), case)
    assert (
        "Lokaler" in row
        and "Lina" in row
        and "Bygglov: Väntar på verksamheten" in row
        and case.company.name in row
    )
    signed_in.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    row = _row_of(signed_in.get(DASHBOARD), case)
    assert "Premises" in row and "Building permits: Waiting for the department" in row


def test_a_row_shows_when_the_case_came_in_and_its_answer_is_due_in_stockholm_time(signed_in):
    # Half past ten in the evening UTC is half past midnight in a Karlshamn summer, half past
    # eleven in its winter.
    summer = make_case(created_at=datetime(2026, 6, 30, 22, 30, tzinfo=UTC), status=CaseStatus.OPEN)
    winter = make_case(created_at=datetime(2026, 1, 15, 22, 30, tzinfo=UTC), status=CaseStatus.OPEN)
    response = signed_in.get(DASHBOARD)
    assert "2026-07-01 00:30" in _row_of(response, summer)
    assert "2026-01-15 23:30" in _row_of(response, winter)
    assert f"<td>{summer.first_response_due.isoformat()}" in _row_of(response, summer)


def _row_of(response, case) -> str:
    page = response.content.decode()
    start = page.index(f'id="choose-{case.pk}"')
    return page[start : page.index("</tr>", start)]


def test_a_search_matching_more_cases_than_are_listed_up_front_still_shows_only_matches(
    signed_in, monkeypatch
):
    # On PostgreSQL a word this common is found by walking the cases in date order instead of
    # gathering and sorting its matches; the answer must be the same.
    monkeypatch.setattr("liaison.queries.MAX_GATHERED", 1)
    earlier = timezone.now() - timedelta(days=60)
    matching = [make_case(subject=f"Uteservering vid torget {n}", created_at=earlier) for n in range(3)]
    make_many_cases(60)  # newer than the matches, so the matches are not among the first rows
    shown = references(signed_in.get(DASHBOARD, {"q": "uteservering"}))
    assert sorted(shown) == sorted(case.reference for case in matching)


def test_each_status_option_lists_only_its_cases(signed_in):
    by_status = {status: make_case(status=status).reference for status in CaseStatus.values}
    open_ones = {by_status[status] for status in OPEN_STATUSES}

    for status, reference in by_status.items():
        assert references(signed_in.get(DASHBOARD, {"status": status})) == [reference], status
    # "All open" has a value of its own, apart from "Open" (which is one status among them).
    assert set(references(signed_in.get(DASHBOARD, {"status": "all_open"}))) == open_ones
    assert set(references(signed_in.get(DASHBOARD))) == open_ones
    assert set(references(signed_in.get(DASHBOARD, {"status": "all"}))) == set(by_status.values())
    page = signed_in.get(DASHBOARD).content.decode()
    assert page.count('<option value="open"') == 1


def test_a_partial_reference_finds_the_case(signed_in):
    def with_reference(reference: str) -> Case:
        case = make_case()
        Case.objects.filter(pk=case.pk).update(reference=reference)
        return case

    with_reference("NL-2026-0006")
    with_reference("NL-2025-0006")
    with_reference("NL-2026-0016")
    make_case()

    def found(text: str) -> set[str]:
        return set(references(signed_in.get(DASHBOARD, {"q": text, "status": "all"})))

    assert found("2026-0006") == {"NL-2026-0006"}
    assert found("20260006") == {"NL-2026-0006"}
    assert found("nl-2026-0006") == {"NL-2026-0006"}
    assert found("0006") == {"NL-2026-0006", "NL-2025-0006"}
    assert found("2026-001") == {"NL-2026-0016"}


def test_a_sole_traders_personnummer_is_masked_in_the_row_and_still_found(signed_in):
    sole_trader = make_company("Eriks Måleri", "811218-9876")
    Company.objects.filter(pk=sole_trader.pk).update(is_sole_trader=True)
    case = make_case(sole_trader)

    for params in [{}, {"q": "811218-9876"}, {"q": "198112189876"}]:
        page = signed_in.get(DASHBOARD, params).content.decode()
        rows = page[page.index("<tbody>") : page.index("</tbody>")]
        assert references_of(rows) == [case.reference], params
        assert "811218-****" in rows
        assert "9876" not in rows
