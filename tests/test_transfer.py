"""Export and import: round trips on both backends and across them, refusals, CSV, a property."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, insert, select
from typer.testing import CliRunner

from tests.conftest import SEED_ARTICLE, copy_of, pg_database
from tracker.cli import app
from tracker.db.models import (
    FOLLOWUP_STATES,
    Article,
    Commitment,
    CommitmentParty,
    Followup,
    Mention,
    Party,
    StatusEvent,
)
from tracker.db.session import HEAD_REVISION, make_engine, session_scope
from tracker.domain import KINDS, POLARITIES, ROLES, STATUSES
from tracker.errors import BadInput
from tracker.transfer import export_csv, export_jsonl, import_jsonl

runner = CliRunner()

SECOND = (
    "مصر تتعهد بدعم السودان\n"
    "تعهدت مصر بتقديم مساعدات إنسانية عاجلة إلى السودان خلال الشهر المقبل، "
    "وأكد وزير الخارجية المصري أن القاهرة ستواصل دعم جهود وقف إطلاق النار."
)


def ok(db: str, *args: str) -> str:
    result = runner.invoke(app, ["--db", db, *args])
    assert result.exit_code == 0, (result.output, result.stderr)
    return result.stdout


def export(url: str) -> str:
    engine = make_engine(url)
    out = io.StringIO()
    with session_scope(engine) as session:
        export_jsonl(session, out)
    engine.dispose()
    return out.getvalue()


def load(url: str, source: str | Path | io.StringIO) -> dict[str, int]:
    engine = make_engine(url)
    try:
        with session_scope(engine) as session:
            return import_jsonl(session, source)
    finally:
        engine.dispose()


def count(url: str, model: type) -> int:
    engine = make_engine(url)
    with session_scope(engine) as session:
        n = session.scalar(select(func.count()).select_from(model)) or 0
    engine.dispose()
    return n


@pytest.fixture
def other_sqlite(sqlite_template: Path, tmp_path: Path) -> str:
    """A second fresh migrated SQLite database with the gazetteer, as the import target."""
    return copy_of(sqlite_template, tmp_path / "target.db")


@pytest.fixture
def other_pg(pg_template: str) -> Iterator[str]:
    """A second fresh migrated PostgreSQL database, as the import target."""
    yield from pg_database(pg_template)


@pytest.fixture
def filled(db_url: str, tmp_path: Path) -> str:
    """A database built through the CLI: two articles, marked and fulfilled commitments."""
    ok(db_url, "ingest", str(SEED_ARTICLE), "--published", "2024-02-13", "--source", "seed")
    second = tmp_path / "second.txt"
    second.write_text(SECOND, encoding="utf-8")
    ok(db_url, "ingest", str(second), "--published", "2024-03-02")
    rows = json.loads(ok(db_url, "list", "--format", "json", "--limit", "100"))
    assert len(rows) >= 8
    ids = sorted(r["id"] for r in rows)
    ok(
        db_url,
        "mark",
        str(ids[0]),
        "in_progress",
        "--note",
        "بدأ التنفيذ «جزئيًا»",
        "--on",
        "2024-02-20",
    )
    ok(db_url, "fulfill", str(ids[1]), "--note", "the visit took place", "--evidence", "2")
    ok(db_url, "mark", str(ids[2]), "broken", "--note", "line one\nline two")
    return db_url


def test_round_trip_same_backend(
    filled: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    target = request.getfixturevalue("other_sqlite" if "sqlite" in filled else "other_pg")
    first = export(filled)
    header = json.loads(first.splitlines()[0])
    assert header == {"format": "tracker-export", "version": 1, "schema": HEAD_REVISION}
    tables = {json.loads(line)["table"] for line in first.splitlines()[1:]}
    assert {
        "article",
        "party",
        "party_alias",
        "commitment",
        "commitment_party",
        "mention",
    } <= tables
    assert {"status_event"} <= tables
    counts = load(target, io.StringIO(first))
    assert counts["article"] == 2 and counts["status_event"] > counts["commitment"]
    assert export(target) == first
    # the sequences moved past the imported ids: new rows still go in
    late = tmp_path / "late.txt"
    late.write_text(SECOND.replace("مصر", "الأردن"), encoding="utf-8")
    assert ok(target, "ingest", str(late)).startswith("1 new")
    assert count(target, Article) == 3


def test_round_trip_sqlite_to_postgresql(sqlite_url: str, pg_url: str, tmp_path: Path) -> None:
    ok(sqlite_url, "ingest", str(SEED_ARTICLE), "--published", "2024-02-13")
    ok(sqlite_url, "fulfill", "1", "--note", "كُتب هنا", "--on", "2024-03-01")
    first = export(sqlite_url)
    path = tmp_path / "export.jsonl"
    path.write_text(first, encoding="utf-8")
    load(pg_url, path)
    assert export(pg_url) == first


def test_broken_line_writes_nothing(filled: str, other_sqlite: str, tmp_path: Path) -> None:
    lines = export(filled).splitlines(keepends=True)
    middle = len(lines) // 2
    lines[middle] = '{"table": "mention", "row": {\n'
    path = tmp_path / "broken.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(BadInput, match=f"line {middle + 1}: not valid JSON"):
        load(other_sqlite, path)
    assert count(other_sqlite, Article) == 0
    assert count(other_sqlite, Party) > 0  # the gazetteer deleted in the transaction is back


def test_foreign_key_violation_writes_nothing(db_url: str, tmp_path: Path) -> None:
    header = {"format": "tracker-export", "version": 1, "schema": HEAD_REVISION}
    article = {
        "id": 1, "content_hash": "h", "external_id": None, "title": "t", "text": "نص",
        "source": None, "url": None, "published_on": "2024-01-01",
        "ingested_at": "2024-01-01T00:00:00+00:00",
    }  # fmt: skip
    mention = {
        "id": 1, "commitment_id": 42, "article_id": 1, "span_start": 0, "span_end": 1,
        "sentence": "x",
    }  # fmt: skip
    text_ = "\n".join(
        json.dumps(o)
        for o in (
            header,
            {"table": "article", "row": article},
            {"table": "mention", "row": mention},
        )
    )
    with pytest.raises(BadInput, match="line 3: cannot store mention row"):
        load(db_url, io.StringIO(text_))
    assert count(db_url, Article) == 0


@pytest.mark.parametrize(
    ("first_line", "message"),
    [
        ('{"format": "tracker-export", "version": 1, "schema": "9999_future"}',
         r"written by a newer tracker \(schema 9999_future\); upgrade tracker first"),
        ('{"format": "tracker-export", "version": 1, "schema": "0001_initial"}',
         r"older tracker \(schema 0001_initial\)"),
        ('{"table": "article", "row": {}}', "line 1: not a tracker export"),
        ("not json", "line 1: not valid JSON"),
    ],
)  # fmt: skip
def test_bad_header_refused(sqlite_url: str, first_line: str, message: str) -> None:
    with pytest.raises(BadInput, match=message):
        load(sqlite_url, io.StringIO(first_line + "\n"))


def test_unknown_table_and_column_named(sqlite_url: str) -> None:
    header = json.dumps({"format": "tracker-export", "version": 1, "schema": HEAD_REVISION})
    with pytest.raises(BadInput, match="line 2: unknown table 'nope'"):
        load(sqlite_url, io.StringIO(header + '\n{"table": "nope", "row": {}}\n'))
    with pytest.raises(BadInput, match="line 3: unknown column color in table party"):
        load(sqlite_url, io.StringIO(header + '\n\n{"table": "party", "row": {"color": 1}}\n'))


def test_wrong_type_named(other_sqlite: str, filled: str) -> None:
    lines = export(filled).splitlines()
    index = next(i for i, line in enumerate(lines) if '"table":"commitment"' in line)
    record = json.loads(lines[index])
    record["row"]["span_start"] = "3"
    lines[index] = json.dumps(record)
    with pytest.raises(
        BadInput, match=f"line {index + 1}: commitment.span_start: expected int, got str"
    ):
        load(other_sqlite, io.StringIO("\n".join(lines)))


def test_non_empty_database_refused(filled: str) -> None:
    text_ = export(filled)
    with pytest.raises(BadInput, match="the database is not empty: import needs an empty database"):
        load(filled, io.StringIO(text_))


def test_missing_file(sqlite_url: str, tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="cannot read"):
        load(sqlite_url, tmp_path / "absent.jsonl")


def test_csv(filled: str) -> None:
    engine = make_engine(filled)
    out = io.StringIO()
    with session_scope(engine) as session:
        n = export_csv(session, out)
        total = session.scalar(select(func.count()).select_from(Commitment))
    engine.dispose()
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert n == total == len(rows) >= 8
    assert list(rows[0]) == [
        "id", "kind", "status", "polarity", "promisors", "counterparties", "made_on", "due_on",
        "confidence", "rule_id", "article_id", "article_title", "mentions", "evidence", "action",
        "last_status_change_on",
    ]  # fmt: skip
    assert all(r["evidence"] and r["action"] and int(r["mentions"]) >= 1 for r in rows)
    acceptance = next(r for r in rows if r["kind"] == "acceptance")
    assert acceptance["promisors"] == "NER" and acceptance["evidence"].startswith("قبل رئيس أركان")
    assert {r["status"] for r in rows} >= {"open", "fulfilled", "in_progress", "broken"}
    assert rows[0]["last_status_change_on"] == "2024-02-20"


# --- property: export → import → export is identical for arbitrary databases (SQLite) ---

ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأؤإئةى"
DIACRITICS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652"
ALPHABET = st.sampled_from(
    list(ARABIC) * 6 + list(DIACRITICS) * 2 + list(" \n\t\"'«»،.؟\\") + ["😀", "🌍", "x", "é", "٣"]
)
TEXT = st.text(ALPHABET, min_size=1, max_size=80)
DATES = st.dates(dt.date(1950, 1, 1), dt.date(2100, 12, 31))
TIMES = st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2090, 1, 1), timezones=st.just(dt.UTC))
MAYBE_TEXT = st.none() | TEXT


@st.composite
def databases(draw: st.DrawFn) -> dict[str, list[dict]]:
    articles = [
        {
            "id": i, "content_hash": f"h{i}", "title": draw(TEXT), "text": draw(TEXT),
            "external_id": draw(st.none() | st.text(max_size=20)), "source": draw(MAYBE_TEXT),
            "url": draw(MAYBE_TEXT), "published_on": draw(st.none() | DATES),
            "ingested_at": draw(TIMES),
        }
        for i in range(1, draw(st.integers(1, 4)) + 1)
    ]  # fmt: skip
    a_ids = st.sampled_from([a["id"] for a in articles])
    commitments = []
    for i in range(1, draw(st.integers(0, 5)) + 1):
        start = draw(st.integers(0, 40))
        commitments.append(
            {
                "id": i, "kind": draw(st.sampled_from(KINDS)),
                "polarity": draw(st.sampled_from(POLARITIES)), "action": draw(TEXT),
                "status": draw(st.sampled_from(STATUSES)), "made_on": draw(st.none() | DATES),
                "due_on": draw(st.none() | DATES),
                "confidence": draw(st.floats(0, 1, allow_nan=False)), "rule_id": draw(TEXT),
                "article_id": draw(a_ids), "span_start": start,
                "span_end": start + draw(st.integers(0, 40)), "fingerprint": f"f{i}",
                "created_at": draw(TIMES), "updated_at": draw(TIMES),
            }
        )  # fmt: skip
    c_ids = [c["id"] for c in commitments]
    links, mentions, events, followups = [], [], [], []
    if c_ids:
        pairs = st.tuples(st.sampled_from(c_ids), a_ids)
        links = [
            {"commitment_id": c, "party_id": p, "role": r}
            for c, p, r in draw(
                st.sets(
                    st.tuples(st.sampled_from(c_ids), st.integers(1, 5), st.sampled_from(ROLES))
                )
            )
        ]
        for n, (c, a, s) in enumerate(
            draw(st.sets(st.tuples(st.sampled_from(c_ids), a_ids, st.integers(0, 50)), max_size=6)),
            1,
        ):
            mentions.append(
                {"id": n, "commitment_id": c, "article_id": a, "span_start": s,
                 "span_end": s + 3, "sentence": draw(TEXT)}
            )  # fmt: skip
        for n in range(1, draw(st.integers(0, 6)) + 1):
            events.append(
                {"id": n, "commitment_id": draw(st.sampled_from(c_ids)),
                 "from_status": draw(st.none() | st.sampled_from(STATUSES)),
                 "to_status": draw(st.sampled_from(STATUSES)), "occurred_on": draw(DATES),
                 "note": draw(MAYBE_TEXT), "evidence_article_id": draw(st.none() | a_ids),
                 "recorded_at": draw(TIMES)}
            )  # fmt: skip
        for n, (c, a) in enumerate(draw(st.sets(pairs, max_size=4)), 1):
            followups.append(
                {"id": n, "commitment_id": c, "article_id": a,
                 "score": draw(st.floats(-1e6, 1e6, allow_nan=False)), "reason": draw(TEXT),
                 "suggested_status": draw(st.sampled_from(STATUSES)),
                 "state": draw(st.sampled_from(FOLLOWUP_STATES)), "created_at": draw(TIMES)}
            )  # fmt: skip
    merges = draw(st.lists(st.tuples(st.integers(1, 5), st.integers(1, 5), TIMES), max_size=3))
    return {
        "merge": [{"party": p, "into": q, "at": t} for p, q, t in merges],
        "article": articles, "commitment": commitments, "commitment_party": links,
        "mention": mentions, "status_event": events, "followup": followups,
    }  # fmt: skip


MODELS = {
    "article": Article, "commitment": Commitment, "commitment_party": CommitmentParty,
    "mention": Mention, "status_event": StatusEvent, "followup": Followup,
}  # fmt: skip


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=databases())
def test_round_trip_property(
    data: dict[str, list[dict]], tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path
) -> None:
    folder = tmp_path_factory.mktemp("prop")
    source, target = folder / "source.db", folder / "target.db"
    shutil.copy(sqlite_template, source)
    shutil.copy(sqlite_template, target)
    engine = make_engine(f"sqlite:///{source}")
    with session_scope(engine) as session:
        parties = session.scalars(select(Party.id).order_by(Party.id)).all()
        for m in data["merge"]:  # a merge may point at a later party: imported in two steps
            party = session.get(Party, parties[m["party"] - 1])
            party.merged_into_id, party.merged_at = parties[-m["into"]], m["at"]
            party.parent_id = parties[-m["into"]]
        session.flush()
        for name, rows in data.items():
            if name == "merge":
                continue
            if name == "commitment_party":
                rows = [{**r, "party_id": parties[r["party_id"] - 1]} for r in rows]
            if rows:
                session.execute(insert(MODELS[name]), rows)
    engine.dispose()
    first = export(f"sqlite:///{source}")
    load(f"sqlite:///{target}", io.StringIO(first))
    assert export(f"sqlite:///{target}") == first
    for name, rows in data.items():
        if name == "merge":
            continue
        assert first.count(f'"table":"{name}"') == len(rows)
