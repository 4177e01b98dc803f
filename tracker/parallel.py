"""Analyse articles in worker processes while the caller consumes results in input order.

At most `workers * IN_FLIGHT` articles are in the pool at once, so memory stays flat however
long the input is (Pool.imap would read the whole input ahead). With one worker, everything
runs in this process.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")
IN_FLIGHT = 16  # tasks queued per worker


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
    forking = _can_fork()
    context = multiprocessing.get_context("fork" if forking else "spawn")
    again = None if forking else initializer
    with context.Pool(workers, initializer=again, initargs=initargs) as pool:
        pending: deque[tuple[T, multiprocessing.pool.AsyncResult[R]]] = deque()
        for item in items:
            pending.append((item, pool.apply_async(fn, (item,))))
            if len(pending) >= workers * IN_FLIGHT:
                first, result = pending.popleft()
                yield first, result.get()
        while pending:
            first, result = pending.popleft()
            yield first, result.get()


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()
