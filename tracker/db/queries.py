"""Database reads and writes for the use cases: functions of a Session returning domain objects."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import and_, exists, func, insert, or_, select
from sqlalchemy.orm import Session

from tracker.db.models import (
    Article,
    Commitment,
    CommitmentParty,
    Mention,
    Party,
    PartyAlias,
    StatusEvent,
)
from tracker.domain import (
    OPEN_STATUSES,
    CommitmentRow,
    ListFilter,
    MentionRow,
    StatusChange,
)
from tracker.domain import Article as ArticleIn
from tracker.domain import Commitment as Found
from tracker.errors import NotFound


@dataclass(frozen=True, slots=True)
class PartySeed:
    """A built-in party and its aliases (written, normalized, kind) to store."""

    code: str
    kind: str
    name_en: str
    name_ar: str
    aliases: tuple[tuple[str, str, str], ...]


def sync_parties(session: Session, seeds: Sequence[PartySeed]) -> int:
    """Insert the built-in parties and aliases the database lacks; analysts' aliases stay."""
    known = dict(session.execute(select(Party.code, Party.id)).all())
    new_parties = [
        {"code": s.code, "kind": s.kind, "name_en": s.name_en, "name_ar": s.name_ar}
        for s in seeds
        if s.code not in known
    ]
    if new_parties:
        session.execute(insert(Party), new_parties)
        known = dict(session.execute(select(Party.code, Party.id)).all())
    taken = set(session.scalars(select(PartyAlias.alias_normalized)))
    new_aliases = []
    for s in seeds:
        for written, normalized, kind in s.aliases:
            if normalized and normalized not in taken:
                taken.add(normalized)
                new_aliases.append(
                    {
                        "party_id": known[s.code],
                        "alias": written,
                        "alias_normalized": normalized,
                        "kind": kind,
                        "origin": "builtin",
                    }
                )
    if new_aliases:
        session.execute(insert(PartyAlias), new_aliases)
    return len(new_parties)


def party_ids(session: Session) -> dict[str, int]:
    return dict(session.execute(select(Party.code, Party.id)).all())


def article_id_by_hash(session: Session, content_hash: str) -> int | None:
    return session.scalar(select(Article.id).where(Article.content_hash == content_hash))


def article_exists(session: Session, article_id: int) -> bool:
    return session.get(Article, article_id) is not None


def add_article(session: Session, content_hash: str, article: ArticleIn) -> int:
    row = Article(
        content_hash=content_hash,
        external_id=article.external_id,
        title=article.title,
        text=article.text,
        source=article.source,
        url=article.url,
        published_on=article.published,
    )
    session.add(row)
    session.flush()
    return row.id


def commitment_by_fingerprint(session: Session, fingerprint: str) -> int | None:
    return session.scalar(
        select(Commitment.id).where(Commitment.fingerprint == fingerprint).limit(1)
    )


def add_commitment(
    session: Session,
    article_id: int,
    found: Found,
    fingerprint: str,
    parties: dict[str, int],
    today: dt.date,
) -> int:
    """Store a new commitment with its parties, its mentions and its first status event."""
    row = Commitment(
        kind=found.kind,
        polarity=found.polarity,
        action=found.action or found.evidence,
        status="open",
        made_on=found.made_on,
        due_on=found.due,
        confidence=found.confidence,
        rule_id=found.rule,
        article_id=article_id,
        span_start=found.start,
        span_end=found.end,
        fingerprint=fingerprint,
    )
    session.add(row)
    session.flush()
    links = {
        (parties[code], role)
        for role, codes in (("promisor", found.promisors), ("counterparty", found.counterparties))
        for code in codes
        if code in parties
    }
    if links:
        session.execute(
            insert(CommitmentParty),
            [{"commitment_id": row.id, "party_id": p, "role": r} for p, r in sorted(links)],
        )
    session.add(
        StatusEvent(
            commitment_id=row.id,
            from_status=None,
            to_status="open",
            occurred_on=found.made_on or today,
            note="found by the extractor",
            evidence_article_id=article_id,
        )
    )
    return row.id


def add_mentions(
    session: Session,
    commitment_id: int,
    article_id: int,
    spans: Iterable[tuple[int, int]],
    sentence: str,
) -> int:
    """Record reports of a commitment in an article; a span already recorded is skipped."""
    seen = set(
        session.scalars(
            select(Mention.span_start).where(
                Mention.commitment_id == commitment_id, Mention.article_id == article_id
            )
        )
    )
    rows = [
        {
            "commitment_id": commitment_id,
            "article_id": article_id,
            "span_start": s,
            "span_end": e,
            "sentence": sentence,
        }
        for s, e in spans
        if s not in seen
    ]
    if rows:
        session.execute(insert(Mention), rows)
    return len(rows)


def _evidence_column():  # type: ignore[no-untyped-def]
    return func.substr(
        Article.text, Commitment.span_start + 1, Commitment.span_end - Commitment.span_start
    )


