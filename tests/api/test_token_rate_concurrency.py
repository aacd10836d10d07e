"""A token's rate limit holds when an integration sends its requests all at once."""

import pytest
from django.db import close_old_connections, connection

from tests.api.factories import api, token_for
from tests.concurrency import run_at_once
from tests.factories import make_liaison


@pytest.mark.postgresql
def test_30_requests_at_once_with_one_token_get_exactly_the_limit_through(transactional_db, settings):
    settings.API_REQUESTS_PER_MINUTE = 10
    secret = token_for(make_liaison("lina"), "cases:read")

    statuses = run_at_once(30, lambda: api(secret).get("/api/v1/cases/").status_code)

    close_old_connections()
    assert connection.vendor == "postgresql"
    assert sorted(statuses) == [200] * 10 + [429] * 20
