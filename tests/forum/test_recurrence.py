"""Expanding rules in Stockholm wall-clock time, and the rule builder."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from forum.recurrence import InvalidRule, RulePattern, describe_rule, expand, next_dates, parse_rule

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def _local(starts):
    return [start.astimezone(STOCKHOLM) for start in starts]


def test_a_0730_forum_stays_at_0730_across_both_dst_changes():
    starts = list(
        expand(
            "FREQ=WEEKLY;BYDAY=TU",
            date(2027, 3, 1),
            time(7, 30),
            end_date=None,
            after=datetime(2027, 3, 1, tzinfo=UTC),
            before=datetime(2027, 11, 10, tzinfo=UTC),
        )
    )
    local = _local(starts)
    assert {(moment.hour, moment.minute) for moment in local} == {(7, 30)}
    # 2027: summer time from 28 March, winter time from 31 October.
    by_day = {moment.date(): start for moment, start in zip(local, starts, strict=True)}
    assert by_day[date(2027, 3, 23)].hour == 6  # UTC+1
    assert by_day[date(2027, 3, 30)].hour == 5  # UTC+2
    assert by_day[date(2027, 10, 26)].hour == 5
    assert by_day[date(2027, 11, 2)].hour == 6


def test_the_first_tuesday_of_the_month_across_a_year_boundary():
    starts = expand(
        "FREQ=MONTHLY;BYDAY=1TU",
        date(2026, 1, 1),
        time(7, 30),
        end_date=None,
        after=datetime(2026, 11, 1, tzinfo=UTC),
        before=datetime(2027, 3, 1, tzinfo=UTC),
    )
    assert [moment.date() for moment in _local(starts)] == [
        date(2026, 11, 3),
        date(2026, 12, 1),
        date(2027, 1, 5),
        date(2027, 2, 2),
    ]


def test_the_last_friday_every_second_month_stops_at_the_end_date():
    starts = expand(
        "FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR",
        date(2027, 1, 1),
        time(16, 0),
        end_date=date(2027, 7, 30),
        after=datetime(2027, 1, 1, tzinfo=UTC),
        before=datetime(2028, 1, 1, tzinfo=UTC),
    )
    assert [moment.date() for moment in _local(starts)] == [
        date(2027, 1, 29),
        date(2027, 3, 26),
        date(2027, 5, 28),
        date(2027, 7, 30),
    ]


def test_the_preview_shows_the_next_ten_dates_from_now():
    now = datetime(2027, 6, 1, 12, tzinfo=UTC)
    dates = next_dates("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", date(2027, 5, 31), time(9, 0), None, now)
    assert len(dates) == 10
    assert dates[0].astimezone(STOCKHOLM).date() == date(2027, 6, 3)
    assert dates[1].astimezone(STOCKHOLM).date() == date(2027, 6, 14)  # the week after is skipped


@pytest.mark.parametrize(
    ("pattern", "rule"),
    [
        (RulePattern("WEEKLY", 1, ["TH", "MO"]), "FREQ=WEEKLY;BYDAY=MO,TH"),
        (RulePattern("WEEKLY", 3, ["WE"]), "FREQ=WEEKLY;INTERVAL=3;BYDAY=WE"),
        (RulePattern("MONTHLY", 1, ["TU"], 1), "FREQ=MONTHLY;BYDAY=1TU"),
        (RulePattern("MONTHLY", 1, ["FR"], -1), "FREQ=MONTHLY;BYDAY=-1FR"),
    ],
)
def test_the_rule_builder_writes_and_reads_back_rules(pattern, rule):
    assert pattern.to_rule() == rule
    assert parse_rule(rule).to_rule() == rule


def test_a_rule_the_builder_cannot_show_is_refused():
    with pytest.raises(InvalidRule):
        parse_rule("FREQ=DAILY;BYHOUR=7")
    with pytest.raises(InvalidRule):
        RulePattern("WEEKLY", 1, []).to_rule()


def test_rules_are_described_in_words():
    with translation.override("en"):
        assert describe_rule("FREQ=MONTHLY;BYDAY=1TU") == "Every month on the first Tuesday"
        assert describe_rule("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO") == "Every 2 weeks on Monday"
    with translation.override("sv"):
        assert describe_rule("FREQ=MONTHLY;BYDAY=1TU") == "Varje månad, första tisdag"
        assert describe_rule("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH") == "Var 2:e vecka på måndag, torsdag"
