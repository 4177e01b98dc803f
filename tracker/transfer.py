"""Export and import of a whole database (JSON Lines) and of the commitments view (CSV).

The JSON Lines file is generic over the schema: every table of `Base.metadata`, parents before
children, rows ordered by primary key, values in one canonical form. So a column added by a
later migration is exported without code changes, and export → import → export is byte-identical
on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import Table, exists, func, insert, select, text, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from tracker.db.models import (
    Article,
    Base,
    Commitment,
    CommitmentParty,
    Mention,
    Party,
    PartyAlias,
    StatusEvent,
)
from tracker.db.session import HEAD_REVISION
from tracker.errors import BadInput

FORMAT = "tracker-export"
VERSION = 1
BATCH = 500
# The gazetteer that `tracker db upgrade` loads: present in a new database, replaced on import.
GAZETTEER_TABLES = ("party", "party_alias")
CSV_COLUMNS = (
    "id", "kind", "status", "polarity", "promisors", "counterparties", "made_on", "due_on",
    "confidence", "rule_id", "article_id", "article_title", "mentions", "evidence", "action",
    "last_status_change_on",
)  # fmt: skip


def tables() -> list[Table]:
    """The exported tables, parents first; derived search indexes are rebuilt, not exported."""
    return [
        t
        for t in Base.metadata.sorted_tables
        if not (t.name.startswith("fts") or t.name.endswith("_fts"))
    ]


def _dumps(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _value(value: object) -> object:
    """A column value in its canonical JSON form; datetimes in UTC so backends agree."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:  # SQLite keeps the UTC clock time without an offset
            value = value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def export_jsonl(session: Session, out: TextIO) -> dict[str, int]:
    """Write the header and every row of every table; return the row count per table."""
    out.write(_dumps({"format": FORMAT, "version": VERSION, "schema": HEAD_REVISION}) + "\n")
    counts: dict[str, int] = {}
    for table in tables():
        counts[table.name] = 0
        query = select(table).order_by(*table.primary_key.columns)
        result = session.execute(query, execution_options={"yield_per": BATCH})
        for row in result.mappings():
            record = {k: _value(v) for k, v in row.items()}
            out.write(_dumps({"table": table.name, "row": record}) + "\n")
            counts[table.name] += 1
    return counts


def export_csv(session: Session, out: TextIO) -> int:
    """Write the commitments view for spreadsheets, one row per commitment; return the count."""
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    mentions = select(func.count()).where(Mention.commitment_id == Commitment.id)
    last_change = select(func.max(StatusEvent.occurred_on)).where(
        StatusEvent.commitment_id == Commitment.id
    )
    evidence = func.substr(
        Article.text, Commitment.span_start + 1, Commitment.span_end - Commitment.span_start
    )
    query = (
        select(
            Commitment.id, Commitment.kind, Commitment.status, Commitment.polarity,
            Commitment.made_on, Commitment.due_on, Commitment.confidence, Commitment.rule_id,
            Commitment.article_id, Article.title, mentions.correlate(Commitment).scalar_subquery(),
            evidence, Commitment.action, last_change.correlate(Commitment).scalar_subquery(),
        )
        .join(Article, Article.id == Commitment.article_id)
        .order_by(Commitment.id)
        .limit(BATCH)
    )  # fmt: skip
    count, last_id = 0, None
    while True:  # keyset batches: a large database is never loaded at once
        page = query if last_id is None else query.where(Commitment.id > last_id)
        rows = session.execute(page).all()
        if not rows:
            return count
        parties = _parties(session, [r[0] for r in rows])
        for cid, kind, status, polarity, made, due, confidence, *rest in rows:
            roles = parties.get(cid, {})
            promisors = " ".join(roles.get("promisor", []))
            counterparties = " ".join(roles.get("counterparty", []))
            dates = [_value(made) or "", _value(due) or ""]
            *middle, changed = rest
            writer.writerow(
                [cid, kind, status, polarity, promisors, counterparties, *dates,
                 repr(confidence), *middle, _value(changed) or ""]
            )  # fmt: skip
        count += len(rows)
        last_id = rows[-1][0]


