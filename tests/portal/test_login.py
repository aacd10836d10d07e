from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth.models import Group

from karlshamn_portal.roles import LIAISON_GROUP, is_liaison
from tests.factories import PASSWORD, make_liaison


def attempt(client, password):
    return client.post("/login/", {"username": "lina", "password": password})


def test_staff_log_in_at_login(client, db):
    make_liaison("lina")
    response = attempt(client, PASSWORD)
    assert response.status_code == 302
    user = client.get("/").context["user"]
    assert user.username == "lina"
    assert user.last_login is not None and user.last_login.tzinfo is not None


def test_repeated_failures_lock_the_account_for_a_while(client, db, settings):
    make_liaison("lina")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "wrong").status_code == 200
    locked = attempt(client, "wrong")
    assert locked.status_code == 429
    assert "För många misslyckade inloggningsförsök" in locked.content.decode()
    # Even the right password is refused while locked out.
    assert attempt(client, PASSWORD).status_code == 429


def test_a_staff_page_reads_the_user_once_and_their_roles_once(client, db, django_assert_num_queries):
    make_liaison("lina")
    attempt(client, PASSWORD)
    client.get("/")  # the session is now in the cache
    with django_assert_num_queries(2) as queries:
        page = client.get("/").content.decode()
    # The menu asks for both roles; the groups were read once for the request.
    assert 'href="/dashboard/"' in page
    assert sum("auth_user_groups" in query["sql"] for query in queries.captured_queries) == 1


def test_staff_sign_in_through_djangos_own_model_backend(client, db):
    make_liaison("lina")
    attempt(client, PASSWORD)
    assert client.session[BACKEND_SESSION_KEY] == "django.contrib.auth.backends.ModelBackend"
    assert client.get("/dashboard/").status_code == 200


def test_a_role_taken_away_counts_from_the_next_request(client, db):
    user = make_liaison("lina")
    attempt(client, PASSWORD)
    assert client.get("/dashboard/").status_code == 200
    user.groups.clear()
    assert client.get("/dashboard/").status_code == 403
    user.groups.add(Group.objects.get(name=LIAISON_GROUP))
    assert client.get("/dashboard/").status_code == 200


def test_roles_asked_outside_a_request_are_read_fresh(db):
    user = make_liaison("lina")
    assert is_liaison(user)
    user.groups.clear()
    assert not is_liaison(user), "a task or a shell sees the change at once"


def test_a_deactivated_account_is_signed_out_at_its_next_request(client, db):
    user = make_liaison("lina")
    attempt(client, PASSWORD)
    user.is_active = False
    user.save()
    assert client.get("/").context["user"].is_authenticated is False
    assert client.get("/dashboard/").status_code == 302