def list_commitments(session: Session, f: ListFilter) -> list[CommitmentRow]:
    """Commitments matching the filter, newest first, with parties and mention counts."""
    mentions = (
        select(func.count())
        .where(Mention.commitment_id == Commitment.id)
        .correlate(Commitment)
        .scalar_subquery()
    )
    q = select(Commitment, _evidence_column().label("evidence"), mentions.label("mentions")).join(
        Article, Article.id == Commitment.article_id
    )
    if f.statuses:
        q = q.where(Commitment.status.in_(f.statuses))
    if f.kind:
        q = q.where(Commitment.kind == f.kind)
    if f.party:
        q = q.where(
            exists().where(
                and_(
                    CommitmentParty.commitment_id == Commitment.id,
                    CommitmentParty.role == "promisor",
                    CommitmentParty.party_id
                    == select(Party.id).where(Party.code == f.party).scalar_subquery(),
                )
            )
        )
    today = f.today or dt.date.today()
    if f.overdue:
        q = q.where(Commitment.due_on < today, Commitment.status.in_(OPEN_STATUSES))
    if f.due_before:
        q = q.where(Commitment.due_on < f.due_before)
    if f.since:
        q = q.where(Commitment.made_on >= f.since)
    if f.search:
        pattern = "%" + f.search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        q = q.where(
            or_(
                Commitment.action.like(pattern, escape="\\"),
                Article.title.like(pattern, escape="\\"),
            )
        )
    q = q.order_by(Commitment.made_on.desc().nulls_last(), Commitment.id.desc()).limit(f.limit)
    rows = session.execute(q).all()
    return _rows(session, [(r[0], r[1], r[2]) for r in rows])


def _rows(session: Session, rows: list[tuple[Commitment, str, int]]) -> list[CommitmentRow]:
    ids = [c.id for c, _, _ in rows]
    parties: dict[int, dict[str, list[str]]] = {
        i: {"promisor": [], "counterparty": []} for i in ids
    }
    if ids:
        links = session.execute(
            select(CommitmentParty.commitment_id, CommitmentParty.role, Party.code)
            .join(Party, Party.id == CommitmentParty.party_id)
            .where(CommitmentParty.commitment_id.in_(ids))
            .order_by(Party.code)
        )
        for cid, role, code in links:
            parties[cid].setdefault(role, []).append(code)
    return [
        CommitmentRow(
            id=c.id,
            kind=c.kind,
            status=c.status,
            polarity=c.polarity,
            promisors=tuple(parties[c.id]["promisor"]),
            counterparties=tuple(parties[c.id]["counterparty"]),
            made_on=c.made_on,
            due=c.due_on,
            action=c.action,
            evidence=evidence,
            article_id=c.article_id,
            mentions=n,
            confidence=c.confidence,
            rule=c.rule_id,
        )
        for c, evidence, n in rows
    ]


def get_commitment(session: Session, commitment_id: int) -> CommitmentRow:
    mentions = select(func.count()).where(Mention.commitment_id == commitment_id).scalar_subquery()
    row = session.execute(
        select(Commitment, _evidence_column(), mentions)
        .join(Article, Article.id == Commitment.article_id)
        .where(Commitment.id == commitment_id)
    ).first()
    if row is None:
        raise NotFound(f"no commitment with id {commitment_id}")
    return _rows(session, [(row[0], row[1], row[2])])[0]


def mentions_of(session: Session, commitment_id: int) -> list[MentionRow]:
    rows = session.execute(
        select(Mention, Article.title, Article.published_on)
        .join(Article, Article.id == Mention.article_id)
        .where(Mention.commitment_id == commitment_id)
        .order_by(Article.published_on.nulls_last(), Mention.id)
    )
    return [
        MentionRow(m.article_id, title, published, m.span_start, m.span_end, m.sentence)
        for m, title, published in rows
    ]


def history(session: Session, commitment_id: int) -> list[StatusChange]:
    if session.get(Commitment, commitment_id) is None:
        raise NotFound(f"no commitment with id {commitment_id}")
    events = session.scalars(
        select(StatusEvent)
        .where(StatusEvent.commitment_id == commitment_id)
        .order_by(StatusEvent.id)
    )
    return [
        StatusChange(
            e.id,
            e.commitment_id,
            e.from_status,
            e.to_status,
            e.occurred_on,
            e.note,
            e.evidence_article_id,
            e.recorded_at,
        )
        for e in events
    ]


def set_status(
    session: Session,
    commitment_id: int,
    status: str,
    on: dt.date,
    note: str | None,
    evidence_article_id: int | None,
) -> StatusChange:
    """Change a commitment's status and append the event; the caller checks the lifecycle."""
    row = session.get(Commitment, commitment_id, with_for_update=True)
    if row is None:
        raise NotFound(f"no commitment with id {commitment_id}")
    event = StatusEvent(
        commitment_id=commitment_id,
        from_status=row.status,
        to_status=status,
        occurred_on=on,
        note=note,
        evidence_article_id=evidence_article_id,
    )
    row.status = status
    session.add(event)
    session.flush()
    return StatusChange(
        event.id,
        commitment_id,
        event.from_status,
        status,
        on,
        note,
        evidence_article_id,
        event.recorded_at,
    )


def current_status(session: Session, commitment_id: int) -> str:
    status = session.scalar(select(Commitment.status).where(Commitment.id == commitment_id))
    if status is None:
        raise NotFound(f"no commitment with id {commitment_id}")
    return status
