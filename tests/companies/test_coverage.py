"""Coverage on a small hand-made register whose answers are worked out here."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from companies.coverage import coverage_report, goal_gaps, never_met
from companies.last_met import refresh_last_met
from companies.models import CoverageGoal, Visit, VisitStatus
from companies.services.visits import record_visit
from forum.models import Occurrence
from liaison.models import Case, CaseMeeting
from meetings.models import Answer, Invitation
from tests.companies.factories import make_business_developer, make_contact, make_register_company, make_visit
from tests.forum.factories import make_series
from tests.liaison.factories import make_case
from tests.meetings.factories import make_meeting

pytestmark = pytest.mark.django_db


def held_visit(company, developer, days_ago: int) -> Visit:
    visit = make_visit(company, developer, days=1)
    record_visit(visit, recorded_by=developer)
    start = timezone.now() - timedelta(days=days_ago)
    type(visit.meeting).objects.filter(pk=visit.meeting_id).update(
        start=start, end=start + timedelta(hours=1)
    )
    return visit


@pytest.fixture
def register():
    """Ten companies:
    big (500+)      visited 100 days ago            -> met by a visit
    mid (50-99)     visited 500 days ago            -> outside 12 months, inside 24
    small1 (1-4)    sent a case 30 days ago         -> met by a case
    small2 (1-4)    a coordinated meeting 20 days ago (its case is 900 days old) -> met by a meeting
    small3 (1-4)    its contact accepted a forum meeting 10 days ago -> met at the forum
    small4..small6 (0) never met
    planned (10-19) only a planned visit             -> not met
    gone (1-4)      visited, but not in the latest register -> not counted
    """
    developer = make_business_developer()
    companies = {
        "big": make_register_company(1, "500+", "C"),
        "mid": make_register_company(2, "50-99", "C"),
        "small1": make_register_company(3, "1-4", "G"),
        "small2": make_register_company(4, "1-4", "G"),
        "small3": make_register_company(5, "1-4", "F"),
        "small4": make_register_company(6, "0", "F"),
        "small5": make_register_company(7, "0", "F"),
        "small6": make_register_company(8, "0", "I"),
        "planned": make_register_company(9, "10-19", "I"),
        "gone": make_register_company(10, "1-4", "G", in_latest_register=False),
    }
    held_visit(companies["big"], developer, 100)
    held_visit(companies["mid"], developer, 500)
    held_visit(companies["gone"], developer, 10)
    make_visit(companies["planned"], developer, days=3)
    case = make_case(companies["small1"])
    Case.objects.filter(pk=case.pk).update(created_at=timezone.now() - timedelta(days=30))
    old_case = make_case(companies["small2"])
    Case.objects.filter(pk=old_case.pk).update(created_at=timezone.now() - timedelta(days=900))
    meeting = make_meeting(timezone.now() + timedelta(days=1))
    CaseMeeting.objects.create(case=old_case, meeting=meeting)
    type(meeting).objects.filter(pk=meeting.pk).update(
        start=timezone.now() - timedelta(days=20),
        end=timezone.now() - timedelta(days=20) + timedelta(hours=1),
    )
    contact = make_contact(companies["small3"], email="Sara@Small3.example")
    series = make_series(None, officials=[])
    occurrence = Occurrence.objects.filter(series=series).select_related("meeting").first()
    Invitation.objects.create(
        meeting=occurrence.meeting, name=contact.name, email="sara@small3.example", answer=Answer.ACCEPTED
    )
    type(occurrence.meeting).objects.filter(pk=occurrence.meeting_id).update(
        start=timezone.now() - timedelta(days=10),
        end=timezone.now() - timedelta(days=10) + timedelta(hours=2),
    )
    # The history above was dated back with updates, which no receiver hears: the nightly pass.
    refresh_last_met()
    return companies


def test_the_share_met_by_size_class_and_way(register):
    report = coverage_report(timezone.now(), months=24)
    by_size = {row.key: row for row in report.by_size}
    # Nine register companies ("gone" left the register).
    assert report.total.total == 9
    assert by_size["500+"].met == {"visits": 1, "cases": 0, "meetings": 0, "forum": 0, "any": 1}
    assert by_size["50-99"].met["any"] == 1  # 500 days ago is inside 24 months
    assert by_size["1-4"].total == 3
    assert by_size["1-4"].met == {"visits": 0, "cases": 1, "meetings": 1, "forum": 1, "any": 3}
    assert by_size["0"].met["any"] == 0
    assert by_size["10-19"].met["any"] == 0  # a planned visit is no visit held
    assert report.total.met["any"] == 5
    assert by_size["1-4"].share("any") == 100
    assert by_size["0"].share("any") == 0


def test_a_shorter_period_leaves_older_meetings_out(register):
    report = coverage_report(timezone.now(), months=12)
    by_size = {row.key: row for row in report.by_size}
    assert by_size["50-99"].met["any"] == 0
    assert report.total.met["any"] == 4


def test_the_share_by_industry_section(register):
    by_section = {row.key: row for row in coverage_report(timezone.now(), months=24).by_section}
    assert (by_section["C"].total, by_section["C"].met["any"]) == (2, 2)
    assert (by_section["G"].total, by_section["G"].met["any"]) == (2, 2)
    assert (by_section["F"].total, by_section["F"].met["any"]) == (3, 1)
    assert (by_section["I"].total, by_section["I"].met["any"]) == (2, 0)


def test_the_goals_list_who_is_behind_largest_first(register):
    gaps = goal_gaps(timezone.now())
    assert [gap.size_class for gap in gaps][:2] == ["500+", "200-499"]
    by_size = {gap.size_class: gap for gap in gaps}
    assert by_size["500+"].behind == 0  # met 100 days ago, goal every 12 months
    assert by_size["50-99"].behind == 1  # met 500 days ago, goal every 12 months
    assert [company.name for company in by_size["50-99"].companies] == [register["mid"].name]
    assert by_size["10-19"].behind == 1
    assert by_size["1-4"].behind == 0
    assert by_size["0"].behind == 3


def test_never_met_lists_the_largest_first_and_not_those_with_a_visit_planned(register):
    names = [company.name for company in never_met(timezone.now())]
    # "planned" (10-19) has a visit planned: it is behind, but nobody needs to plan it again.
    assert names == [register[key].name for key in ("small4", "small5", "small6")]
    assert register["planned"].name not in [
        c.name for gap in goal_gaps(timezone.now()) for c in gap.companies
    ]
    assert {gap.size_class: gap.behind for gap in goal_gaps(timezone.now())}["10-19"] == 1


def test_the_coverage_page_draws_an_accessible_chart_with_its_table(client, register):
    client.force_login(make_business_developer("nils"))
    page = client.get(reverse("companies:coverage")).content.decode()
    assert page.count('<svg role="img"') == 2
    assert '<title id="chart-size-title">' in page
    assert '<desc id="chart-size-desc">' in page
    assert "<table" in page
    assert f"?company={register['small4'].pk}" in page  # plan a visit straight from the list
    assert Visit.objects.filter(status=VisitStatus.PLANNED).count() == 1


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_coverage_and_start_pages_ask_the_same_number_of_queries_however_big(client):
    client.force_login(make_business_developer("nils"))
    empty = {
        url: _queries(client, url) for url in (reverse("companies:coverage"), reverse("companies:start"))
    }
    developer = make_business_developer("nina")
    for serial in range(30):
        company = make_register_company(100 + serial, ["0", "1-4", "50-99", "500+"][serial % 4])
        if serial % 3 == 0:
            held_visit(company, developer, serial * 20)
    refresh_last_met()
    full = {url: _queries(client, url) for url in empty}
    assert full == empty
    assert max(full.values()) <= 12


def test_coverage_reads_the_register_alone_not_its_history(register):
    """The stored last-met times make every coverage count a pass over the register's own rows
    (the lists only look up, for the few companies they show, whether a visit is planned)."""
    with CaptureQueriesContext(connection) as captured:
        coverage_report(timezone.now())
        goal_gaps(timezone.now())
        never_met(timezone.now())
    counts = [query["sql"] for query in captured.captured_queries if "COUNT(" in query["sql"]]
    assert len(counts) == 2
    history = ("liaison_case", "companies_visit", "meetings_meeting", "meetings_invitation")
    for sql in counts:
        assert not [table for table in history if table in sql], sql


def test_the_coverage_report_is_one_query_however_big(register):
    with CaptureQueriesContext(connection) as small:
        coverage_report(timezone.now())
    developer = make_business_developer("ylva")
    for serial in range(20):
        held_visit(make_register_company(200 + serial, ["0", "1-4", "50-99"][serial % 3], "C"), developer, 30)
    refresh_last_met()
    with CaptureQueriesContext(connection) as large:
        report = coverage_report(timezone.now())
    assert len(small.captured_queries) == len(large.captured_queries) == 1
    assert report.total.met["visits"] == 20 + 2


def test_the_cached_figures_follow_every_change_they_count(register, django_capture_on_commit_callbacks):
    """Coverage is cached for the day; a visit recorded, a goal changed or a register import
    shows on the next view, with no query when nothing changed."""
    now = timezone.now()
    assert coverage_report(now).total.met["any"] == 5
    with CaptureQueriesContext(connection) as again:
        coverage_report(now), goal_gaps(now), never_met(now)
    goal_gaps(now), never_met(now)
    with CaptureQueriesContext(connection) as cached:
        coverage_report(now), goal_gaps(now), never_met(now)
    assert len(cached.captured_queries) == 0 < len(again.captured_queries)

    developer = make_business_developer("olle")
    visit = make_visit(register["small5"], developer, days=1)
    type(visit.meeting).objects.filter(pk=visit.meeting_id).update(
        start=now - timedelta(days=3), end=now - timedelta(days=3) + timedelta(hours=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        record_visit(visit, recorded_by=developer)
    assert coverage_report(now).total.met["any"] == 6
    assert register["small5"].name not in [company.name for company in never_met(now)]

    by_size = {gap.size_class: gap for gap in goal_gaps(now)}
    assert by_size["50-99"].behind == 1
    goal = CoverageGoal.objects.get(size_class="50-99")
    goal.interval_months = 24
    goal.save()  # as the admin saves it
    assert {gap.size_class: gap for gap in goal_gaps(now)}["50-99"].behind == 0

    from companies.services.register_import import import_register
    from tests.companies.factories import register_file, register_row

    import_register(register_file([register_row(900, name="Nytt Bolag AB", size="500+")]))
    assert coverage_report(now).total.total == 1  # the new file holds one company; the rest left


def test_each_gap_lists_the_companies_unmet_longest_first(register):
    developer = make_business_developer("olle")
    lately, long_ago = (
        make_register_company(21, "500+", name="Aa Nyligen AB"),
        make_register_company(22, "500+"),
    )
    never = make_register_company(23, "500+", name="Öö Aldrig AB")
    held_visit(lately, developer, 400)
    held_visit(long_ago, developer, 800)
    refresh_last_met()
    gap = {gap.size_class: gap for gap in goal_gaps(timezone.now())}["500+"]
    assert [company.pk for company in gap.companies] == [never.pk, long_ago.pk, lately.pk]
