"""core.locks: named advisory-lock keys, and a lock held until the transaction ends."""

import threading

import pytest
from django.db import connections, transaction

from socialrx.core.locks import hold_transaction_lock, lock_key
from tests.concurrency import require_postgres

BIGINT = (-(2**63), 2**63 - 1)


def test_a_name_gives_one_key_in_postgresqls_bigint_range():
    # BLAKE2b of the name, 8 bytes read as a signed big-endian integer (written out once).
    assert lock_key("schedules.commitment:7") == -7969186250238401421
    assert lock_key("billing.hold:x:1") == 8233203778706539262
    assert lock_key("schedules.commitment:7") == lock_key("schedules.commitment:7")
    assert lock_key("schedules.commitment:7") != lock_key("schedules.commitment:8")
    keys = [lock_key(f"events.agenda:speaker:{n}") for n in range(1_000)]
    assert len(set(keys)) == 1_000
    assert all(BIGINT[0] <= key <= BIGINT[1] for key in keys)


@pytest.mark.integration
@pytest.mark.postgres
def test_a_second_transaction_waits_for_the_first_to_end(transactional_db):
    require_postgres("advisory locks")
    key = lock_key("tests.locks:waiting")
    held, tried, events = threading.Event(), threading.Event(), []

    def second():
        held.wait(10)
        with transaction.atomic():
            tried.set()
            hold_transaction_lock(key)
            events.append("second has it")
        connections.close_all()

    worker = threading.Thread(target=second)
    worker.start()
    with transaction.atomic():
        hold_transaction_lock(key)
        held.set()
        tried.wait(10)
        worker.join(0.5)  # the second is still waiting: it cannot have the lock yet
        events.append("first ends")
    worker.join(10)

    assert events == ["first ends", "second has it"]
