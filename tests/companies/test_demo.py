from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from companies.coverage import coverage_report
from companies.models import Company, FollowUp, Visit, VisitStatus


def test_the_demo_register_loads_once_with_a_business_developer_and_visits(db, capsys):
    call_command("load_demo_data")
    first = (Company.objects.in_register().count(), Visit.objects.count(), FollowUp.objects.count())
    call_command("load_demo_data")
    assert (Company.objects.in_register().count(), Visit.objects.count(), FollowUp.objects.count()) == first
    assert first[0] >= 2_900
    assert Visit.objects.filter(status=VisitStatus.HELD, followed_up_at__isnull=True).count() == 1
    assert "utvecklare" in capsys.readouterr().out


def test_the_demo_register_has_a_past_to_show_on_coverage(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_data", stdout=StringIO())
    by_size = {row.key: row for row in coverage_report(timezone.now(), months=36).by_size}
    # Most large companies met, few small ones: the gap the unit wants to close.
    assert by_size["500+"].share("visits") > 50 > by_size["1-4"].share("visits") > 0
