"""Hostile and broken input on every public form and token URL: never a 500, never a raw echo,
never a half-stored row.

Add new public forms to PUBLIC_FORMS and new token URLs to TOKEN_URLS (STAFF_TOKEN_URLS for
those opened behind the staff login).
"""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from axes.utils import reset as reset_lockouts
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from forum.links import PROPOSE
from forum.models import AgendaItem, Subscriber
from karlshamn_portal.outbox.models import OutboxMessage
from liaison.models import Attachment, Case, CaseEvent
from relocation.models import Partner, PartnerEvent
from tests.liaison.factories import PDF_BYTES, valid_organisation_number
from tests.security.access_table import ACCESS, answer_link
from tests.security.urls import all_routes, build
from tests.security.world import World, make_world

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
# Any text (control characters included) plus the classics.
any_text = st.one_of(st.text(max_size=300), st.sampled_from(HOSTILE))
FUZZ = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@dataclass(frozen=True)
class PublicForm:
    name: str
    url: Callable[[World], str]
    fields: tuple[str, ...]
    ok: frozenset[int]  # the answers a refused or accepted submission may give
    echoed: tuple[str, ...] = ()  # fields whose value is shown back on a form error


CASE_FIELDS = ("company_name", "organisation_number", "contact_name", "contact_email", "contact_phone")
CASE_FIELDS += ("subject", "description", "topic", "accept_privacy")
RELOCATION_FIELDS = (
    "name",
    "email",
    "phone",
    "contact_way",
    "language",
    "arrival",
    "profession",
    "other_needs",
)
PUBLIC_FORMS = [
    PublicForm(
        "login",
        lambda w: reverse("login"),
        ("username", "password"),
        frozenset({200, 302, 429}),
        ("username",),
    ),
    PublicForm("set_language", lambda w: reverse("set_language"), ("language", "next"), frozenset({302})),
    PublicForm(
        "case-new", lambda w: reverse("case-new"), CASE_FIELDS, frozenset({200, 302}), CASE_FIELDS[:-2]
    ),
    PublicForm(
        "track",
        lambda w: reverse("track", args=[w.track_token("company_a")]),
        ("text",),
        frozenset({200, 302}),
    ),
    PublicForm(
        "my-cases-links", lambda w: reverse("my-cases-links"), ("email",), frozenset({200, 302}), ("email",)
    ),
    PublicForm(
        "forum:subscribe",
        lambda w: reverse("forum:subscribe"),
        ("series", "name", "email", "company_name"),
        frozenset({302, 400}),
        ("name", "email", "company_name"),
    ),
    PublicForm(
        "forum:propose",
        lambda w: reverse("forum:propose", args=[w.forum_token(PROPOSE)]),
        ("title", "description"),
        frozenset({200, 302, 429}),  # a subscriber proposes a few topics a day
        ("title", "description"),
    ),
    PublicForm(
        "feedback:survey",
        lambda w: reverse("feedback:survey", args=[w.survey_token("company_b")]),
        ("overall", "expectations", "ideal", "information", "treatment", "efficiency", "comment"),
        frozenset({200, 302}),
        ("comment",),
    ),
    PublicForm(
        "meetings:answer",
        lambda w: reverse("meetings:answer", kwargs=answer_link(w)),
        ("answer", "comment"),
        frozenset({200, 302}),
        ("comment",),
    ),
    PublicForm(
        "relocation-form",
        lambda w: reverse("relocation-form"),
        RELOCATION_FIELDS + ("accept_privacy",),
        frozenset({200, 302, 400}),
        ("email", "profession", "other_needs"),
    ),
    PublicForm(
        "relocation-partner",
        lambda w: reverse("relocation-partner", args=[w.relocation.partner_token()]),
        RELOCATION_FIELDS + ("children_ages",),
        frozenset({200, 302}),
        ("email", "profession", "other_needs", "children_ages"),
    ),
    PublicForm(
        "relocation-employer",
        lambda w: reverse("relocation-employer", args=[w.relocation.employer_token()]),
        ("name", "email", "language", "recruit_role", "recruit_start"),
        frozenset({200, 302}),
        ("email", "recruit_role"),
    ),
]
TOKEN_URLS: list[tuple[str, Callable[[str], dict[str, object]]]] = [
    ("track", lambda token: {"token": token}),
    ("track-attachment", lambda token: {"token": token, "attachment_id": 1}),
    ("my-cases-sign-in", lambda token: {"token": token}),
    ("forum:confirm", lambda token: {"token": token}),
    ("forum:unsubscribe", lambda token: {"token": token}),
    ("forum:propose", lambda token: {"token": token}),
    ("forum:minutes", lambda token: {"token": token}),
    ("forum:minutes-file", lambda token: {"token": token}),
    ("meetings:answer", lambda token: {"invitation_id": 1, "token": token}),
    ("meetings:calendar", lambda token: {"invitation_id": 1, "token": token}),
    ("staff-link", lambda token: {"token": token}),
    ("relocation-partner", lambda token: {"token": token}),
    ("relocation-partner-consent", lambda token: {"token": token}),
    ("relocation-partner-delete", lambda token: {"token": token}),
    ("relocation-partner-introduction", lambda token: {"token": token, "introduction_id": 1}),
    ("relocation-employer", lambda token: {"token": token}),
    ("relocation-staff-link", lambda token: {"token": token}),
    ("feedback:survey", lambda token: {"token": token}),
    ("feedback:opt-out", lambda token: {"token": token}),
]
STAFF_TOKEN_URLS = {"staff-link", "relocation-staff-link"}


