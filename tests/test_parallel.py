"""Parallel extraction and ingest give the same results as one process; progress on a TTY."""

from __future__ import annotations

import io
import itertools
import json
from pathlib import Path

from tests.conftest import SHARED
from tests.test_cli import ok
from tracker.domain import STATUSES
from tracker.render import Progress

CORPUS = SHARED / "corpus" / "news.jsonl"


def _slice(tmp_path: Path, n: int = 80) -> Path:
    feed = tmp_path / "slice.jsonl"
    with CORPUS.open(encoding="utf-8") as source:
        feed.write_text("".join(itertools.islice(source, n)), encoding="utf-8")
    return feed


def test_extract_with_two_workers_prints_the_same_lines(sqlite_url: str, tmp_path: Path) -> None:
    feed = _slice(tmp_path)
    one = ok(sqlite_url, "extract", str(feed), "--json")
    two = ok(sqlite_url, "extract", str(feed), "--json", "--workers", "2")
    assert one == two
    assert len(one.splitlines()) == 80
    assert sum(len(json.loads(line)["commitments"]) for line in one.splitlines()) > 20


def test_ingest_with_two_workers_stores_the_same_commitments(
    sqlite_url: str, db_url: str, tmp_path: Path
) -> None:
    feed = _slice(tmp_path)
    ok(sqlite_url, "ingest", str(feed))
    ok(db_url, "ingest", str(feed), "--workers", "2")
    statuses = [arg for s in STATUSES for arg in ("--status", s)]

    def stored(db: str) -> list[dict]:
        rows = json.loads(ok(db, "list", *statuses, "--limit", "10000", "--format", "json"))
        return sorted(rows, key=lambda r: r["id"])

    assert stored(sqlite_url) == stored(db_url)
    assert len(stored(db_url)) > 20


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_draws_only_on_a_terminal() -> None:
    terminal, pipe = _Terminal(), io.StringIO()
    for stream in (terminal, pipe):
        progress = Progress(stream, every=0)
        for status in ("new", "new", "duplicate"):
            progress.update(status)
        progress.close()
    assert pipe.getvalue() == ""
    assert "3 articles (1 duplicate, 2 new)" in terminal.getvalue()
    assert terminal.getvalue().endswith("\n") and "/s" in terminal.getvalue()
