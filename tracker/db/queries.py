"""Database reads and writes for the use cases: functions of a Session returning domain objects."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import (
    delete,
    exists,
    func,
    insert,
    literal_column,
    select,
    table,
    update,
)
from sqlalchemy.orm import Session

from tracker.db.models import (
    Article,
    Commitment,
    CommitmentParty,
    Followup,
    Mention,
    Party,
    PartyAlias,
    StatusEvent,
)
from tracker.domain import (
    OPEN_STATUSES,
    CommitmentRow,
    FollowupRow,
    ListFilter,
    MentionRow,
    PartyRow,
    StatusChange,
)
from tracker.errors import BadInput, NotFound


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
        session.execute(_insert_missing(session, Party, "code"), new_parties)
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
        session.execute(_insert_missing(session, PartyAlias, "alias_normalized"), new_aliases)
    return len(new_parties)


def _insert_missing(session: Session, model: type, key: str):  # type: ignore[no-untyped-def]
    """INSERT ... ON CONFLICT (key) DO NOTHING: two ingests starting at once may both find a
    built-in row missing; the second one's insert must skip it, not fail."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    return dialect_insert(model).on_conflict_do_nothing(index_elements=[key])


def party_ids(session: Session) -> dict[str, int]:
    """Code → id of the party that holds its links: a merged party's code leads to its heir."""
    return {
        code: merged or pid
        for code, pid, merged in session.execute(select(Party.code, Party.id, Party.merged_into_id))
    }


def heir_codes(session: Session) -> dict[str, str]:
    """Code of each merged party → code of the party it was merged into."""
    heir = Party.__table__.alias("heir")
    rows = session.execute(
        select(Party.code, heir.c.code).join(heir, heir.c.id == Party.merged_into_id)
    )
    return {code: heir_code for code, heir_code in rows}


def analyst_aliases(session: Session) -> list[tuple[str, str]]:
    """(alias, party code) for every alias an analyst added, in a stable order."""
    return list(
        session.execute(
            select(PartyAlias.alias, Party.code)
            .join(Party, Party.id == PartyAlias.party_id)
            .where(PartyAlias.origin == "analyst")
            .order_by(PartyAlias.id)
        )
    )


@dataclass(frozen=True, slots=True)
class OpenCommitment:
    id: int
    promisors: tuple[str, ...]
    stems: frozenset[str]
    made_on: dt.date | None
    article_id: int


FOLLOWUP_CANDIDATES = 300  # open commitments of each party a report is compared with


def open_commitments_of(session: Session, party_keys: Iterable[int]) -> list[OpenCommitment]:
    """The most recent open commitments each of these parties (ids) is bound by.

    One short scan of the (party, role, commitment) index per party, then the commitments by
    id: the cost stays the same however many commitments the database holds.
    """
    recent: set[int] = set()
    for party in sorted(set(party_keys)):
        q = (
            select(CommitmentParty.commitment_id)
            .where(CommitmentParty.party_id == party, CommitmentParty.role == "promisor")
            .order_by(CommitmentParty.commitment_id.desc())
            .limit(FOLLOWUP_CANDIDATES)
        )
        recent.update(session.scalars(q))
    if not recent:
        return []
    q = (
        select(Commitment.id, Commitment.search_text, Commitment.made_on, Commitment.article_id)
        .where(Commitment.id.in_(sorted(recent)), Commitment.status.in_(OPEN_STATUSES))
        .order_by(Commitment.id.desc())
    )
    found = list(session.execute(q))
    promisors = _promisors_of(session, [row[0] for row in found])
    return [
        OpenCommitment(cid, promisors.get(cid, ()), frozenset(search.split()), made, aid)
        for cid, search, made, aid in found
    ]


