"""The public statistics on a small history made by hand, whose figures the test works out."""

import csv
import io
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from companies.last_met import refresh_last_met
from companies.models import Company, Visit, VisitStatus
from feedback.services.figures import (
    compute_month,
    compute_statistics,
    median_of,
    store_monthly_figures,
    working_days_between,
)
from liaison.models import Case, Referral
from meetings.models import Meeting
from meetings.services.invitations import invite
from tests.factories import make_department
from tests.feedback.factories import answered, surveyed_case
from tests.forum.factories import make_series
from tests.liaison.factories import make_case, make_company
from tests.meetings.factories import make_meeting

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = datetime(2026, 12, 2, 12, 0, tzinfo=STOCKHOLM)


def at(month: int, day: int, hour: int = 10) -> datetime:
    return datetime(2026, month, day, hour, 0, tzinfo=STOCKHOLM)


def test_working_days_and_the_median():
    assert working_days_between(date(2026, 10, 8), date(2026, 10, 13)) == 3  # Fri, Mon, Tue
    assert working_days_between(date(2026, 11, 2), date(2026, 11, 2)) == 0
    assert median_of({"1": 1, "3": 1}) == 2.0
    assert median_of({"0": 2, "5": 1}) == 0.0
    assert median_of({}) is None


def answered_case(received: datetime, responded: datetime | None) -> Case:
    case = make_case(created_at=received)
    if responded:
        Case.objects.filter(pk=case.pk).update(first_responded_at=responded)
    return case


@pytest.fixture
def history(db):
    """October: three cases (answered after 1 and 3 working days, promise 2; one unanswered),
    four referrals, nine surveys (seven complete answers, one skipped a question, one none), a
    forum meeting with two of three there. November: one case answered the same day, six
    complete answers. The surveyed cases came in in September."""
    answered_case(at(10, 5), at(10, 6))
    answered_case(at(10, 8), at(10, 13))
    case = answered_case(at(10, 20), None)
    answered_case(at(11, 2, 9), at(11, 2, 15))
    department = make_department("bygglov")
    for due, status, done in [
        (date(2026, 10, 15), "done", at(10, 14)),
        (date(2026, 10, 16), "done", at(10, 20)),
        (date(2026, 10, 20), "declined", None),
        (date(2026, 10, 22), "accepted", None),
    ]:
        Referral.objects.create(case=case, department=department, due_date=due, status=status, done_at=done)
    september = at(9, 1)
    for scores in [(10, 10, 10)] * 5 + [(8, 7, 9), (1, 1, 1), (9, None, 9)]:
        answered(surveyed_case(at=at(10, 10), received=september), *scores)
    surveyed_case(at=at(10, 10), received=september)
    for _number in range(6):
        answered(surveyed_case(at=at(11, 10), received=september), 10, 10, 10)
    series = make_series(None, officials=[])
    occurrence = series.occurrences.select_related("meeting").first()
    meeting = occurrence.meeting
    people = [invite(meeting, name=f"P{n}", email=f"p{n}@example.se") for n in range(3)]
    Meeting.objects.filter(pk=meeting.pk).update(start=at(10, 14, 7), end=at(10, 14, 9))
    occurrence.attended.set(people[:2])


def test_monthly_and_yearly_figures_are_what_the_history_says(history):
    store_monthly_figures(NOW)
    statistics = compute_statistics(NOW)
    by_month = {figures.start: figures for figures in statistics.months}
    september, october, november = (
        by_month[date(2026, 9, 1)],
        by_month[date(2026, 10, 1)],
        by_month[date(2026, 11, 1)],
    )

    assert september.cases_received == 15
    assert october.cases_received == 3
    assert (october.responded, october.responded_in_time, october.share_in_time) == (2, 1, 50)
    assert october.median_response_days == 2.0
    # Due in October: on time, late, (declined: not counted), still open past its date: 1 of 3.
    assert (october.referrals_due, october.referrals_on_time, october.share_referrals_on_time) == (3, 1, 33)
    # (5 × 100 + 77.78 + 0) / 7 = 82.54 -> 83, very high; 7 of 9 surveyed answered in full.
    assert october.nki.value == 83 and october.nki.band_label == "Mycket högt"
    assert (october.nki.respondents, october.nki.response_rate) == (7, 78)
    assert (october.forum_meetings, october.forum_attendance) == (1, 2)

    assert november.cases_received == 1 and november.median_response_days == 0.0
    assert november.nki.too_few and november.nki.respondents == 6

    (year,) = statistics.years
    assert year.cases_received == 19
    assert year.median_response_days == 1.0  # 0, 1, 3
    # The year's 13 answers would give 91, and 13 × 91 less October's 7 × 83 leaves November's
    # six: 100, every one of them 10, 10, 10. So the year shows no index either.
    assert year.nki.too_few and year.nki.respondents == 13


