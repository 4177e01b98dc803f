"""Analyse articles in worker processes while the caller consumes results in input order.

Items travel to the workers in chunks (one message per CHUNK items, not per item), and at
most `workers * IN_FLIGHT` chunks are in the pool at once, so memory stays flat however long
the input is (Pool.imap would read the whole input ahead). With one worker, everything runs in
this process.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")
CHUNK = 32  # items per message to a worker
IN_FLIGHT = 4  # chunks queued per worker


def _apply(fn: Callable[[T], R], chunk: list[T]) -> list[R]:
    return [fn(item) for item in chunk]


def ordered_map(
    fn: Callable[[T], R],
    items: Iterable[T],
    workers: int = 1,
    initializer: Callable[..., None] | None = None,
    initargs: tuple[object, ...] = (),
) -> Iterator[tuple[T, R]]:
    """(item, fn(item)) for every item, in order; `fn` runs in `workers` processes.

    `initializer` runs here first, so that forked workers inherit what it prepared; under
    "spawn" (no fork) each worker runs it again.
    """
    if initializer:
        initializer(*initargs)
    if workers <= 1:
        for item in items:
            yield item, fn(item)
        return
    forking = "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if forking else "spawn")
    again = None if forking else initializer
    source = iter(items)
    with context.Pool(workers, initializer=again, initargs=initargs) as pool:
        pending: deque[tuple[list[T], multiprocessing.pool.AsyncResult[list[R]]]] = deque()
        while True:
            chunk = list(islice(source, CHUNK))
            if chunk:
                pending.append((chunk, pool.apply_async(_apply, (fn, chunk))))
            if pending and (not chunk or len(pending) >= workers * IN_FLIGHT):
                done, result = pending.popleft()
                yield from zip(done, result.get(), strict=True)
            if not chunk and not pending:
                return
