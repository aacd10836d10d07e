"""Running the same scan in several threads at one moment, as two beat ticks or two workers do."""

import threading
from collections.abc import Callable

from django.db import connection


def run_at_once(count: int, scan: Callable[[], int]) -> list[int]:
    """What `scan` returned in each of `count` threads released together; any error is raised
    in the test's thread."""
    barrier = threading.Barrier(count)
    results: list[int] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            barrier.wait()
            results.append(scan())
        except BaseException as error:  # noqa: BLE001 - reported in the test thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return results
