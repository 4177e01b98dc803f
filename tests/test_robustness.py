"""Robustness: crashes, concurrent writers, hostile text, properties, the database boundary.

Crash and concurrency tests run the installed console script in real processes (killed with
SIGKILL, or racing each other) on SQLite and PostgreSQL, and compare databases by a canonical
dump that ignores row ids. Hostile texts run in a subprocess with a timeout, so that a hang
fails the test instead of hanging the suite.
"""

from __future__ import annotations

import ast
import datetime as dt
import itertools
import json
import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import textwrap
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.pool import NullPool
from typer.testing import CliRunner

from tests.conftest import SEED_ARTICLE, _pg_admin_url, _pg_execute, _pg_url_for
from tracker.cli import app
from tracker.domain import KINDS, POLARITIES, content_hash
from tracker.extract import extract
from tracker.extract.budget import LINEAR, linear
from tracker.extract.normalize import normalize, normalize_text
from tracker.ingest import BATCH_SIZE

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "news.jsonl"
FIXTURES = ROOT / "tests" / "fixtures"
SCRIPT = shutil.which("tracker", path=str(Path(sys.executable).parent))
runner = CliRunner()


# --------------------------------------------------------------------------- helpers


def _script() -> str:
    assert SCRIPT, "the tracker console script is not installed next to this Python"
    return SCRIPT


def _corpus(n: int) -> list[str]:
    """The first `n` lines of the shared corpus, as JSON Lines text."""
    lines: list[str] = []
    with CORPUS.open(encoding="utf-8") as source:
        for line in source:
            if line.strip():
                lines.append(line if line.endswith("\n") else line + "\n")
            if len(lines) == n:
                break
    assert len(lines) == n, f"{CORPUS} has fewer than {n} articles"
    return lines


def _hashes(lines: list[str]) -> set[str]:
    return {content_hash(json.loads(line)["text"]) for line in lines}


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _reader(url: str) -> Engine:
    """A plain engine for looking at a database from the test: no write lock, no pool."""
    return create_engine(url, poolclass=NullPool)