def _parties(session: Session, ids: list[int]) -> dict[int, dict[str, list[str]]]:
    links = session.execute(
        select(CommitmentParty.commitment_id, CommitmentParty.role, Party.code)
        .join(Party, Party.id == CommitmentParty.party_id)
        .where(CommitmentParty.commitment_id.in_(ids))
        .order_by(Party.code)
    )
    found: dict[int, dict[str, list[str]]] = {}
    for cid, role, code in links:
        found.setdefault(cid, {}).setdefault(role, []).append(code)
    return found


@contextmanager
def _opened(source: str | Path | TextIO) -> Iterator[TextIO]:
    if isinstance(source, (str, Path)):
        try:
            with open(source, encoding="utf-8") as handle:
                yield handle
        except OSError as exc:
            raise BadInput(f"cannot read {source}: {exc.strerror or exc}") from None
    else:
        yield source


def _lines(handle: TextIO) -> Iterator[tuple[int, Any]]:
    """Each non-blank line parsed as JSON, with its line number."""
    number = 0
    try:
        for number, line in enumerate(handle, 1):
            if line.strip():
                try:
                    yield number, json.loads(line)
                except ValueError as exc:
                    raise BadInput(f"line {number}: not valid JSON ({exc})") from None
    except UnicodeDecodeError:
        raise BadInput(f"line {number + 1}: not UTF-8 text") from None


def _check_header(number: int, header: Any) -> None:
    if not (isinstance(header, dict) and header.get("format") == FORMAT):
        raise BadInput(f"line {number}: not a tracker export")
    schema = header.get("schema")
    if header.get("version") != VERSION or not isinstance(schema, str):
        raise BadInput(f"line {number}: unsupported tracker export version {header.get('version')}")
    if schema == HEAD_REVISION:
        return
    from alembic.script import ScriptDirectory

    from tracker.db.migrate import alembic_config

    known = {s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    if schema not in known:
        raise BadInput(f"written by a newer tracker (schema {schema}); upgrade tracker first")
    raise BadInput(
        f"written by an older tracker (schema {schema}); this version imports only schema "
        f"{HEAD_REVISION}: export it again with a tracker at {HEAD_REVISION}"
    )


def _check_empty(session: Session) -> None:
    """Refuse a database with user data; the built-in gazetteer alone is replaced."""
    user_data = [select(t).exists() for t in tables() if t.name not in GAZETTEER_TABLES]
    user_data.append(exists().where(PartyAlias.origin != "builtin"))
    user_data.append(exists().where(Party.merged_into_id.is_not(None)))
    if any(session.scalar(select(e)) for e in user_data):
        raise BadInput("the database is not empty: import needs an empty database")


def _convert(number: int, table: Table, row: dict[str, Any]) -> dict[str, Any]:
    """The row with each value checked against its column and dates parsed back."""
    unknown = sorted(set(row) - set(table.c.keys()))
    missing = sorted(set(table.c.keys()) - set(row))
    if unknown or missing:
        what = f"unknown column {unknown[0]}" if unknown else f"missing column {missing[0]}"
        raise BadInput(f"line {number}: {what} in table {table.name}")
    converted = {}
    for name, value in row.items():
        try:
            kind = table.c[name].type.python_type
        except NotImplementedError:
            kind = object
        parsed = None if value is None else _parse(value, kind)
        if value is not None and parsed is None:
            got = type(value).__name__
            raise BadInput(
                f"line {number}: {table.name}.{name}: expected {kind.__name__}, got {got}"
            )
        converted[name] = parsed
    return converted


def _parse(value: Any, kind: type) -> Any:
    """`value` as `kind`, or None if it cannot be one."""
    try:
        if kind is dt.datetime and isinstance(value, str):
            parsed = dt.datetime.fromisoformat(value)
            return (parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)).astimezone(dt.UTC)
        if kind is dt.date and isinstance(value, str):
            return dt.date.fromisoformat(value)
    except ValueError:
        return None
    if kind is float and isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if kind is int and isinstance(value, bool):
        return None
    if kind in (dt.datetime, dt.date) or not isinstance(value, kind):
        return None
    return value


