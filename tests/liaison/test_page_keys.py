"""A page key typed by hand gives the first page of the dashboard, never an error."""

import pytest
from django.urls import reverse

from tests.factories import make_liaison
from tests.liaison.factories import make_case


@pytest.mark.parametrize(
    "key",
    [
        "after=9999-12-31T23:59:59-14:00_1",
        "before=9999-12-31T23:59:59-14:00_1",
        "after=0001-01-01T00:00:00%2B23:59_1",
        "after=2026-06-01T12:00:00%2B23:59_1",
        "before=2026-06-01T12:00:00-23:59_1",
        "after=2026-06-01T12:00:00%2B00:00_99999999999999999999999",
        "after=2026-06-01T12:00:00%2B00:00_-1",
        "after=not-a-date_1",
        "after=2026-06-01T12:00:00_1",
        "sort=due&after=9999-12-31_99999999999999999999",
    ],
)
def test_a_crafted_page_key_gives_a_page_not_an_error(client, db, key):
    make_case(subject="Det enda ärendet")
    client.force_login(make_liaison())
    response = client.get(f"{reverse('dashboard')}?{key}")
    assert response.status_code == 200
