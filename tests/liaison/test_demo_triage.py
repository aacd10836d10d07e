from liaison.demo import load_departments, load_staff
from liaison.demo_triage import load_triage_demo
from liaison.models import Case, CaseStatus, ReferralStatus


def test_triage_demo_loads_every_stage_once(db):
    load_staff(load_departments())
    assert len(load_triage_demo()) == 4
    assert load_triage_demo() == []
    assert Case.objects.count() == 4
    assert Case.objects.filter(status=CaseStatus.WAITING).count() == 1
    ready = Case.objects.get(subject="Rosteri i gamla magasinet")
    assert set(ready.referrals.values_list("status", flat=True)) == {ReferralStatus.DONE}
