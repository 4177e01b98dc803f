"""One time budget per article for every regular expression the extractor runs.

`regex` stops a match that runs past its `timeout`; `Timed` patterns pass the time the current
article has left, so text built to make patterns backtrack is refused (BadInput) instead of
hanging the ingest. Outside an article (loading rules, tests) a generous default applies.

A timeout is not free: `regex` reads the process clock once per match, and on this kind of
machine that is a system call (0.4 µs). Finding every word of every article that way made
that 2.8 million calls and a fifth of `tracker extract`'s time on the corpus. Patterns that
cannot backtrack (`linear`: one repeated character class, no nesting) run without it.
"""

from __future__ import annotations

import contextvars
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import regex

from tracker.errors import BadInput

ARTICLE_SECONDS = 5.0  # a real article takes milliseconds
OUTSIDE_SECONDS = 30.0

_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar("deadline", default=None)


def remaining() -> float:
    """Seconds the current article has left (TimeoutError when none)."""
    deadline = _deadline.get()
    if deadline is None:
        return OUTSIDE_SECONDS
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("the article's time budget is spent")
    return left


@contextmanager
def article_budget(seconds: float = ARTICLE_SECONDS) -> Iterator[None]:
    """Everything inside shares one deadline; running out is a BadInput for this article."""
    token = _deadline.set(time.monotonic() + seconds)
    try:
        yield
    except TimeoutError as exc:
        raise BadInput("the text takes too long to read (hostile or malformed?)") from exc
    finally:
        _deadline.reset(token)


class Timed:
    """A compiled pattern whose every call runs under the current article's budget."""

    __slots__ = ("pattern",)

    def __init__(self, pattern: regex.Pattern[str]) -> None:
        self.pattern = pattern

    @property
    def groupindex(self) -> Any:
        return self.pattern.groupindex

    def search(self, string: str, pos: int = 0, endpos: int | None = None) -> Any:
        return self.pattern.search(string, pos, endpos, timeout=remaining())

    def match(self, string: str, pos: int = 0, endpos: int | None = None) -> Any:
        return self.pattern.match(string, pos, endpos, timeout=remaining())

    def fullmatch(self, string: str, pos: int = 0, endpos: int | None = None) -> Any:
        return self.pattern.fullmatch(string, pos, endpos, timeout=remaining())

    def finditer(self, string: str, pos: int = 0, endpos: int | None = None) -> Any:
        return self.pattern.finditer(string, pos, endpos, timeout=remaining())

    def findall(self, string: str, pos: int = 0, endpos: int | None = None) -> Any:
        return self.pattern.findall(string, pos, endpos, timeout=remaining())

    def sub(self, repl: Any, string: str) -> str:
        return self.pattern.sub(repl, string, timeout=remaining())


def timed(pattern: str, flags: int = 0) -> Timed:
    """Compile `pattern` (with the `regex` module) into a Timed pattern."""
    return Timed(regex.compile(pattern, flags))


# The shapes that match in time linear in the text: alternatives of single atoms (a class, an
# escape, a letter) with at most one of them repeated, and a one-atom lookaround at either end.
_ATOM = r"(?:\\[wWsSdDn]|\[(?:\\.|[^\]\\])+\]|[^\\\[\]()|*+?{}.^$])"
_LOOK = rf"(?:\(\?<?[!=]{_ATOM}\))"
_ALTERNATIVE = rf"{_LOOK}?{_ATOM}*(?:{_ATOM}[+*])?{_ATOM}*{_LOOK}?"
_LINEAR_SHAPE = regex.compile(rf"{_ALTERNATIVE}(?:\|{_ALTERNATIVE})*")
LINEAR: set[str] = set()  # the patterns `linear` compiled: they run without a timeout


def linear(pattern: str) -> regex.Pattern[str]:
    """Compile a pattern that cannot backtrack (ValueError if its shape could): no timeout."""
    if not _LINEAR_SHAPE.fullmatch(pattern, timeout=OUTSIDE_SECONDS):
        raise ValueError(f"not a linear pattern (use timed): {pattern!r}")
    LINEAR.add(pattern)
    return regex.compile(pattern)
