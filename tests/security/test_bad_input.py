"""Hostile and broken input on every public form and open URL: never a 500, never a raw echo.

Extend PUBLIC_FORMS as public forms arrive (request form, track page message, forum
subscription) and TOKEN_URLS for every URL that takes a signed token.
"""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from axes.utils import reset as reset_lockouts
from django.test import Client
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.security.test_access_matrix import ACCESS
from tests.security.urls import all_routes, build

SCRIPT = "<script>alert('x')</script>"
HOSTILE = [
    SCRIPT,
    '"><img src=x onerror=alert(1)>',
    "../../../../etc/passwd",
    "..\\..\\windows\\win.ini",
    "\x00",
    "a\x00b",
    "\u202e\u200b\ufeff",
    "'; DROP TABLE liaison_case; --",
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example",
    "javascript:alert(1)",
    "x" * 1_000_000,
]
# Any text, control characters and unpaired-surrogate-free unicode included, plus the classics.
any_text = st.one_of(st.text(max_size=300), st.sampled_from(HOSTILE))
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@dataclass(frozen=True)
class PublicForm:
    url_name: str
    fields: tuple[str, ...]
    ok: frozenset[int]  # the answers a refused or accepted submission may give
    echoed: tuple[str, ...] = ()  # fields whose value is shown back on a form error


PUBLIC_FORMS = [
    PublicForm("login", ("username", "password"), frozenset({200, 302, 429}), echoed=("username",)),
    PublicForm("set_language", ("language", "next"), frozenset({302})),
]
TOKEN_URLS: list[tuple[str, Callable[[str], dict[str, object]]]] = []


def assert_no_server_error(response, what: str) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code < 500, f"{what} gave {response.status_code}"


def assert_escaped(response, value: str) -> None:  # type: ignore[no-untyped-def]
    if "<" in value and "html" in response.headers.get("Content-Type", ""):
        assert value not in response.content.decode(errors="replace"), "echoed without escaping"


@pytest.mark.django_db
@pytest.mark.parametrize("form", PUBLIC_FORMS, ids=lambda form: form.url_name)
@FUZZ
@given(values=st.lists(any_text, min_size=2, max_size=2))
@example(values=[SCRIPT, SCRIPT])
@example(values=["x" * 1_000_000, "\x00" * 10])
@example(values=["en", "//evil.example/"])
@example(values=["en", "https://evil.example/"])
def test_public_forms_answer_any_text_with_a_form_error_never_a_crash(form, values):
    reset_lockouts()
    client = Client()
    data = dict(zip(form.fields, values, strict=False))
    response = client.post(reverse(form.url_name), data)
    assert_no_server_error(response, form.url_name)
    assert response.status_code in form.ok
    for name in form.echoed:
        assert_escaped(response, data[name])
    if response.status_code == 302:
        location = response.headers["Location"]
        assert url_has_allowed_host_and_scheme(location, {"testserver"}), f"off-site redirect {location}"
        assert not urlsplit(location).netloc.strip("/\\"), f"off-site redirect {location}"


@pytest.mark.django_db
@pytest.mark.parametrize("form", PUBLIC_FORMS, ids=lambda form: form.url_name)
@FUZZ
@given(value=st.one_of(st.lists(any_text, max_size=3), st.integers(), st.booleans()))
def test_public_forms_survive_wrong_types_and_repeated_fields(form, value):
    reset_lockouts()
    response = Client().post(reverse(form.url_name), dict.fromkeys(form.fields, value))
    assert_no_server_error(response, form.url_name)


@pytest.mark.django_db
@pytest.mark.parametrize("form", PUBLIC_FORMS, ids=lambda form: form.url_name)
@FUZZ
@given(body=st.binary(max_size=2000), boundary=st.sampled_from(["", "; boundary=xyz", "; boundary="]))
@example(
    body=b'--xyz\r\nContent-Disposition: form-data; name="f"; filename="../../x"\r\n\r\n',
    boundary="; boundary=xyz",
)
def test_broken_multipart_bodies_are_refused_cleanly(form, body, boundary):
    response = Client().generic("POST", reverse(form.url_name), body, f"multipart/form-data{boundary}")
    assert_no_server_error(response, form.url_name)


def open_pages() -> list[str]:
    """The URL names anonymous visitors may GET, from the access table."""
    return [r.name for r in all_routes() if r.name in ACCESS and ACCESS[r.name].anonymous == 200]


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", open_pages())
@FUZZ
@given(query=st.dictionaries(any_text, any_text, max_size=4))
def test_open_pages_ignore_any_query_string(url_name, query):
    route = next(r for r in all_routes() if r.name == url_name)
    response = Client().get(build(route, {}), query)
    assert_no_server_error(response, url_name)


@pytest.mark.django_db
@pytest.mark.parametrize("url_name,kwargs", TOKEN_URLS)
@FUZZ
@given(token=any_text)
def test_token_urls_answer_any_token_with_an_invalid_link_page(url_name, kwargs, token):
    try:
        url = reverse(url_name, kwargs=kwargs(token))
    except Exception:  # noqa: BLE001 - a token the URL pattern itself cannot carry
        return
    response = Client().get(url)
    assert response.status_code in (400, 403, 404, 410)


def test_every_open_page_is_fuzzed():
    # Guards the generated list above against silently becoming empty.
    assert {"home", "health", "login"} <= set(open_pages())
