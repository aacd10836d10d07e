"""The response promise in working days: Monday–Friday minus Swedish public holidays and the
days treated as holidays (midsommarafton, julafton, nyårsafton)."""

from datetime import UTC, date, datetime

import pytest

from liaison.working_days import add_working_days, due_date, is_working_day, local_today


@pytest.mark.parametrize(
    ("received", "days", "due"),
    [
        # The examples: midsommarafton (19 June) is off, so Thursday → Tuesday.
        (date(2026, 6, 18), 2, date(2026, 6, 23)),
        # Julafton, juldagen, annandag jul and the weekend: Wednesday 23 December → Tuesday 29.
        (date(2026, 12, 23), 2, date(2026, 12, 29)),
        # Easter 2026: långfredag 3 April and annandag påsk 6 April are off.
        (date(2026, 4, 2), 1, date(2026, 4, 7)),
        (date(2026, 4, 2), 2, date(2026, 4, 8)),
        # Ascension Day (Kristi himmelsfärd) 14 May 2026, a Thursday.
        (date(2026, 5, 13), 1, date(2026, 5, 15)),
        (date(2026, 5, 13), 2, date(2026, 5, 18)),
        # The turn of the year: nyårsafton and nyårsdagen off, then Friday 2 January 2026.
        (date(2025, 12, 30), 1, date(2026, 1, 2)),
        (date(2025, 12, 30), 2, date(2026, 1, 5)),
        # Trettondedag jul, Tuesday 6 January 2026.
        (date(2026, 1, 5), 1, date(2026, 1, 7)),
        # A plain week: Friday → Tuesday.
        (date(2026, 3, 6), 2, date(2026, 3, 10)),
        # Zero days is the day itself.
        (date(2026, 3, 6), 0, date(2026, 3, 6)),
    ],
)
def test_due_date_skips_weekends_and_swedish_holidays(received, days, due):
    assert add_working_days(received, days) == due


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 1, 1),  # nyårsdagen
        date(2026, 1, 6),  # trettondedag jul
        date(2026, 4, 3),  # långfredagen
        date(2026, 4, 6),  # annandag påsk
        date(2026, 5, 1),  # första maj
        date(2026, 5, 14),  # Kristi himmelsfärds dag
        date(2026, 6, 19),  # midsommarafton
        date(2026, 12, 24),  # julafton
        date(2026, 12, 25),  # juldagen
        date(2026, 12, 31),  # nyårsafton
        date(2026, 6, 6),  # nationaldagen (a Saturday this year, still not a working day)
    ],
)
def test_holidays_and_eves_are_not_working_days(day):
    assert not is_working_day(day)


def test_ordinary_weekdays_around_easter_are_working_days():
    assert is_working_day(date(2026, 4, 2))  # skärtorsdagen is a normal working day
    assert is_working_day(date(2026, 4, 7))


def test_received_late_in_the_evening_counts_from_the_swedish_date():
    # 22:30 UTC on Wednesday 17 June is 00:30 on Thursday 18 June in Stockholm.
    received = datetime(2026, 6, 17, 22, 30, tzinfo=UTC)
    assert local_today(received) == date(2026, 6, 18)
    assert due_date(received, 2) == date(2026, 6, 23)
