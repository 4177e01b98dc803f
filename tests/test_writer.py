"""The batch writer stores in order, raises the writer's error to the caller, and stops there."""

from __future__ import annotations

import threading
import time

import pytest

from tracker.writer import batch_writer


@pytest.mark.parametrize("threaded", [False, True])
def test_batches_are_stored_in_order_and_all_before_leaving(threaded: bool) -> None:
    stored: list[int] = []
    threads: set[str] = set()

    def store(batch: int) -> None:
        time.sleep(0.001 * (batch % 3))  # uneven work: order must not depend on it
        threads.add(threading.current_thread().name)
        stored.append(batch)

    with batch_writer(store, threaded) as put:
        for n in range(50):
            put(n)
    assert stored == list(range(50))
    assert threads == ({"tracker-writer"} if threaded else {threading.current_thread().name})


@pytest.mark.parametrize("threaded", [False, True])
def test_the_first_error_reaches_the_caller_and_nothing_after_it_is_stored(
    threaded: bool,
) -> None:
    stored: list[int] = []

    def store(batch: int) -> None:
        if batch == 3:
            raise RuntimeError("disk full")
        stored.append(batch)

    with pytest.raises(RuntimeError, match="disk full"), batch_writer(store, threaded) as put:
        for n in range(20):
            put(n)
            time.sleep(0.002)
    assert stored == [0, 1, 2]


def test_an_error_of_the_caller_still_waits_for_what_was_put() -> None:
    stored: list[int] = []

    def store(batch: int) -> None:
        time.sleep(0.01)
        stored.append(batch)

    with pytest.raises(KeyboardInterrupt), batch_writer(store, threaded=True) as put:
        put(1)
        put(2)
        raise KeyboardInterrupt
    assert stored == [1, 2]  # a batch in hand is finished, never left half-written