def _count(url: str, table: str = "article") -> int:
    engine = _reader(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
    finally:
        engine.dispose()


ORPHANS = {
    "mention without commitment": "SELECT count(*) FROM mention m "
    "LEFT JOIN commitment c ON c.id = m.commitment_id WHERE c.id IS NULL",
    "mention without article": "SELECT count(*) FROM mention m "
    "LEFT JOIN article a ON a.id = m.article_id WHERE a.id IS NULL",
    "commitment without article": "SELECT count(*) FROM commitment c "
    "LEFT JOIN article a ON a.id = c.article_id WHERE a.id IS NULL",
    "commitment without its first status event": "SELECT count(*) FROM commitment c "
    "WHERE NOT EXISTS (SELECT 1 FROM status_event s WHERE s.commitment_id = c.id)",
    "commitment without a mention": "SELECT count(*) FROM commitment c "
    "WHERE NOT EXISTS (SELECT 1 FROM mention m WHERE m.commitment_id = c.id)",
    "commitment_party without commitment": "SELECT count(*) FROM commitment_party p "
    "LEFT JOIN commitment c ON c.id = p.commitment_id WHERE c.id IS NULL",
    "status_event without commitment": "SELECT count(*) FROM status_event s "
    "LEFT JOIN commitment c ON c.id = s.commitment_id WHERE c.id IS NULL",
    "followup without commitment": "SELECT count(*) FROM followup f "
    "LEFT JOIN commitment c ON c.id = f.commitment_id WHERE c.id IS NULL",
    "followup without article": "SELECT count(*) FROM followup f "
    "LEFT JOIN article a ON a.id = f.article_id WHERE a.id IS NULL",
}


def canonical(url: str) -> dict[str, Any]:
    """The database's content without row ids: what two equal ingests must share."""
    engine = _reader(url)
    try:
        with engine.connect() as conn:
            q = lambda sql: conn.execute(text(sql)).all()  # noqa: E731
            article = dict(q("SELECT id, content_hash FROM article"))
            promisors: dict[int, list[str]] = defaultdict(list)
            for cid, code in q(
                "SELECT cp.commitment_id, p.code FROM commitment_party cp "
                "JOIN party p ON p.id = cp.party_id WHERE cp.role = 'promisor'"
            ):
                promisors[cid].append(code)
            key = {
                cid: (article.get(aid), start, end, kind, polarity, tuple(sorted(promisors[cid])))
                for cid, aid, start, end, kind, polarity in q(
                    "SELECT id, article_id, span_start, span_end, kind, polarity FROM commitment"
                )
            }
            mentions = [
                (key.get(cid), article.get(aid), start, end)
                for cid, aid, start, end in q(
                    "SELECT commitment_id, article_id, span_start, span_end FROM mention"
                )
            ]
            events = [
                (key.get(cid), old, new, note)
                for cid, old, new, note in q(
                    "SELECT commitment_id, from_status, to_status, note FROM status_event"
                )
            ]
            followups = [
                (key.get(cid), article.get(aid), status, state)
                for cid, aid, status, state in q(
                    "SELECT commitment_id, article_id, suggested_status, state FROM followup"
                )
            ]
            return {
                "articles": sorted(article.values()),
                "commitments": sorted(key.values(), key=repr),
                "mentions": sorted(mentions, key=repr),
                "status_events": sorted(events, key=repr),
                "followups": sorted(followups, key=repr),
                "parties": q("SELECT count(*) FROM party")[0][0],
                "aliases": q("SELECT count(*) FROM party_alias")[0][0],
            }
    finally:
        engine.dispose()


def orphans(url: str) -> dict[str, int]:
    engine = _reader(url)
    try:
        with engine.connect() as conn:
            counts = {k: conn.execute(text(sql)).scalar_one() for k, sql in ORPHANS.items()}
    finally:
        engine.dispose()
    return {k: n for k, n in counts.items() if n}


def assert_sound(url: str, expected_articles: set[str]) -> dict[str, Any]:
    """Every expected article once, nothing duplicated, no orphan rows."""
    dump = canonical(url)
    assert len(dump["articles"]) == len(set(dump["articles"])), "an article is stored twice"
    assert set(dump["articles"]) == expected_articles
    twice = [k for k, n in Counter(dump["commitments"]).items() if n > 1]
    assert not twice, f"commitments stored twice: {twice[:3]}"
    twice = [k for k, n in Counter(dump["mentions"]).items() if n > 1]
    assert not twice, f"mentions stored twice: {twice[:3]}"
    assert orphans(url) == {}
    return dump


def whole_dump(url: str) -> dict[str, list[str]]:
    """Every row of every table, ids included: a rolled-back command changes none of it."""
    engine = _reader(url)
    try:
        names = sorted(inspect(engine).get_table_names())
        with engine.connect() as conn:
            return {
                name: sorted(repr(tuple(r)) for r in conn.execute(text(f'SELECT * FROM "{name}"')))
                for name in names
            }
    finally:
        engine.dispose()


def tracker(
    url: str, *args: str, timeout: float = 120, **kwargs: Any
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [_script(), "--db", url, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        **kwargs,
    )


def start(url: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [_script(), "--db", url, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def cli(url: str, *args: str, stdin: str | None = None) -> Any:
    return runner.invoke(app, ["--db", url, *args], input=stdin)


def cli_ok(url: str, *args: str) -> str:
    result = cli(url, *args)
    assert result.exit_code == 0, (result.output, result.stderr, result.exception)
    return result.stdout


def one_line_error(result: Any) -> str:
    assert result.exit_code == 1, (result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


@pytest.fixture
def second_url(db_url: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Another fresh migrated database on the same backend as `db_url`."""
    if db_url.startswith("sqlite"):
        path = tmp_path / "second.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    template = request.getfixturevalue("pg_template")
    admin = _pg_admin_url()
    name = f"tracker_test_{uuid.uuid4().hex[:10]}"
    _pg_execute(admin, f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    yield _pg_url_for(admin, name)
    _pg_execute(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --------------------------------------------------------------------------- 2. crash safety


def test_ingest_killed_at_random_moments_then_rerun_equals_one_uninterrupted_ingest(
    db_url: str, second_url: str, tmp_path: Path
) -> None:
    # each run is killed at most 0.4 s after its first commit: two batches of BATCH_SIZE at
    # most, so three runs leave part of this input unstored
    lines = _corpus(7 * BATCH_SIZE)
    feed = _write(tmp_path / "feed.jsonl", lines)
    rng = random.Random(20261129)
    kills = 0
    for _ in range(3):
        before = _count(db_url)
        proc = start(db_url, "ingest", str(feed))
        deadline = time.monotonic() + 60
        # kill only once this run has committed something: then it is surely writing
        while proc.poll() is None and _count(db_url) <= before and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(rng.uniform(0.0, 0.4))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.communicate(timeout=60)
    assert kills >= 2, "the ingest ended before it could be killed: use a larger input"
    partial = _count(db_url)
    assert 0 < partial < len(lines)
    assert orphans(db_url) == {}

    done = tracker(db_url, "ingest", str(feed), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["new"] + report["duplicate"] == len(lines)
    assert report["duplicate"] >= partial

    reference = tracker(second_url, "ingest", str(feed))
    assert reference.returncode == 0, reference.stderr
    expected = _hashes(lines)
    resumed = assert_sound(db_url, expected)
    assert resumed == assert_sound(second_url, expected)
    assert len(resumed["commitments"]) > 100


class _Crash(Exception):
    """A failure injected in the middle of a command's writes."""


def _writes_fail_at(k: int) -> tuple[Any, list[int]]:
    """An event hook that raises at the k-th INSERT, UPDATE or DELETE any engine sends."""
    seen = [0]

    def hook(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        if statement.lstrip().split(None, 1)[0].upper() in ("INSERT", "UPDATE", "DELETE"):
            seen[0] += 1
            if seen[0] == k:
                raise _Crash(f"injected failure at write {k}: {statement[:60]}")

    return hook, seen


def all_or_nothing(url: str, *args: str) -> str:
    """Fail the command at each of its writes in turn: each time nothing changes. Then let it
    run: it must succeed. Returns its output."""
    for k in range(1, 200):
        before = whole_dump(url)
        hook, seen = _writes_fail_at(k)
        event.listen(Engine, "before_cursor_execute", hook)
        try:
            result = cli(url, *args)
        finally:
            event.remove(Engine, "before_cursor_execute", hook)
        if seen[0] < k:  # never reached write k: the command ran to the end
            assert result.exit_code == 0, (result.output, result.stderr, result.exception)
            assert k > 1, f"{args[0]} wrote nothing"
            return result.stdout
        assert result.exit_code != 0, f"{args}: exit 0 despite a failure at write {k}"
        assert whole_dump(url) == before, f"{args}: failing at write {k} left a partial change"
    raise AssertionError(f"{args}: more than 200 writes")


def test_mark_accept_import_and_merge_are_all_or_nothing(
    db_url: str, second_url: str, tmp_path: Path
) -> None:
    cli_ok(db_url, "ingest", str(SEED_ARTICLE), "--published", "2024-02-13")
    cli_ok(db_url, "ingest", str(FIXTURES / "niger-visit.txt"), "--published", "2024-03-02")
    rows = json.loads(cli_ok(db_url, "list", "--format", "json", "--limit", "100"))
    cid = str(rows[0]["id"])

    out = all_or_nothing(db_url, "mark", cid, "in_progress", "--note", "talks began")
    assert "open → in_progress" in out

    suggestions = json.loads(cli_ok(db_url, "followups", "--json"))
    assert suggestions, "the visit should suggest a follow-up of the seed's invitation"
    out = all_or_nothing(db_url, "followups", "--accept", str(suggestions[0]["id"]))
    assert "accepted" in out

    out = all_or_nothing(db_url, "parties", "merge", "NER", "MNJTF")
    assert "NER merged into MNJTF" in out

    export = tmp_path / "export.jsonl"
    cli_ok(db_url, "export", "--out", str(export))
    out = all_or_nothing(second_url, "import", str(export))
    assert out.startswith("imported ")
    assert canonical(second_url) == canonical(db_url)


# --------------------------------------------------------------------------- 3. concurrency


def _interleave(a: list[str], b: list[str]) -> list[str]:
    return [line for pair in zip(a, b, strict=True) for line in pair]


def _finish(procs: list[subprocess.Popen[str]], timeout: float = 120) -> list[tuple[int, str, str]]:
    out = []
    for p in procs:
        stdout, stderr = p.communicate(timeout=timeout)
        out.append((p.returncode, stdout, stderr))
    return out


def test_concurrent_ingests_of_overlapping_feeds_store_every_article_once(
    db_url: str, tmp_path: Path
) -> None:
    lines = _corpus(300)
    chunks = [lines[0:100], lines[100:200], lines[200:300]]
    # each feed shares half its articles with each other feed, interleaved so that two
    # processes reach a shared article at about the same moment
    feeds = [
        _write(tmp_path / f"feed{i}.jsonl", _interleave(chunks[i], chunks[(i + 1) % 3]))
        for i in range(3)
    ]
    procs = [start(db_url, "ingest", str(f), "--json") for f in feeds]
    results = _finish(procs)
    for code, _stdout, stderr in results:
        assert "Traceback" not in stderr, stderr
        assert code == 0, stderr
        assert stderr.strip() == "", stderr
    reports = [json.loads(stdout) for _, stdout, _ in results]
    expected = _hashes(lines)
    assert sum(r["new"] for r in reports) == len(expected)
    assert sum(r["new"] + r["duplicate"] for r in reports) == 600
    assert_sound(db_url, expected)


def test_mark_and_list_succeed_while_an_ingest_runs(db_url: str, tmp_path: Path) -> None:
    cli_ok(db_url, "ingest", str(SEED_ARTICLE), "--published", "2024-02-13")
    cid = str(json.loads(cli_ok(db_url, "list", "--format", "json"))[0]["id"])
    lines = _corpus(600)
    feed = _write(tmp_path / "feed.jsonl", lines)
    before = _count(db_url)
    ingest = start(db_url, "ingest", str(feed))
    deadline = time.monotonic() + 60
    while ingest.poll() is None and _count(db_url) <= before and time.monotonic() < deadline:
        time.sleep(0.02)
    assert ingest.poll() is None, "the ingest ended before the mark could start"
    marked = tracker(db_url, "mark", cid, "in_progress", "--note", "during an ingest", timeout=60)
    still_running = ingest.poll() is None
    listed = tracker(db_url, "list", "--format", "json", timeout=60)
    marked_again = tracker(db_url, "mark", cid, "stalled", timeout=60)
    ((code, _, stderr),) = _finish([ingest])
    assert marked.returncode == 0, marked.stderr
    assert listed.returncode == 0, listed.stderr
    assert marked_again.returncode == 0, marked_again.stderr
    assert still_running, "the ingest ended before the mark did: use a larger input"
    assert code == 0 and "Traceback" not in stderr, stderr
    history = json.loads(cli_ok(db_url, "history", cid, "--json"))
    assert [(e["to"], e["note"]) for e in history][1:] == [
        ("in_progress", "during an ingest"),
        ("stalled", None),
    ]
    assert _count(db_url) == before + len(_hashes(lines))


def _wait_for_lock_waiters(
    url: str, procs: list[subprocess.Popen[str]], timeout: float = 30
) -> None:
    """Wait until every process waits for a lock in this PostgreSQL database."""
    engine = _reader(url)
    deadline = time.monotonic() + timeout
    try:
        with engine.connect() as conn:
            while time.monotonic() < deadline:
                if any(p.poll() is not None for p in procs):
                    return  # one ended early: its output tells why
                waiting = conn.execute(
                    text(
                        "SELECT count(*) FROM pg_stat_activity "
                        "WHERE datname = current_database() AND wait_event_type = 'Lock'"
                    )
                ).scalar_one()
                if waiting >= len(procs):
                    return
                time.sleep(0.05)
                conn.rollback()
    finally:
        engine.dispose()
    raise AssertionError(f"{len(procs)} ingests never waited for the lock")


def _race(url: str, table: str, feed: Path, prepare: str | None = None) -> None:
    """Two ingests that both read `table` before either may write it, then write at once.

    On PostgreSQL a SHARE lock lets them read and check but blocks their inserts until both
    wait; on SQLite the test holds the write lock a moment instead.
    """
    engine = _reader(url)
    is_pg = engine.dialect.name == "postgresql"
    conn = engine.connect()
    try:
        if prepare:
            conn.execute(text(prepare))
            conn.commit()
        if is_pg:
            conn.execute(text(f"LOCK TABLE {table} IN SHARE MODE"))
        else:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        procs = [start(url, "ingest", str(feed), "--json") for _ in range(2)]
        if is_pg:
            _wait_for_lock_waiters(url, procs)
        else:
            time.sleep(2)
        conn.rollback()
        results = _finish(procs)
    finally:
        conn.close()
        engine.dispose()
    for code, _, stderr in results:
        assert "Traceback" not in stderr, stderr
        assert code == 0, stderr
    reports = [json.loads(stdout) for _, stdout, _ in results]
    lines = feed.read_text(encoding="utf-8").splitlines(keepends=True)
    assert sum(r["new"] for r in reports) == len(_hashes(lines))


def test_two_ingests_racing_for_the_same_articles_both_succeed(db_url: str, tmp_path: Path) -> None:
    """Both check that the articles are new, then both insert them: a unique violation that
    must end as 'duplicate', not as an error (PostgreSQL; on SQLite writers take turns)."""
    lines = _corpus(60)
    feed = _write(tmp_path / "feed.jsonl", lines)
    _race(db_url, "article", feed)
    assert_sound(db_url, _hashes(lines))


def test_two_ingests_racing_to_add_a_new_builtin_alias_both_succeed(
    db_url: str, tmp_path: Path
) -> None:
    """A newer tracker's gazetteer has an alias this database lacks: the first ingests of two
    processes both add it at the same moment."""
    lines = _corpus(4)
    feed = _write(tmp_path / "feed.jsonl", lines)
    drop = (
        "DELETE FROM party_alias WHERE id = "
        "(SELECT min(id) FROM party_alias WHERE origin = 'builtin')"
    )
    aliases = _count(db_url, "party_alias")
    _race(db_url, "party_alias", feed, prepare=drop)
    assert _count(db_url, "party_alias") == aliases
    assert_sound(db_url, _hashes(lines))


# --------------------------------------------------------------------------- 4. hostile text

# Seconds one hostile text may take to be read (or refused); news articles take well under one.
BOUND = 10.0
GOOD = "تعهدت مصر بتقديم مساعدات إنسانية عاجلة إلى السودان خلال الشهر المقبل."
# Python expressions, evaluated in the subprocess that reads them (and for the ingest feed).
HOSTILE = {
    "one trigger word 100,000 times": '"تعهدت " * 100_000',
    "one plain word 100,000 times": '"مصر " * 100_000',
    "200,000 diacritics in a row": '"تعهدت مصر ب" + "\\u064e" * 200_000 + "العمل."',
    "a megabyte with no spaces or sentence ends": '("تعهدتمصربالعمل" * 40_000)[: 2**19]',
    "deeply nested quotes": '"قال " + "«قال “" * 10_000 + "تعهدت مصر بالعمل" + "”»" * 10_000',
    "20,000 commitments in a row": '"تعهدت مصر بالعمل. " * 20_000',
    "20,000 negations": '"قالت مصر إنها لن " * 20_000 + "تسمح."',
    "24,000 private persons and their surnames": '"قال اللاعب محمد صلاح إن صلاح سيبقى. " * 24_000',
}

_HOSTILE_RUN = textwrap.dedent(
    """
    import json, sys, time
    from typer.testing import CliRunner
    from tracker.cli import app
    from tracker.errors import BadInput
    from tracker.extract import extract

    extract("تعهدت مصر بالعمل.")  # rules compiled and cached: the bound is for reading
    text = eval(sys.argv[2])
    t0 = time.monotonic()
    if sys.argv[1] == "extract":
        try:
            outcome = f"{len(extract(text))} commitments"
        except BadInput as exc:
            outcome = f"refused: {exc}"
        print(json.dumps({"seconds": time.monotonic() - t0, "outcome": outcome}))
    else:
        result = CliRunner().invoke(app, ["extract", "-"], input=text)
        print(json.dumps({
            "seconds": time.monotonic() - t0,
            "exit": result.exit_code,
            "stderr": result.stderr[-300:],
            "exception": None if isinstance(result.exception, (SystemExit, type(None)))
            else repr(result.exception),
        }))
    """
)
# Seconds a subprocess may take beyond the bound: start, imports, compiling the rules.
STARTUP = 6.0


def _hostile(phase: str, name: str) -> dict[str, Any]:
    try:
        done = subprocess.run(
            [sys.executable, "-c", _HOSTILE_RUN, phase, HOSTILE[name]],
            capture_output=True,
            text=True,
            timeout=BOUND + STARTUP,
            cwd=ROOT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise AssertionError(f"{name}: {phase} gave no answer in {BOUND + STARTUP:.0f} s") from None
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_text_is_read_or_refused_in_bounded_time(name: str) -> None:
    """extract() and `tracker extract -` each read the text or refuse it within BOUND."""
    found = _hostile("extract", name)
    assert found["seconds"] < BOUND, found
    shown = _hostile("cli", name)
    assert shown["seconds"] < BOUND, shown
    assert shown["exception"] is None, shown
    if shown["exit"] == 1:  # refused: one line naming the input
        lines = shown["stderr"].strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: <stdin>: "), shown
        assert found["outcome"].startswith("refused"), found
    else:
        assert shown["exit"] == 0, shown


def test_ingest_reports_and_skips_a_hostile_article_and_stores_the_good_ones(
    sqlite_url: str, tmp_path: Path
) -> None:
    hostile = eval(HOSTILE["one trigger word 100,000 times"])
    good = [json.loads(line)["text"] for line in _corpus(2)]
    feed = tmp_path / "feed.jsonl"
    docs = [good[0], hostile, good[1]]
    _write(
        feed,
        [
            json.dumps({"id": f"d{i}", "text": t}, ensure_ascii=False) + "\n"
            for i, t in enumerate(docs)
        ],
    )
    t0 = time.monotonic()
    try:
        done = tracker(sqlite_url, "ingest", str(feed), "--json", timeout=BOUND + STARTUP)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"the ingest did not end in {BOUND + STARTUP:.0f} s") from None
    assert time.monotonic() - t0 < BOUND + STARTUP
    assert "Traceback" not in done.stderr
    errors = done.stderr.strip().splitlines()
    if done.returncode == 1:  # the hostile article was refused: one line names it
        assert errors == [e for e in errors if e.startswith(f"error: {feed}:2: ")] and errors
    else:
        assert done.returncode == 0 and errors == []
    assert _hashes([json.dumps({"text": t}) for t in good]) <= set(
        canonical(sqlite_url)["articles"]
    )


_TIMEOUT_AUDIT = textwrap.dedent(
    """
    import datetime as dt, json, sys, types
    from pathlib import Path
    import regex as real

    PACKAGE = sys.argv[1]
    METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split",
               "splititer")
    untimed = {}

    def note(name, kwargs, pattern):
        if kwargs.get("timeout"):
            return
        from tracker.extract.budget import LINEAR  # shapes that cannot backtrack
        if getattr(pattern, "pattern", pattern) in LINEAR:
            return
        frame = sys._getframe(2)
        if frame.f_code.co_filename.startswith(PACKAGE):
            where = Path(frame.f_code.co_filename).relative_to(PACKAGE)
            key = f"{where}:{frame.f_lineno} {name}"
            untimed[key] = untimed.get(key, 0) + 1

    class Pattern:
        def __init__(self, compiled):
            self._real = compiled
        def __getattr__(self, name):
            return getattr(self._real, name)

    def method(name):
        def call(self, *args, **kwargs):
            note(name, kwargs, self._real)
            return getattr(self._real, name)(*args, **kwargs)
        return call

    def function(name):
        def call(pattern, *args, **kwargs):
            pattern = pattern._real if isinstance(pattern, Pattern) else pattern
            note(name, kwargs, pattern)
            return getattr(real, name)(pattern, *args, **kwargs)
        return call

    def compile(pattern, flags=0, **kwargs):
        if isinstance(pattern, Pattern):
            return pattern
        return Pattern(real.compile(pattern, flags, **kwargs))

    proxy = types.ModuleType("regex")
    proxy.__dict__.update(real.__dict__)
    proxy.compile = compile
    for name in METHODS:
        setattr(Pattern, name, method(name))
        setattr(proxy, name, function(name))
    sys.modules["regex"] = proxy

    from tracker.extract import analyse
    from tracker.extract.followups import article_signals

    found = 0
    for line in open(sys.argv[2], encoding="utf-8"):
        doc = json.loads(line)
        a = analyse(doc["text"], dt.date.fromisoformat(doc["published"]))
        article_signals(a)
        found += len(a.commitments)
    print(json.dumps({"commitments": found, "untimed": untimed}, ensure_ascii=False))
    """
)


@pytest.mark.parametrize(
    "pattern", [r"\w+", r"\s+", r"[،,;؛:]", r"(?<!\d)[.!?؟؛]+(?!\d)|\n+", r"\d", r"ab[cd]+e"]
)
def test_linear_accepts_patterns_that_cannot_backtrack(pattern: str) -> None:
    """One repeated atom, with one-atom lookarounds: these run without a timeout."""
    assert linear(pattern).pattern in LINEAR


@pytest.mark.parametrize(
    "pattern",
    [r"(a+)+", r"(?:a|b)+", r"\w+\w+", r"\w+\s*\w+", r"a.*b", r"(\w+)", r"\w{2,}", r"a+?"],
)
def test_linear_refuses_patterns_that_could_backtrack(pattern: str) -> None:
    """Nested or repeated quantifiers, groups and wildcards need the article's timeout."""
    with pytest.raises(ValueError, match="not a linear pattern"):
        linear(pattern)


def test_every_regex_call_of_the_extractor_has_a_timeout(tmp_path: Path) -> None:
    """Run the extractor with `regex` replaced by a recording proxy: every call from
    tracker/extract must pass timeout= unless its pattern is `linear` (cannot backtrack); and
    the stdlib `re` (no timeout) is not used there."""
    package = ROOT / "tracker" / "extract"
    for source in package.glob("*.py"):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert "re" not in names, f"{source.name} uses the re module, which has no timeout"
    feed = _write(tmp_path / "feed.jsonl", [*_corpus(80), SEED_ARTICLE_LINE])
    done = subprocess.run(
        [sys.executable, "-c", _TIMEOUT_AUDIT, str(package) + os.sep, str(feed)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout)
    assert report["commitments"] > 20  # the proxy changed nothing
    assert report["untimed"] == {}, "regex calls without a timeout:\n" + "\n".join(
        f"  {k} ({n} calls)" for k, n in sorted(report["untimed"].items())
    )


SEED_ARTICLE_LINE = (
    json.dumps(
        {"id": "seed", "published": "2024-02-13", "text": SEED_ARTICLE.read_text("utf-8")},
        ensure_ascii=False,
    )
    + "\n"
)


# --------------------------------------------------------------------------- 5. properties

LETTERS = [chr(c) for c in range(0x0621, 0x064B)]
HARAKAT = [chr(c) for c in range(0x064B, 0x0653)]
DIGITS = [chr(c) for c in range(0x0660, 0x066A)] + list("0123456789")
PUNCTUATION = [*list("،؛؟.!:,;()-\"'"), "“", "”", "«", "»", "…"]
INVISIBLE = ["\u200f", "\u200e", "\u200d", "\u200b", "\ufeff", "\u202b", "\u2067", "\u0670"]
EMOJI = ["😀", "🇪🇬", "👍🏽", "🕊️", "∑", "中文", "Ω"]
TRIGGERS = [
    "تعهد",
    "تعهدت",
    "تَعَهَّدَتْ",
    "اتفقا على",
    "اتفق الطرفان على",
    "أكدت استعدادها",
    "أكد استعداد",
    "لن",
    "لن تسمح",
    "سيعمل",
    "ستعمل",
    "سوف",
    "قبل دعوة",
    "قبل رئيس أركان",
    "وقعت",
    "جددت التزامها",
    "مصر",
    "النيجر",
    "نيجيريا",
    "السودان",
    "الأمم المتحدة",
    "الحكومة المصرية",
    "قال",
    "إن",
    "بتقديم",
    "خلال أسبوع",
    "بحلول نهاية العام",
    "٢٠٢٤",
]
SENTENCES = [
    "تعهدت مصر بتقديم مساعدات إنسانية عاجلة إلى السودان.",
    "أكدت النيجر استعدادها لتعزيز التعاون الأمني مع نيجيريا.",
    "اتفقت مصر والسودان على تشكيل لجنة فنية مشتركة خلال شهر.",
    "قال وزير الخارجية الأردني إن بلاده لن تسمح باستخدام أراضيها.",
    "قبل رئيس أركان النيجر دعوة نظيره النيجيري لزيارة أبوجا.",
]

_word = st.text(alphabet=st.sampled_from(LETTERS + HARAKAT[:2]), min_size=1, max_size=8)
_piece = st.one_of(
    st.sampled_from(TRIGGERS),
    st.sampled_from(SENTENCES),
    _word,
    st.sampled_from([" ", " ", " ", "\n", "\t", "\u00a0", "ـ"]),
    st.sampled_from(HARAKAT),
    st.text(alphabet=st.sampled_from([*HARAKAT, "ـ"]), min_size=2, max_size=6),
    st.sampled_from(DIGITS),
    st.sampled_from(PUNCTUATION),
    st.sampled_from(INVISIBLE),
    st.text(alphabet=st.sampled_from("abcXYZ ."), min_size=1, max_size=6),
    st.sampled_from(EMOJI),
    st.characters(codec="utf-8"),
    st.sampled_from(TRIGGERS),
    _word,
    st.sampled_from([" ", " "]),
)
arabic_text = st.lists(_piece, max_size=40).map("".join)


def test_extract_never_raises_and_every_span_slices_its_evidence() -> None:
    seen: Counter[str] = Counter()

    @settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(text=arabic_text, published=st.none() | st.dates(dt.date(1990, 1, 1)))
    def check(text: str, published: dt.date | None) -> None:
        found = extract(text, published)
        assert found == extract(text, published)  # deterministic
        seen["texts"] += 1
        seen["with commitments"] += bool(found)
        for c in found:
            assert 0 <= c.start < c.end <= len(text), (c.start, c.end, len(text))
            assert text[c.start : c.end] == c.evidence
            assert c.mentions[0][:2] == (c.start, c.end)
            assert 0 <= c.mentions[0][2] <= c.start and c.end <= c.mentions[0][3] <= len(text)
            for s, e, *sentence in c.mentions:  # (start, end[, sentence start, sentence end])
                assert 0 <= s < e <= len(text)
                if sentence:
                    assert 0 <= sentence[0] <= s and e <= sentence[1] <= len(text)
            assert c.action in c.evidence
            assert c.kind in KINDS and c.polarity in POLARITIES
            assert 0.0 <= c.confidence <= 1.0
            assert c.made_on == published

    check()
    assert seen["with commitments"] >= seen["texts"] // 10, seen


@settings(max_examples=200, deadline=None)
@given(text=arabic_text, data=st.data())
def test_normalization_offset_map_is_monotone_and_round_trips(text: str, data: Any) -> None:
    n = normalize(text)
    assert n.original == text
    assert n.text == normalize_text(text)
    assert normalize_text(n.text) == n.text  # idempotent
    kept = [n.to_original(i) for i in range(len(n.text))]
    assert all(a < b for a, b in itertools.pairwise(kept))  # strictly increasing
    assert all(0 <= k < len(text) for k in kept)
    for i, k in enumerate(kept):  # each kept character normalizes to its copy
        assert normalize_text(text[k]) == n.text[i]
    dropped = set(range(len(text))) - set(kept)
    assert all(normalize_text(text[j]) == "" for j in dropped)  # only deletable marks go
    assert n.to_original(len(n.text)) == len(text)
    start = data.draw(st.integers(0, len(n.text)))
    end = data.draw(st.integers(start, len(n.text)))
    o_start, o_end = n.span_to_original(start, end)
    assert 0 <= o_start <= o_end <= len(text)
    assert normalize_text(text[o_start:o_end]) == n.text[start:end]  # round trip


# --------------------------------------------------------------------------- 6. boundary

SQL_VALUES = [
    "'",
    '"',
    "%",
    "_",
    "\\",
    "'; DROP TABLE commitment; --",
    "%' OR '1'='1",
    '" OR ""="',
    "NER' --",
    "*",
    "NEAR(",
    "a\x00b",
]


def _tables(url: str) -> set[str]:
    engine = _reader(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_user_values_reach_sql_as_bound_parameters(db_url: str) -> None:
    cli_ok(db_url, "ingest", str(SEED_ARTICLE), "--published", "2024-02-13")
    tables = _tables(db_url)
    every = json.loads(cli_ok(db_url, "list", "--format", "json", "--limit", "1000"))
    assert len(every) >= 8

    for value in SQL_VALUES:
        result = cli(db_url, "list", "--search", value, "--format", "json")
        if "\x00" in value and result.exit_code == 1:  # PostgreSQL text holds no NUL
            one_line_error(result)
            continue
        assert result.exit_code == 0, (value, result.output, result.stderr, result.exception)
        assert json.loads(result.stdout) == [], value

        result = cli(db_url, "list", "--party", value, "--format", "json")
        if "\x00" in value and result.exit_code == 1:
            one_line_error(result)
            continue
        assert result.exit_code == 0, (value, result.stderr, result.exception)
        assert json.loads(result.stdout) == [], value
    # an SQL fragment after a word: the word alone is searched, the rest is punctuation
    words = json.loads(cli_ok(db_url, "list", "--search", "تعهد", "--format", "json"))
    fragment = json.loads(cli_ok(db_url, "list", "--search", "تعهد' OR 1=1 --", "--format", "json"))
    assert fragment == words and 0 < len(words) < len(every)
    assert json.loads(cli_ok(db_url, "list", "--party", "X' OR 1=1 --", "--format", "json")) == []
    assert json.loads(cli_ok(db_url, "list", "--party", "N_R", "--format", "json")) == []
    assert json.loads(cli_ok(db_url, "list", "--party", "%", "--format", "json")) == []
    assert "no party" in one_line_error(cli(db_url, "parties", "show", "X' OR '1'='1"))

    cid = str(every[0]["id"])
    note = 'x\'); DROP TABLE commitment; -- 100% _ "quoted" \\ ؟'
    cli_ok(db_url, "mark", cid, "in_progress", "--note", note)
    result = cli(db_url, "mark", cid, "stalled", "--note", "nul\x00note")
    if result.exit_code == 1:
        one_line_error(result)
        expected = [note]
    else:
        expected = [note, "nul\x00note"]
    history = json.loads(cli_ok(db_url, "history", cid, "--json"))
    assert [e["note"] for e in history[1:]] == expected

    alias = "x'); DROP TABLE party; --"
    cli_ok(db_url, "parties", "alias", "NER", alias)
    cli_ok(db_url, "parties", "alias", "NER", "ab%_c")
    cli_ok(db_url, "parties", "alias", "NGA", "abXYc")  # % and _ are no wildcards here
    ner = json.loads(cli_ok(db_url, "parties", "show", "NER", "--json"))
    assert {alias, "ab%_c"} <= {a["alias"] for a in ner["aliases"]}
    nga = json.loads(cli_ok(db_url, "parties", "show", "NGA", "--json"))
    assert "abXYc" in {a["alias"] for a in nga["aliases"]}

    assert _tables(db_url) == tables
    # in_progress and stalled are open statuses: the list is whole, nothing was dropped
    assert len(json.loads(cli_ok(db_url, "list", "--format", "json", "--limit", "1000"))) == len(
        every
    )
    assert json.loads(cli_ok(db_url, "show", cid, "--json"))["id"] == int(cid)


def test_default_database_file_is_private_to_its_owner(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "TRACKER_DATABASE_URL"}
    env["HOME"] = str(tmp_path)
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    done = subprocess.run(
        [_script(), "ingest", str(SEED_ARTICLE)],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        umask=0,  # however permissive the user's umask
        check=False,
    )
    assert done.returncode == 0, done.stderr
    folder = tmp_path / "data" / "tracker"
    database = folder / "tracker.db"
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    for companion in (folder / "tracker.db-wal", folder / "tracker.db-shm"):
        if companion.exists():
            assert stat.S_IMODE(companion.stat().st_mode) & 0o077 == 0, companion
    assert stat.S_IMODE(folder.stat().st_mode) & 0o077 == 0, oct(folder.stat().st_mode)


PASSWORD = "s3cr3tpw"


def _with_password(url: str, port: int | None = None, database: str | None = None) -> str:
    from sqlalchemy.engine import make_url

    u = make_url(url).set(password=PASSWORD)
    if port is not None:
        u = u.set(port=port)
    if database is not None:
        u = u.set(database=database)
    return u.render_as_string(hide_password=False)


def test_no_command_prints_the_database_password(pg_empty_url: str, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(GOOD, encoding="utf-8")
    export = tmp_path / "export.jsonl"
    export.write_text("", encoding="utf-8")
    urls = [
        f"postgresql://postgres:{PASSWORD}@127.0.0.1:1/x",  # unreachable
        _with_password(pg_empty_url, database=f"missing_{uuid.uuid4().hex[:8]}"),
        _with_password(pg_empty_url),  # reachable, no schema yet
        f"postgresql+nodriver://postgres:{PASSWORD}@127.0.0.1/x",  # unknown driver
        f"postgresql://postgres:{PASSWORD}@127.0.0.1:notaport/x",  # malformed
    ]
    commands = [
        ("list",),
        ("ingest", str(article)),
        ("db", "current"),
        ("show", "1"),
        ("mark", "1", "fulfilled"),
        ("parties", "list"),
        ("followups",),
        ("export",),
        ("import", str(export)),
        ("report", "--out", str(tmp_path / "r.html")),
        ("db", "upgrade"),  # last: it migrates the reachable database
    ]
    for url in urls:
        for args in commands:
            result = cli(url, *args)
            shown = result.output + result.stderr + repr(result.exception)
            assert PASSWORD not in shown, (url, args, shown)
    # the real script, the URL in the environment, including the migration commands
    for url in (urls[0], urls[2]):
        env = {**os.environ, "TRACKER_DATABASE_URL": url}
        for args in (("db", "current"), ("list",), ("ingest", str(article)), ("db", "upgrade")):
            done = subprocess.run(
                [_script(), *args], env=env, capture_output=True, text=True, timeout=60, check=False
            )
            assert PASSWORD not in done.stdout + done.stderr, (url, args, done.stderr)
            assert "Traceback" not in done.stderr, (url, args, done.stderr)
