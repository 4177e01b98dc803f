"""Storing batches in a background thread, for databases that work in a process of their own.

A PostgreSQL server inserts, indexes and commits on its own core while this process waits on
the socket: a writer thread that stores batch k while the caller extracts batch k+1 puts that
wait to use. SQLite works inside this process, under the same lock as the extraction, so
there the batches are stored in line (a thread only adds switching).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")
DEPTH = 2  # batches waiting for the writer at most: memory stays flat


@contextmanager
def batch_writer(store: Callable[[T], None], threaded: bool) -> Iterator[Callable[[T], None]]:
    """A `put(batch)` that stores batches in order; in a thread if `threaded`.

    Leaving the block waits until every batch put is stored; the first error of the writer is
    raised to the caller (at the next put, or on leaving), and nothing after it is stored.
    """
    if not threaded:
        yield store
        return
    waiting: queue.Queue[tuple[T] | None] = queue.Queue(maxsize=DEPTH)
    failed: list[BaseException] = []

    def run() -> None:
        while (entry := waiting.get()) is not None:
            if failed:
                continue  # drain: the caller sees the error and stops
            try:
                store(entry[0])
            except BaseException as exc:  # re-raised in the caller's thread
                failed.append(exc)

    def put(batch: T) -> None:
        if failed:
            raise failed[0]
        waiting.put((batch,))

    thread = threading.Thread(target=run, name="tracker-writer", daemon=True)
    thread.start()
    try:
        yield put
    finally:
        waiting.put(None)
        thread.join()
    if failed:
        raise failed[0]