STORED = (Case, CaseEvent, Attachment, OutboxMessage, Subscriber, AgendaItem, Partner, PartnerEvent)


def stored_rows() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in STORED)


def assert_no_server_error(response, what: str) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code < 500, f"{what} gave {response.status_code}"


def assert_escaped(response, value: str) -> None:  # type: ignore[no-untyped-def]
    # A value as short as "<" or "<a" is part of every page's own markup; from six characters on
    # a random value is not, so finding it raw means it was echoed without escaping.
    if "<" in value and len(value) >= 6 and "html" in response.headers.get("Content-Type", ""):
        assert value not in response.content.decode(errors="replace"), "echoed without escaping"


@pytest.fixture
def world(db, settings) -> World:
    settings.SUBMISSIONS_PER_HOUR = 10**6  # the fuzzer is one client sending many forms
    settings.COMPANY_MESSAGES_PER_HOUR = 10**6
    return make_world()


@pytest.mark.parametrize("form", PUBLIC_FORMS, ids=lambda form: form.name)
@FUZZ
@given(values=st.lists(any_text, min_size=9, max_size=9))
@example(values=[SCRIPT] * 9)
@example(values=["x" * 1_000_000, "\x00" * 10, *[SCRIPT] * 7])
@example(values=["en", "//evil.example/", *[""] * 7])
@example(values=["en", "https://evil.example/", *[""] * 7])
def test_public_forms_answer_any_text_with_a_form_error_never_a_crash(world, form, values):
    reset_lockouts()
    data = dict(zip(form.fields, values, strict=False))
    before = stored_rows()
    response = Client().post(form.url(world), data)
    assert_no_server_error(response, form.name)
    # More form text than DATA_UPLOAD_MAX_MEMORY_SIZE is refused before it is parsed.
    too_much = (
        sum(len(value.encode()) for value in data.values()) > django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    )
    assert response.status_code in (form.ok | {400} if too_much else form.ok)
    for name in form.echoed:
        assert_escaped(response, data[name])
    if response.status_code == 302:
        location = response.headers["Location"]
        assert url_has_allowed_host_and_scheme(location, {"testserver"}), f"off-site redirect {location}"
        assert not urlsplit(location).netloc.strip("/\\"), f"off-site redirect {location}"
    elif form.name != "login":  # a failed login is recorded for the lock-out, on purpose
        assert stored_rows() == before, "a refused form stored something"


@pytest.mark.parametrize("form", PUBLIC_FORMS, ids=lambda form: form.name)
@FUZZ
@given(value=st.one_of(st.lists(any_text, max_size=3), st.integers(), st.booleans()))
def test_public_forms_survive_wrong_types_and_repeated_fields(world, form, value):
    reset_lockouts()
    response = Client().post(form.url(world), dict.fromkeys(form.fields, value))
    assert_no_server_error(response, form.name)


@pytest.mark.parametrize("form", PUBLIC_FORMS, ids=lambda form: form.name)
@FUZZ
@given(body=st.binary(max_size=2000), boundary=st.sampled_from(["", "; boundary=xyz", "; boundary="]))
@example(
    body=b'--xyz\r\nContent-Disposition: form-data; name="f"; filename="../../x"\r\n\r\n',
    boundary="; boundary=xyz",
)
@example(
    body=b'--xyz\r\nContent-Disposition: form-data; name="attachments"; filename="a.pdf"\r\n\r\n%PDF',
    boundary="; boundary=xyz",
)
def test_broken_multipart_bodies_are_refused_cleanly(world, form, body, boundary):
    before = stored_rows()
    response = Client().generic("POST", form.url(world), body, f"multipart/form-data{boundary}")
    assert_no_server_error(response, form.name)
    if form.name != "login":
        assert stored_rows() == before


def valid_request(number: int) -> dict[str, str]:
    return {
        "company_name": "Filtest AB",
        "organisation_number": valid_organisation_number(700 + number),
        "contact_name": "Fia Fil",
        "contact_email": "fia@example.se",
        "subject": "Ritningar",
        "description": "Bifogar ritningar.",
        "accept_privacy": "on",
    }


