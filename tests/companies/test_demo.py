from django.core.management import call_command

from companies.models import Company, FollowUp, Visit, VisitStatus


def test_the_demo_register_loads_once_with_a_business_developer_and_visits(db, capsys):
    call_command("load_demo_data")
    first = (Company.objects.in_register().count(), Visit.objects.count(), FollowUp.objects.count())
    call_command("load_demo_data")
    assert (Company.objects.in_register().count(), Visit.objects.count(), FollowUp.objects.count()) == first
    assert first[0] >= 2_900
    assert Visit.objects.filter(status=VisitStatus.HELD, followed_up_at__isnull=True).count() == 1
    assert "utvecklare" in capsys.readouterr().out