def _promisors_of(session: Session, ids: list[int]) -> dict[int, tuple[str, ...]]:
    out: dict[int, list[str]] = {}
    if ids:
        rows = session.execute(
            select(CommitmentParty.commitment_id, Party.code)
            .join(Party, Party.id == CommitmentParty.party_id)
            .where(CommitmentParty.commitment_id.in_(ids), CommitmentParty.role == "promisor")
            .order_by(Party.code)
        )
        for cid, code in rows:
            out.setdefault(cid, []).append(code)
    return {k: tuple(v) for k, v in out.items()}


def existing_hashes(session: Session, hashes: list[str]) -> set[str]:
    """Which of these content hashes are stored already (one query)."""
    if not hashes:
        return set()
    return set(
        session.scalars(select(Article.content_hash).where(Article.content_hash.in_(hashes)))
    )


def article_exists(session: Session, article_id: int) -> bool:
    return session.get(Article, article_id) is not None


def _evidence_column():  # type: ignore[no-untyped-def]
    return func.substr(
        Article.text, Commitment.span_start + 1, Commitment.span_end - Commitment.span_start
    )


def _commitment_rows():  # type: ignore[no-untyped-def]
    """SELECT a commitment, its evidence text and its number of mentions."""
    mentions = (
        select(func.count())
        .where(Mention.commitment_id == Commitment.id)
        .correlate(Commitment)
        .scalar_subquery()
    )
    return select(Commitment, _evidence_column(), mentions).join(
        Article, Article.id == Commitment.article_id
    )


def _search_condition(session: Session, text: str, stems: tuple[str, ...]):  # type: ignore[no-untyped-def]
    """Commitments whose stems hold every stem of the query, through the search index.

    A query with no word in it (only punctuation or symbols) is matched literally against
    the act instead; both reach SQL as bound parameters.
    """
    if not stems:
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return Commitment.action.like(f"%{escaped}%", escape="\\")
    if session.get_bind().dialect.name == "postgresql":
        query = func.plainto_tsquery("simple", " ".join(stems))
        return func.to_tsvector("simple", Commitment.search_text).op("@@")(query)
    match = " ".join(f'"{s}"' for s in stems)  # stems are word characters only
    matching = select(literal_column("rowid")).select_from(table("commitment_fts"))
    return Commitment.id.in_(matching.where(literal_column("commitment_fts").match(match)))


def _filtered(session: Session, q, f: ListFilter, today: dt.date):  # type: ignore[no-untyped-def]
    """`q` with the list filters other than status and order."""
    if f.kind:
        q = q.where(Commitment.kind == f.kind)
    if f.party:
        party = select(Party.id).where(Party.code == f.party).scalar_subquery()
        q = q.where(
            exists().where(
                CommitmentParty.commitment_id == Commitment.id,
                CommitmentParty.role == "promisor",
                CommitmentParty.party_id == party,
            )
        )
    if f.overdue:
        q = q.where(Commitment.due_on < today, Commitment.status.in_(OPEN_STATUSES))
    if f.due_before:
        q = q.where(Commitment.due_on < f.due_before)
    if f.since:
        q = q.where(Commitment.made_on >= f.since)
    if f.search is not None:
        q = q.where(_search_condition(session, f.search, f.search_stems))
    return q


def _page(session: Session, f: ListFilter, today: dt.date) -> list[int]:
    """The ids of one page, in order, each read from an index that matches filter and sort.

    One short index scan per status (status, date, id), merged here; no sort of every
    matching row, and no scan past the page. Rows without the date come after the dated ones.
    """
    newest_first = f.sort != "due"
    key = Commitment.made_on if newest_first else Commitment.due_on
    order = (key.desc(), Commitment.id.desc()) if newest_first else (key, Commitment.id)
    dated: list[tuple[dt.date, int]] = []
    for status in f.statuses:
        q = select(key, Commitment.id).where(Commitment.status == status, key.is_not(None))
        q = _filtered(session, q, f, today).order_by(*order).limit(f.limit)
        dated += [(when, cid) for when, cid in session.execute(q)]
    dated.sort(reverse=newest_first)
    ids = [cid for _, cid in dated[: f.limit]]
    if len(ids) < f.limit:
        q = select(Commitment.id).where(Commitment.status.in_(f.statuses), key.is_(None))
        q = _filtered(session, q, f, today).order_by(Commitment.id.desc())
        ids += session.scalars(q.limit(f.limit - len(ids)))
    return ids


