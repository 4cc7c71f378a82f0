"""Running a generator in a second thread, a few items ahead of its reader.

An import's Python work (reading and checking rows) and its database work (the statements that
write them) can overlap: while this process waits for PostgreSQL, the next batches are parsed.
Memory stays bounded: the thread stops `depth` items ahead of the reader."""

from __future__ import annotations

import threading
from collections.abc import Generator
from queue import Empty, Full, Queue
from typing import TypeVar

Item = TypeVar("Item")
_DONE = object()
_POLL_SECONDS = 0.1


def read_ahead(items: Generator[Item, None, None], depth: int = 4) -> Generator[Item, None, None]:
    """Yield what `items` yields, computed in another thread. An exception raised by `items`
    is raised here; when the reader stops early (or fails), `items` is closed in its thread."""
    queue: Queue = Queue(maxsize=depth)
    stopped = threading.Event()

    def put(entry) -> bool:
        while not stopped.is_set():
            try:
                queue.put(entry, timeout=_POLL_SECONDS)
                return True
            except Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not put((item, None)):
                    return
            put((_DONE, None))
        except BaseException as error:  # handed to the reader, who raises it
            put((_DONE, error))
        finally:
            items.close()  # a generator is closed by the thread that runs it

    thread = threading.Thread(target=produce, name="import-read-ahead", daemon=True)
    thread.start()
    try:
        while True:
            try:
                item, error = queue.get(timeout=_POLL_SECONDS)
            except Empty:
                if not thread.is_alive() and queue.empty():
                    raise RuntimeError("The file reader stopped without a word.") from None
                continue
            if error is not None:
                raise error
            if item is _DONE:
                return
            yield item
    finally:
        stopped.set()
        thread.join()
