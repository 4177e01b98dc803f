"""Storing a batch of articles with a handful of statements, whatever its size.

Rows go in with executemany; SQLAlchemy's insertmanyvalues sends them as multi-row INSERTs
with RETURNING (SQLite 3.35+ and PostgreSQL), so new ids come back in order without one round
trip per row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import insert, or_, select
from sqlalchemy.orm import Session

from tracker.db.models import Article, Commitment, Followup
from tracker.domain import Article as ArticleIn


def insert_returning_ids(session: Session, model: type, rows: list[dict[str, object]]) -> list[int]:
    """Insert rows, returning their new ids in the order of `rows`."""
    if not rows:
        return []
    table = model.__table__  # type: ignore[attr-defined]
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return list(session.connection().execute(statement, rows).scalars())


def insert_rows(session: Session, model: type, rows: list[dict[str, object]]) -> None:
    """Core inserts of plain rows: the ORM's bulk path would map every row's keys again."""
    if rows:
        session.connection().execute(insert(model.__table__), rows)  # type: ignore[attr-defined]


def insert_articles(session: Session, articles: Sequence[tuple[str, ArticleIn]]) -> list[int]:
    """Store (content hash, article) pairs; their ids in order."""
    now = dt.datetime.now(dt.UTC)
    return insert_returning_ids(
        session,
        Article,
        [
            {
                "content_hash": digest,
                "external_id": a.external_id,
                "title": a.title,
                "text": a.text,
                "source": a.source,
                "url": a.url,
                "published_on": a.published,
                "ingested_at": now,
            }
            for digest, a in articles
        ],
    )


def commitments_by_fingerprint(
    session: Session, fingerprints: set[str], dates: list[dt.date | None], window_days: int
) -> list[tuple[int, str, dt.date | None, str]]:
    """(id, fingerprint, made_on, action) of stored commitments that reports with these
    fingerprints, made on these dates, could repeat."""
    if not fingerprints:
        return []
    q = select(Commitment.id, Commitment.fingerprint, Commitment.made_on, Commitment.action).where(
        Commitment.fingerprint.in_(sorted(fingerprints))
    )
    known = [d for d in dates if d is not None]
    window = dt.timedelta(days=window_days)
    when = [Commitment.made_on.is_(None)] if None in dates else []
    if known:
        when.append(Commitment.made_on.between(min(known) - window, max(known) + window))
    q = q.where(or_(*when)).order_by(Commitment.id)
    return [(cid, fp, made, action) for cid, fp, made, action in session.execute(q)]


def insert_followups(session: Session, rows: list[dict[str, object]]) -> None:
    insert_rows(session, Followup, rows)
