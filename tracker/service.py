"""The use cases an analyst runs on stored commitments: list, show, mark, history, follow-ups and
parties. Ingest, the other use case, is tracker.ingest."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy.orm import Session

from tracker.db import queries
from tracker.domain import (
    STATUSES,
    CommitmentRow,
    ListFilter,
    MentionRow,
    StatusChange,
)
from tracker.errors import BadInput, NotFound

# A commitment in one of these is settled: changing it again needs --reopen and a note.
FINAL_STATUSES = ("fulfilled", "retracted")


def sync_gazetteer(session: Session) -> int:
    """Store the built-in gazetteer's parties and aliases the database does not have yet."""
    from tracker.extract.normalize import normalize_text
    from tracker.gazetteer import builtin_parties

    seeds = [
        queries.PartySeed(
            code=p.code,
            kind=p.kind,
            name_en=p.name_en,
            name_ar=p.name_ar,
            aliases=tuple(
                (a.written, " ".join(normalize_text(a.written).split()), a.kind) for a in p.aliases
            ),
        )
        for p in builtin_parties()
    ]
    return queries.sync_parties(session, seeds)


def list_commitments(session: Session, f: ListFilter) -> list[CommitmentRow]:
    for status in f.statuses:
        check_status(status)
    if f.search is not None:
        from tracker.extract.similarity import stems

        f = replace(f, search_stems=tuple(sorted(stems(f.search))))
    return queries.list_commitments(session, f)


@dataclass(frozen=True, slots=True)
class CommitmentDetail:
    commitment: CommitmentRow
    mentions: list[MentionRow]
    history: list[StatusChange]
    followups: list
    names: dict[str, tuple[str, str]]  # party code → (English, Arabic)

    def to_json(self) -> dict[str, object]:
        return {
            **self.commitment.to_json(),
            "party_names": {code: {"en": en, "ar": ar} for code, (en, ar) in self.names.items()},
            "mention_list": [m.to_json() for m in self.mentions],
            "history": [h.to_json() for h in self.history],
            "followups": [f.to_json() for f in self.followups],
        }


def show(session: Session, commitment_id: int) -> CommitmentDetail:
    row = queries.get_commitment(session, commitment_id)
    return CommitmentDetail(
        row,
        queries.mentions_of(session, commitment_id),
        queries.history(session, commitment_id),
        queries.followups_of(session, commitment_id),
        queries.party_names(session, (*row.promisors, *row.counterparties)),
    )


def check_status(status: str) -> str:
    if status not in STATUSES:
        raise BadInput(f"unknown status {status!r}: use one of {', '.join(STATUSES)}")
    return status


def mark(
    session: Session,
    commitment_id: int,
    status: str,
    note: str | None = None,
    evidence: int | None = None,
    on: dt.date | None = None,
    reopen: bool = False,
) -> StatusChange:
    """Change a commitment's status, keeping the history; closed ones reopen only on purpose."""
    check_status(status)
    current = queries.current_status(session, commitment_id)
    if current == status:
        raise BadInput(f"commitment {commitment_id} is already {status}")
    if current in FINAL_STATUSES and not (reopen and note):
        raise BadInput(
            f"commitment {commitment_id} is {current}: change it only with --reopen and a --note"
        )
    if evidence is not None and not queries.article_exists(session, evidence):
        raise NotFound(f"no article with id {evidence}")
    return queries.set_status(session, commitment_id, status, on or dt.date.today(), note, evidence)


def history(session: Session, commitment_id: int) -> list[StatusChange]:
    return queries.history(session, commitment_id)


def followups(session: Session, include_dismissed: bool = False, limit: int = 100) -> list:
    """Suggested follow-ups of open commitments, best first."""
    states = ("suggested", "dismissed") if include_dismissed else ("suggested",)
    return queries.list_followups(session, states, limit)


def accept_followup(session: Session, followup_id: int) -> StatusChange:
    """Apply a follow-up's suggested status, with its article as evidence, through `mark`."""
    f = queries.get_followup(session, followup_id)
    if f.state != "suggested":
        raise BadInput(f"follow-up {followup_id} was already {f.state}")
    on = queries.article_published(session, f.article_id)
    change = mark(
        session,
        f.commitment_id,
        f.suggested_status,
        note=f"follow-up {followup_id} accepted: {f.reason}",
        evidence=f.article_id,
        on=on,
    )
    queries.set_followup_state(session, followup_id, "accepted")
    return change


def dismiss_followup(session: Session, followup_id: int) -> None:
    """Hide a follow-up for good."""
    f = queries.get_followup(session, followup_id)
    if f.state != "suggested":
        raise BadInput(f"follow-up {followup_id} was already {f.state}")
    queries.set_followup_state(session, followup_id, "dismissed")


def parties(session: Session, all_parties: bool = False) -> list:
    """The parties, with how many commitments bind each (by default only those with some)."""
    return queries.list_parties(session, with_commitments_only=not all_parties)


@dataclass(frozen=True, slots=True)
class PartyDetail:
    party: object
    as_promisor: list[CommitmentRow]
    as_counterparty: list[CommitmentRow]

    def to_json(self) -> dict[str, object]:
        return {
            **self.party.to_json(),  # type: ignore[attr-defined]
            "as_promisor": [c.to_json() for c in self.as_promisor],
            "as_counterparty": [c.to_json() for c in self.as_counterparty],
        }


def party(session: Session, code: str, limit: int = 50) -> PartyDetail:
    code = code.upper()
    return PartyDetail(
        queries.get_party(session, code),
        queries.commitments_of_party(session, code, "promisor", limit),
        queries.commitments_of_party(session, code, "counterparty", limit),
    )


def add_alias(session: Session, code: str, alias: str) -> str:
    """Record an analyst's spelling of a party; later ingests recognise it."""
    from tracker.extract.normalize import normalize_text

    normalized = " ".join(normalize_text(alias).split())
    if not normalized:
        raise BadInput("the alias is empty")
    queries.add_alias(session, code.upper(), alias.strip(), normalized)
    return normalized


def merge_parties(session: Session, source: str, target: str) -> int:
    """Move every link and alias of one party to another, and record the merge."""
    return queries.merge_parties(session, source.upper(), target.upper())
