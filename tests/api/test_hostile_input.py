"""Input a client writes by hand, or an attacker forges: a JSON answer with a 4xx, never a 500."""

from base64 import b64encode

import pytest

from tests.api.factories import api, token_for

pytestmark = pytest.mark.django_db
CURSOR_LISTS = [
    "/api/v1/cases/",
    "/api/v1/referrals/",
    "/api/v1/forum/meetings/",
    "/api/v1/visits/",
    "/api/v1/follow-ups/",
]


def forged(text: str) -> str:
    return b64encode(text.encode()).decode()


@pytest.mark.parametrize("url", CURSOR_LISTS)
@pytest.mark.parametrize(
    "cursor",
    [forged("p=no-date"), forged("p=2026-13-45"), forged("p=\x00"), forged("o=1&r=1&p=ab"), "garbage"],
)
def test_a_forged_cursor_is_a_json_404(liaison, url, cursor):
    response = api(token_for(liaison)).get(url, {"cursor": cursor})

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]


@pytest.mark.parametrize("url", CURSOR_LISTS)
def test_a_cursor_the_list_gave_out_still_works(liaison, url):
    client = api(token_for(liaison))
    assert client.get(url, {"cursor": forged("p=2026-06-01")}).status_code == 200


def test_a_body_too_large_to_read_is_a_json_413(liaison, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    body = '{"channel": "phone", "description": "' + "x" * 20_000 + '"}'

    response = api(token_for(liaison)).post("/api/v1/cases/", body, content_type="application/json")

    assert response.status_code == 413
    assert response["Content-Type"] == "application/json" and response.json()["detail"]


def test_a_body_declared_larger_than_any_request_may_be_is_a_json_413(liaison, settings):
    response = api(token_for(liaison)).post(
        "/api/v1/cases/",
        "{}",
        content_type="application/json",
        CONTENT_LENGTH=str(settings.REQUEST_MAX_BYTES + 1),
    )

    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
