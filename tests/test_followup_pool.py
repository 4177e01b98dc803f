"""Follow-ups come out the same however an ingest is cut: one run or several, one batch or many.

One ingest keeps the open commitments it compares with in memory (tracker.open_pool): read
from the database once per party, then added to as batches commit. These tests check that
path against the database path, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.conftest import SEED_ARTICLE, copy_of
from tests.test_cli import ok
from tracker.db.queries import OpenCommitment
from tracker.db.session import make_engine, session_scope
from tracker.domain import Article
from tracker.ingest import ingest
from tracker.inputs import read_inputs
from tracker.open_pool import OpenPool

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLES = [  # a pledge, then reports on it: the visit delivers it, the suspension stalls it
    (SEED_ARTICLE, "2024-02-13"),
    (FIXTURES / "niger-visit.txt", "2024-03-02"),
    (FIXTURES / "nigeria-elections.txt", "2024-03-05"),
    (FIXTURES / "niger-suspends.txt", "2024-04-10"),
]


def _feed(tmp_path: Path) -> Path:
    feed = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"text": path.read_text(encoding="utf-8"), "published": day}, ensure_ascii=False)
        for path, day in ARTICLES
    ]
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return feed


def _suggestions(db: str) -> set[tuple[str, str, int]]:
    """(act, suggested status, reporting article's id) of each suggestion: both databases
    number the articles alike, in the order they were ingested."""
    acts = {r["id"]: r["action"] for r in json.loads(ok(db, "list", "--format", "json"))}
    return {
        (acts[s["commitment_id"]], s["suggested_status"], s["article_id"])
        for s in json.loads(ok(db, "followups", "--json"))
    }


@pytest.mark.parametrize("batch_size", [1, 50])
def test_one_run_suggests_what_separate_runs_suggest(
    db_url: str, sqlite_template: Path, tmp_path: Path, batch_size: int
) -> None:
    separate = copy_of(sqlite_template, tmp_path / "separate.db")
    for path, day in ARTICLES:  # one run per article: each reads the pool from the database
        ok(separate, "ingest", str(path), "--published", day)
    engine = make_engine(db_url)
    report = ingest(
        lambda: session_scope(engine),
        read_inputs([str(_feed(tmp_path))], Article(text="")),
        batch_size=batch_size,
    )
    engine.dispose()
    assert report.new == len(ARTICLES) and report.followups >= 2
    assert _suggestions(db_url) == _suggestions(separate)


def _open(cid: int, *promisors: str) -> OpenCommitment:
    return OpenCommitment(cid, promisors, frozenset({"زيار"}), dt.date(2024, 1, 1), cid)


def test_the_pool_keeps_the_newest_commitments_of_each_party_it_has_read(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    pool = OpenPool(limit=2)
    with session_scope(engine) as session:
        pool.load(session, {"EGY", "NGA"}, {"EGY": 1, "NGA": 2, "NER": 3})
    engine.dispose()
    pool.add([_open(1, "EGY"), _open(2, "EGY", "NGA"), _open(3, "EGY"), _open(4, "NER")])
    assert [c.id for c in pool.of(["EGY"])] == [2, 3]  # the oldest fell out at the limit
    assert [c.id for c in pool.of(["EGY", "NGA"])] == [2, 3]  # each once
    assert pool.of(["NER"]) == []  # not read yet: its commitments come from the database