def multipart(fields: dict[str, str], filename: str, content: bytes) -> tuple[bytes, str]:
    """A multipart body written by hand, so the file name arrives exactly as an attacker sends it."""
    boundary = "----fuzz-boundary-7c1f"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    quoted = filename.replace('"', "%22").replace("\r", "").replace("\n", "")
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="{quoted}"\r\n'
        "Content-Type: application/pdf\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


PATH_NAMES = ["../../../etc/cron.d/x.pdf", "..\\..\\a.pdf", "/etc/passwd", "a/../../b.pdf", "/", "..", ".pdf"]


@FUZZ
@given(
    name=st.one_of(any_text.filter(lambda name: len(name) < 5000), st.sampled_from(PATH_NAMES)),
    content=st.sampled_from([PDF_BYTES, b"MZ\x90\x00 not a pdf", b"<?php system($_GET['c']); ?>", b""]),
)
def test_uploaded_file_names_never_choose_where_a_file_is_stored(world, name, content):
    before = stored_rows()
    body, content_type = multipart(valid_request(len(name)), name, content)
    response = Client().generic("POST", reverse("case-new"), body, content_type)
    assert_no_server_error(response, "case-new")
    if content not in (PDF_BYTES, b""):
        # Refused at the form, or (a part without a usable file name is no file at all, as when
        # nothing was chosen) stored without it; never stored as a file.
        assert Attachment.objects.count() == before[2], "a mislabelled file was stored"
        if response.status_code == 200:
            assert stored_rows() == before
        return
    for attachment in Attachment.objects.all():
        assert attachment.file.name.startswith("cases/") and ".." not in attachment.file.name
        assert attachment.file.name.endswith(".pdf")
        assert "/" not in attachment.original_name and "\\" not in attachment.original_name


def test_an_oversized_upload_is_refused_and_nothing_is_stored(world):
    before = stored_rows()
    big = SimpleUploadedFile("big.pdf", PDF_BYTES + b"0" * (10 * 1024 * 1024), content_type="application/pdf")
    response = Client().post(reverse("case-new"), {**valid_request(1), "attachments": [big]})
    assert response.status_code == 200
    assert stored_rows() == before


def open_pages() -> list[str]:
    """URL names without arguments that anonymous visitors may GET, from the access table."""
    return [
        r.name
        for r in all_routes()
        if r.name in ACCESS and ACCESS[r.name].anonymous == 200 and not r.arguments
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", open_pages())
@FUZZ
@given(query=st.dictionaries(any_text, any_text, max_size=4))
def test_open_pages_ignore_any_query_string(url_name, query):
    route = next(r for r in all_routes() if r.name == url_name)
    response = Client().get(build(route, {}), query)
    assert_no_server_error(response, url_name)


@pytest.mark.parametrize("url_name,kwargs", TOKEN_URLS, ids=[name for name, _ in TOKEN_URLS])
@FUZZ
@given(token=any_text)
@example(token="x" * 100_000)
def test_token_urls_answer_any_token_with_an_invalid_link_page(world, url_name, kwargs, token):
    try:
        url = reverse(url_name, kwargs=kwargs(token))
    except Exception:  # noqa: BLE001 - a token the URL pattern itself cannot carry
        return
    client = Client()
    if url_name in STAFF_TOKEN_URLS:
        client.force_login(world.liaison)
    response = client.get(url)
    assert response.status_code in (404, 410)
    assert_escaped(response, token)


def test_every_public_form_and_token_url_is_fuzzed():
    # Guards the lists above against falling behind the URLs.
    assert {"home", "health", "login", "case-new", "my-cases"} <= set(open_pages())
    token_urls = {r.name for r in all_routes() if "token" in r.arguments}
    assert token_urls <= {name for name, _ in TOKEN_URLS}, "a token URL is not fuzzed"


STAFF_PAGES = [
    "dashboard",
    "referral-list",
    "outbox",
    "meetings:mine",
    "forum:series-list",
    "relocation-queue",
]


@pytest.mark.parametrize("url_name", STAFF_PAGES)
@FUZZ
@given(
    query=st.dictionaries(
        st.sampled_from(["q", "status", "topic", "department", "official", "overdue", "sort", "page", "done"])
        | any_text,
        any_text,
        max_size=5,
    )
)
@example(query={"q": "\x00"})
@example(query={"q": "x" * 1_000_000})
@example(query={"q": "& | ! <-> :* ()"})
@example(query={"page": "-1", "sort": "'; DROP TABLE liaison_case; --"})
def test_staff_lists_answer_any_filter_and_search_without_a_crash(world, url_name, query):
    client = Client()
    client.force_login(world.liaison)
    response = client.get(reverse(url_name), query)
    assert_no_server_error(response, url_name)
    assert response.status_code in (200, 302, 400)
    for value in query.values():
        assert_escaped(response, value)
