from django.contrib.auth import get_user_model
from django.core.management import call_command

from liaison.models import Department


def test_demo_data_can_be_loaded_twice_without_duplicates(db, capsys):
    call_command("load_demo_data")
    first = (get_user_model().objects.count(), Department.objects.count())
    call_command("load_demo_data")
    assert (get_user_model().objects.count(), Department.objects.count()) == first
    printed = capsys.readouterr().out
    assert "http://127.0.0.1:8000/" in printed
    for username in ("lotsen", "bygglov", "miljo", "plan"):
        assert username in printed


def test_only_the_demo_administrator_must_set_up_a_second_factor(db):
    from identity.second_factor import second_factor_required

    call_command("load_demo_data")
    users = get_user_model().objects
    assert second_factor_required(users.get(username="admin"))
    assert users.get(username="admin").is_superuser
    for username in ("lotsen", "bygglov", "utvecklare", "varden", "arbete"):
        assert not second_factor_required(users.get(username=username)), username