def _insert(session: Session, table: Table, batch: list[tuple[int, dict[str, Any]]]) -> None:
    """Insert a batch in a savepoint; if it fails, retry row by row to name the bad line."""
    try:
        with session.begin_nested():
            session.execute(insert(table), [row for _, row in batch])
    except (SQLAlchemyError, OverflowError) as exc:
        for number, row in batch:
            _execute(session, number, table, insert(table).values(row))
        raise BadInput(f"lines {batch[0][0]}-{batch[-1][0]}: {_reason(exc)}") from None


def _execute(session: Session, number: int, table: Table, statement: Any) -> None:
    """Run one statement in a savepoint (PostgreSQL aborts the transaction on an error)."""
    try:
        with session.begin_nested():
            session.execute(statement)
    except (SQLAlchemyError, OverflowError) as exc:
        raise BadInput(f"line {number}: cannot store {table.name} row: {_reason(exc)}") from None


def _reason(exc: Exception) -> str:
    orig = getattr(exc, "orig", None) or exc
    return (str(orig).strip().splitlines() or [type(orig).__name__])[0]


def import_jsonl(session: Session, source: str | Path | TextIO) -> dict[str, int]:
    """Load an export into an empty database in the caller's transaction; return the counts.

    Any error raises BadInput naming the line, and the caller's rollback leaves nothing written.
    """
    known = {t.name: t for t in tables()}
    counts = {name: 0 for name in known}
    # self references (party.parent_id, party.merged_into_id) may point forward: set them last
    later: list[tuple[int, Table, dict[str, Any], dict[str, Any]]] = []
    with _opened(source) as handle:
        lines = _lines(handle)
        first = next(lines, None)
        if first is None:
            raise BadInput("line 1: not a tracker export (the file is empty)")
        _check_header(*first)
        _check_empty(session)
        for table in reversed(known.values()):
            session.execute(table.delete())
        batch: list[tuple[int, dict[str, Any]]] = []
        current: Table | None = None
        for number, item in lines:
            if not (isinstance(item, dict) and set(item) == {"table", "row"}):
                raise BadInput(f'line {number}: expected {{"table": ..., "row": {{...}}}}')
            table = known.get(item["table"]) if isinstance(item["table"], str) else None
            if table is None:
                raise BadInput(f"line {number}: unknown table {item['table']!r}")
            if not isinstance(item["row"], dict):
                raise BadInput(f"line {number}: row is not an object")
            row = _convert(number, table, item["row"])
            refs = _self_refs(table)
            if any(row[c] is not None for c in refs):
                keys = {c.name: row[c.name] for c in table.primary_key.columns}
                later.append((number, table, keys, {c: row[c] for c in refs}))
                row = {**row, **dict.fromkeys(refs)}
            if current is not None and (table is not current or len(batch) >= BATCH):
                _insert(session, current, batch)
                batch = []
            current = table
            batch.append((number, row))
            counts[table.name] += 1
        if current is not None and batch:
            _insert(session, current, batch)
    for number, table, keys, values in later:
        where = [table.c[k] == v for k, v in keys.items()]
        _execute(session, number, table, update(table).where(*where).values(values))
    _reset_sequences(session)
    return counts


def _self_refs(table: Table) -> list[str]:
    return [c.name for c in table.c if any(fk.column.table is table for fk in c.foreign_keys)]


def _reset_sequences(session: Session) -> None:
    """On PostgreSQL, move each id sequence past the imported ids so new rows get fresh ones."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in tables():
        column = table.autoincrement_column
        if column is None:
            continue
        session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', '{column.name}'), "
                f'COALESCE(MAX("{column.name}"), 1), MAX("{column.name}") IS NOT NULL) '
                f'FROM "{table.name}"'
            )
        )
