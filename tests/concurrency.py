"""Running work in real concurrent transactions (PostgreSQL only: SQLite serialises every
writer, so it cannot show a race)."""

import os
import threading

import pytest
from django.db import connection, connections


def require_postgres(what: str = "concurrency tests") -> None:
    """Skip off PostgreSQL, except when CI says the run must have it."""
    if connection.vendor != "postgresql":
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail("REQUIRE_POSTGRES=1 but the tests are not running on PostgreSQL")
        pytest.skip(f"{what} need PostgreSQL (set DATABASE_URL)")


def run_at_once(count: int, work) -> list:
    """Start `count` threads that call `work(index)` at the same moment; return each result
    or the exception it raised."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def runner(index: int):
        try:
            barrier.wait()
            results[index] = work(index)
        except Exception as error:  # noqa: BLE001 - the outcome is what the test asserts on
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=runner, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results