def list_commitments(session: Session, f: ListFilter) -> list[CommitmentRow]:
    """Commitments matching the filter, newest first (or soonest due), with parties and
    mention counts."""
    today = f.today or dt.date.today()
    ids = _page(session, f, today)
    if not ids:
        return []
    q = _commitment_rows().where(Commitment.id.in_(ids))
    by_id = {row[0].id: (row[0], row[1], row[2]) for row in session.execute(q)}
    return _rows(session, [by_id[i] for i in ids], today)


def _rows(
    session: Session, rows: list[tuple[Commitment, str, int]], today: dt.date | None = None
) -> list[CommitmentRow]:
    today = today or dt.date.today()
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
            days_left=(c.due_on - today).days if c.due_on else None,
        )
        for c, evidence, n in rows
    ]


def get_commitment(session: Session, commitment_id: int) -> CommitmentRow:
    row = session.execute(_commitment_rows().where(Commitment.id == commitment_id)).first()
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


def _followup_rows(session: Session, q) -> list[FollowupRow]:  # type: ignore[no-untyped-def]
    rows = session.execute(q.join(Article, Article.id == Followup.article_id))
    return [
        FollowupRow(
            f.id,
            f.commitment_id,
            f.article_id,
            title,
            f.suggested_status,
            f.score,
            f.reason,
            f.state,
        )
        for f, title in rows
    ]


def list_followups(session: Session, states: Sequence[str], limit: int) -> list[FollowupRow]:
    """Follow-ups in these states, best first, for commitments still open."""
    q = (
        select(Followup, Article.title)
        .join(Commitment, Commitment.id == Followup.commitment_id)
        .where(Followup.state.in_(states), Commitment.status.in_(OPEN_STATUSES))
        .order_by(Followup.score.desc(), Followup.id)
        .limit(limit)
    )
    return _followup_rows(session, q)


def followups_of(session: Session, commitment_id: int) -> list[FollowupRow]:
    q = (
        select(Followup, Article.title)
        .where(Followup.commitment_id == commitment_id)
        .order_by(Followup.score.desc(), Followup.id)
    )
    return _followup_rows(session, q)


def get_followup(session: Session, followup_id: int) -> FollowupRow:
    rows = _followup_rows(
        session, select(Followup, Article.title).where(Followup.id == followup_id)
    )
    if not rows:
        raise NotFound(f"no follow-up with id {followup_id}")
    return rows[0]


def set_followup_state(session: Session, followup_id: int, state: str) -> None:
    row = session.get(Followup, followup_id)
    if row is None:
        raise NotFound(f"no follow-up with id {followup_id}")
    row.state = state


def article_published(session: Session, article_id: int) -> dt.date | None:
    return session.scalar(select(Article.published_on).where(Article.id == article_id))


def _party(session: Session, code: str) -> Party:
    party = session.scalar(select(Party).where(Party.code == code))
    if party is None:
        raise NotFound(f"no party with code {code!r}")
    return party


def _commitment_counts(session: Session) -> dict[int, int]:
    rows = session.execute(
        select(CommitmentParty.party_id, func.count())
        .where(CommitmentParty.role == "promisor")
        .group_by(CommitmentParty.party_id)
    )
    return {party_id: n for party_id, n in rows}


