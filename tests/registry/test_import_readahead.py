"""Reading an import file in a second thread while the first writes: the items in order, the
reader's errors raised where they are read, and the file closed however reading stops."""

import threading

import pytest

from socialrx.registry.importing.readahead import read_ahead

pytestmark = pytest.mark.unit


def numbers(count: int, closed: list, *, fail_at: int | None = None):
    try:
        for number in range(count):
            if number == fail_at:
                raise ValueError(f"row {number} is unreadable")
            yield number, threading.current_thread().name
    finally:
        closed.append(threading.current_thread().name)


def test_items_arrive_in_order_from_another_thread():
    closed = []

    items = list(read_ahead(numbers(25, closed), depth=2))

    assert items == [(number, "import-read-ahead") for number in range(25)]
    assert closed == ["import-read-ahead"]


def test_an_error_of_the_reader_is_raised_where_the_items_are_read():
    closed = []
    seen = []

    with pytest.raises(ValueError, match="row 7 is unreadable"):
        for number, _ in read_ahead(numbers(25, closed, fail_at=7), depth=2):
            seen.append(number)

    assert seen == [0, 1, 2, 3, 4, 5, 6]
    assert closed == ["import-read-ahead"]


def test_stopping_early_closes_the_reader_in_its_thread():
    closed = []
    before = threading.active_count()

    for number, _ in read_ahead(numbers(1_000_000, closed), depth=2):
        if number == 3:
            break

    assert closed == ["import-read-ahead"]
    assert threading.active_count() == before