def test_a_year_shows_its_index_once_its_months_without_one_hold_seven_answers(history):
    answered(surveyed_case(at=at(11, 10), received=at(9, 1)), 10, 10, 10)
    store_monthly_figures(NOW)
    (year,) = compute_statistics(NOW).years
    # November now shows its own seven; (577.78 + 700) / 14 = 91.3 -> 91.
    assert year.nki.value == 91 and year.nki.respondents == 14


def test_stored_months_give_the_same_figures_as_the_live_ones(history):
    assert store_monthly_figures(NOW) == 3  # September, October, November
    stored = {figures.start: figures for figures in compute_statistics(NOW).months}
    assert set(stored) == {date(2026, 9, 1), date(2026, 10, 1), date(2026, 11, 1), date(2026, 12, 1)}
    for month, figures in stored.items():
        assert vars(figures) == vars(compute_month(month, NOW))


def test_the_last_month_is_worked_out_until_the_task_has_stored_it(history):
    months = [figures.start for figures in compute_statistics(NOW).months]
    assert months == [date(2026, 11, 1), date(2026, 12, 1)]


def test_the_page_makes_as_many_queries_with_a_long_history_as_with_a_short_one(history):
    store_monthly_figures(NOW)
    cache.clear()  # the register's coverage figures too: every figure worked out
    with CaptureQueriesContext(connection) as short:
        compute_statistics(NOW)
    for months_back in range(1, 30):
        make_case(created_at=at(9, 1) - timedelta(days=31 * months_back))
    store_monthly_figures(NOW)
    cache.clear()
    with CaptureQueriesContext(connection) as long:
        statistics = compute_statistics(NOW)
    assert [year.start.year for year in statistics.years] == [2024, 2025, 2026]
    assert len(long.captured_queries) == len(short.captured_queries) <= 16


def held_visit(company: Company, start: datetime) -> Visit:
    meeting = make_meeting(start=start, title=f"Besök hos {company.name}")
    return Visit.objects.create(
        company=company, meeting=meeting, purpose="Företagsbesök", status=VisitStatus.HELD
    )


@pytest.fixture
def register(db):
    """Size class 10–19 (goal: a visit every 24 months): visited in October, visited three years
    ago, never visited, and one visited in October that left the register. 500+ (every 12
    months): visited 13 months ago. Every other class: no companies."""
    mid = [make_company(f"Mellan {n} AB", size_class="10-19", in_latest_register=True) for n in range(3)]
    gone = make_company("Flyttat AB", size_class="10-19", in_latest_register=False)
    large = make_company("Stor AB", size_class="500+", in_latest_register=True)
    held_visit(mid[0], at(10, 7))
    held_visit(mid[1], at(10, 7) - timedelta(days=3 * 365))
    held_visit(gone, at(10, 8))
    held_visit(large, NOW - timedelta(days=13 * 31))
    planned = held_visit(mid[2], at(11, 3))
    Visit.objects.filter(pk=planned.pk).update(status=VisitStatus.PLANNED)
    # Updated around the receivers: the nightly pass puts the stored last visits right.
    refresh_last_met(now=NOW)


def test_visits_per_month_and_coverage_by_size_class(register):
    store_monthly_figures(NOW)
    statistics = compute_statistics(NOW)
    by_month = {figures.start: figures for figures in statistics.months}
    assert by_month[date(2026, 10, 1)].visits_held == 2  # a planned visit is no visit made
    assert by_month[date(2026, 11, 1)].visits_held == 0
    coverage = {row.size_class: row for row in statistics.coverage}
    assert (coverage["10-19"].companies, coverage["10-19"].visited, coverage["10-19"].share) == (3, 1, 33)
    assert (coverage["500+"].interval_months, coverage["500+"].visited, coverage["500+"].share) == (12, 0, 0)
    assert coverage["1-4"].companies == 0 and coverage["1-4"].share is None


def test_the_public_page_and_its_csv_show_the_figures(client, history, register):
    store_monthly_figures(NOW)
    page = client.get("/statistik/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Inkomna ärenden per månad" in body and "<svg" in body and "<desc" in body
    response = client.get("/statistik/statistik.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Period"
    october = next(row for row in rows if row[0] == "2026-10")
    assert october[1:9] == ["3", "2.0", "50", "33", "83", "Mycket högt", "7", "78"]
    assert october[9:] == ["1", "2", "2"]
    coverage = next(row for row in rows if row and row[0] == "10–19 anställda")
    assert coverage[1:] == ["24", "3", "1", "33"]
    assert "Täckning per storleksklass" in body
    # The year: no index (see above), but its 13 respondents of the 15 surveyed.
    assert re.search(r"för få svar</td>\s*<td>13</td>\s*<td>87 %</td>", body)
    year = next(row for row in rows if row[0] == "2026")
    assert year[5:9] == ["för få svar", "", "13", "87"]
    november = next(row for row in rows if row[0] == "2026-11")
    assert november[5] == "för få svar"
