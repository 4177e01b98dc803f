"""Printing records as an aligned table, JSON or CSV, the same way for every command.

Tables measure text by what a terminal shows: Arabic harakat and format marks take no
column, wide characters take two. Colour only on a terminal, and never with NO_COLOR set.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import unicodedata
from collections.abc import Sequence
from typing import Any

FORMATS = ("table", "json", "csv")
_STATUS_COLOUR = {
    "open": "36",
    "in_progress": "34",
    "stalled": "33",
    "fulfilled": "32",
    "partially_fulfilled": "32",
    "broken": "31",
    "retracted": "35",
}


def width(text: str) -> int:
    """Columns `text` takes in a terminal."""
    total = 0
    for ch in text:
        if unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        total += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return total


def fit(text: str, columns: int) -> str:
    """`text` on one line, cut to `columns` with an ellipsis, padded to exactly `columns`."""
    text = " ".join(str(text).split())
    if width(text) > columns:
        out, used = [], 0
        for ch in text:
            w = width(ch)
            if used + w > columns - 1:
                break
            out.append(ch)
            used += w
        text = "".join(out) + "…"
    return text + " " * (columns - width(text))


def colour_enabled(stream: Any = None) -> bool:
    stream = stream or sys.stdout
    return "NO_COLOR" not in os.environ and hasattr(stream, "isatty") and stream.isatty()


def _cell(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, list | tuple):
        return ",".join(str(v) for v in value) or "-"
    return str(value)


def table(records: Sequence[dict[str, object]], columns: Sequence[tuple[str, str, int]]) -> str:
    """Records as aligned rows; `columns` are (key, header, width), the last one taking the rest."""
    paint = colour_enabled()
    lines = ["  ".join(fit(h, w) for _, h, w in columns).rstrip()]
    for r in records:
        cells = []
        for key, _, w in columns:
            cell = fit(_cell(r.get(key)), w)
            if paint and key == "status" and r.get(key) in _STATUS_COLOUR:
                cell = f"\x1b[{_STATUS_COLOUR[str(r[key])]}m{cell}\x1b[0m"
            cells.append(cell)
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def to_csv(records: Sequence[dict[str, object]], keys: Sequence[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(keys)
    for r in records:
        writer.writerow(
            [
                " ".join(map(str, v)) if isinstance(v, list | tuple) else ("" if v is None else v)
                for v in (r.get(k) for k in keys)
            ]
        )
    return buffer.getvalue().rstrip("\n")


def render(
    records: Sequence[dict[str, object]],
    fmt: str,
    columns: Sequence[tuple[str, str, int]],
    csv_keys: Sequence[str],
    empty: str,
) -> str:
    """The records in the asked format: table (for people), json or csv (for programs)."""
    if fmt == "json":
        return json.dumps(list(records), ensure_ascii=False, indent=1)
    if fmt == "csv":
        return to_csv(records, csv_keys)
    return table(records, columns) if records else empty


class Progress:
    """A one-line counter with the rate, redrawn on stderr, only when stderr is a terminal."""

    def __init__(self, stream: Any = None, every: float = 0.2) -> None:
        import time

        self._clock = time.monotonic
        self.stream = stream or sys.stderr
        self.enabled = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.counts: dict[str, int] = {}
        self.started = self._clock()
        self._shown = 0.0
        self._every = every

    def update(self, status: str) -> None:
        self.counts[status] = self.counts.get(status, 0) + 1
        now = self._clock()
        if self.enabled and now - self._shown >= self._every:
            self._shown = now
            self.stream.write("\r" + self.line() + "\x1b[K")
            self.stream.flush()

    def line(self) -> str:
        done = sum(self.counts.values())
        rate = done / max(self._clock() - self.started, 1e-9)
        parts = ", ".join(f"{n} {status}" for status, n in sorted(self.counts.items()))
        return f"{done} articles ({parts}) {rate:.0f}/s"

    def close(self) -> None:
        if self.enabled and self.counts:
            self.stream.write("\r" + self.line() + "\x1b[K\n")
            self.stream.flush()