def list_parties(session: Session, with_commitments_only: bool) -> list[PartyRow]:
    """Every party with the number of commitments it is bound by (as promisor)."""
    counts = _commitment_counts(session)
    heirs = {pid: code for pid, code in session.execute(select(Party.id, Party.code))}
    out = []
    for p in session.scalars(select(Party).order_by(Party.code)):
        n = counts.get(p.id, 0)
        if with_commitments_only and not n:
            continue
        merged = heirs.get(p.merged_into_id) if p.merged_into_id else None
        out.append(PartyRow(p.code, p.kind, p.name_en, p.name_ar, n, merged))
    return out


def get_party(session: Session, code: str) -> PartyRow:
    p = _party(session, code)
    aliases = session.execute(
        select(PartyAlias.alias, PartyAlias.origin, PartyAlias.kind)
        .where(PartyAlias.party_id == p.id)
        .order_by(PartyAlias.id)
    )
    merged = session.get(Party, p.merged_into_id).code if p.merged_into_id else None  # type: ignore[union-attr]
    n = _commitment_counts(session).get(p.id, 0)
    pairs = tuple((a, o, k) for a, o, k in aliases)
    return PartyRow(p.code, p.kind, p.name_en, p.name_ar, n, merged, pairs)


def commitments_of_party(session: Session, code: str, role: str, limit: int) -> list[CommitmentRow]:
    """The party's commitments in one role, newest first."""
    p = _party(session, code)
    q = (
        _commitment_rows()
        .join(CommitmentParty, CommitmentParty.commitment_id == Commitment.id)
        .where(CommitmentParty.party_id == p.id, CommitmentParty.role == role)
        .order_by(Commitment.made_on.desc().nulls_last(), Commitment.id.desc())
        .limit(limit)
    )
    return _rows(session, [(c, e, n) for c, e, n in session.execute(q)])


def add_alias(session: Session, code: str, alias: str, normalized: str) -> None:
    """An analyst's spelling of a party; refused when the spelling already names a party."""
    p = _party(session, code)
    holder = session.scalar(
        select(Party.code)
        .join(PartyAlias, PartyAlias.party_id == Party.id)
        .where(PartyAlias.alias_normalized == normalized)
    )
    if holder is not None:
        raise BadInput(f"{alias!r} already names {holder}")
    session.add(
        PartyAlias(
            party_id=p.id, alias=alias, alias_normalized=normalized, kind="alias", origin="analyst"
        )
    )


def merge_parties(session: Session, source: str, target: str) -> int:
    """Move every link and alias of `source` to `target` and record the merge; returns links."""
    src, dst = _party(session, source), _party(session, target)
    if src.id == dst.id:
        raise BadInput("a party cannot be merged into itself")
    if src.merged_into_id:
        raise BadInput(f"{source} was already merged")
    if dst.merged_into_id:
        raise BadInput(f"{target} was merged into another party; merge into that one")
    links = session.execute(
        select(CommitmentParty.commitment_id, CommitmentParty.role).where(
            CommitmentParty.party_id == src.id
        )
    ).all()
    existing = set(
        session.execute(
            select(CommitmentParty.commitment_id, CommitmentParty.role).where(
                CommitmentParty.party_id == dst.id
            )
        )
    )
    session.execute(delete(CommitmentParty).where(CommitmentParty.party_id == src.id))
    moved = [
        {"commitment_id": cid, "party_id": dst.id, "role": role}
        for cid, role in links
        if (cid, role) not in existing
    ]
    if moved:
        session.execute(insert(CommitmentParty), moved)
    session.execute(update(PartyAlias).where(PartyAlias.party_id == src.id).values(party_id=dst.id))
    session.execute(update(Party).where(Party.parent_id == src.id).values(parent_id=dst.id))
    src.merged_into_id = dst.id
    src.merged_at = dt.datetime.now(dt.UTC)
    return len(links)


def party_names(session: Session, codes: Iterable[str]) -> dict[str, tuple[str, str]]:
    """Code → (English name, Arabic name) of these parties."""
    rows = session.execute(
        select(Party.code, Party.name_en, Party.name_ar).where(Party.code.in_(set(codes)))
    )
    return {code: (en, ar) for code, en, ar in rows}
