from datetime import UTC, datetime

import pytest
from freezegun import freeze_time

# The forum's clock in these tests: a December day before the demo series starts in January.
START_OF_TESTS = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    with freeze_time(START_OF_TESTS) as frozen:
        yield frozen


@pytest.fixture
def series(db, clock, liaison, building_official):
    from tests.forum.factories import make_series

    return make_series(liaison, officials=[building_official])
