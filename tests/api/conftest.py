from collections.abc import Iterator

import pytest

from tests.api.dns import FakeDns, fake_dns


@pytest.fixture(autouse=True)
def dns() -> Iterator[FakeDns]:
    """Every API test resolves names through the fake (tests/api/dns.py)."""
    with fake_dns() as faked:
        yield faked
