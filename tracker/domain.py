"""Plain data the layers pass to each other: no ORM, no I/O."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

KINDS = ("pledge", "agreement", "reaffirmation", "intent", "acceptance")
POLARITIES = ("positive", "negative")
STATUSES = (
    "open",
    "in_progress",
    "stalled",
    "fulfilled",
    "partially_fulfilled",
    "broken",
    "retracted",
)
OPEN_STATUSES = ("open", "in_progress", "stalled")
ROLES = ("promisor", "counterparty", "beneficiary")


def content_hash(text: str) -> str:
    """The identity of an article: its text with blanks folded, so reformatting is no change."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Article:
    """One news document as read from an input, before or after storing."""

    text: str
    title: str = ""
    source: str | None = None
    url: str | None = None
    published: dt.date | None = None
    external_id: str | None = None


@dataclass(frozen=True, slots=True)
class Commitment:
    """A commitment found in a text. Offsets point into the original text."""

    kind: str
    polarity: str
    start: int
    end: int
    evidence: str
    promisors: tuple[str, ...]
    action: str = ""  # the promised act: the evidence after its trigger words
    counterparties: tuple[str, ...] = ()
    made_on: dt.date | None = None
    due: dt.date | None = None
    confidence: float = 1.0
    rule: str = ""
    # every report in the text: (start, end, sentence start, sentence end), the first included
    mentions: tuple[tuple[int, int, int, int], ...] = field(default=())

    def to_json(self) -> dict[str, object]:
        """The fields `tracker extract --json` prints."""
        return {
            "start": self.start,
            "end": self.end,
            "evidence": self.evidence,
            "kind": self.kind,
            "polarity": self.polarity,
            "promisors": list(self.promisors),
            "counterparties": list(self.counterparties),
            "made_on": self.made_on.isoformat() if self.made_on else None,
            "due": self.due.isoformat() if self.due else None,
            "confidence": round(self.confidence, 3),
            "rule": self.rule,
        }


@dataclass(frozen=True, slots=True)
class CommitmentRow:
    """A stored commitment as `list` and `show` print it."""

    id: int
    kind: str
    status: str
    polarity: str
    promisors: tuple[str, ...]
    counterparties: tuple[str, ...]
    made_on: dt.date | None
    due: dt.date | None
    action: str
    evidence: str
    article_id: int
    mentions: int
    confidence: float
    rule: str
    days_left: int | None = None  # until the due date; negative when overdue

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "kind": self.kind,
            "status": self.status,
            "polarity": self.polarity,
            "promisors": list(self.promisors),
            "counterparties": list(self.counterparties),
            "made_on": self.made_on.isoformat() if self.made_on else None,
            "due": self.due.isoformat() if self.due else None,
            "action": self.action,
            "evidence": self.evidence,
            "article_id": self.article_id,
            "mentions": self.mentions,
            "confidence": self.confidence,
            "rule": self.rule,
            "days_left": self.days_left,
        }


@dataclass(frozen=True, slots=True)
class StatusChange:
    """One entry of a commitment's history."""

    id: int
    commitment_id: int
    from_status: str | None
    to_status: str
    on: dt.date
    note: str | None
    evidence_article_id: int | None
    recorded_at: dt.datetime

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "commitment_id": self.commitment_id,
            "from": self.from_status,
            "to": self.to_status,
            "on": self.on.isoformat(),
            "note": self.note,
            "evidence_article_id": self.evidence_article_id,
            "recorded_at": self.recorded_at.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class MentionRow:
    article_id: int
    article_title: str
    published: dt.date | None
    start: int
    end: int
    sentence: str

    def to_json(self) -> dict[str, object]:
        return {
            "article_id": self.article_id,
            "article_title": self.article_title,
            "published": self.published.isoformat() if self.published else None,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
        }


@dataclass(frozen=True, slots=True)
class ListFilter:
    """What `tracker list` asks for."""

    statuses: tuple[str, ...] = OPEN_STATUSES
    party: str | None = None
    kind: str | None = None
    overdue: bool = False
    due_before: dt.date | None = None
    since: dt.date | None = None
    search: str | None = None
    limit: int = 50
    today: dt.date | None = None
    sort: str = "made"  # made: newest first; due: soonest deadline first
    search_stems: tuple[str, ...] = ()  # the stems of `search`, made by the service


@dataclass(frozen=True, slots=True)
class FollowupRow:
    """A suggested link between an open commitment and a later article."""

    id: int
    commitment_id: int
    article_id: int
    article_title: str
    suggested_status: str
    score: float
    reason: str
    state: str

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "commitment_id": self.commitment_id,
            "article_id": self.article_id,
            "article_title": self.article_title,
            "suggested_status": self.suggested_status,
            "score": self.score,
            "reason": self.reason,
            "state": self.state,
        }


@dataclass(frozen=True, slots=True)
class PartyRow:
    """A party with how many commitments bind it, and its aliases when shown alone."""

    code: str
    kind: str
    name_en: str
    name_ar: str
    commitments: int
    merged_into: str | None = None
    aliases: tuple[tuple[str, str, str], ...] = ()  # (alias as written, origin, kind)

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "code": self.code,
            "kind": self.kind,
            "name_en": self.name_en,
            "name_ar": self.name_ar,
            "commitments": self.commitments,
            "merged_into": self.merged_into,
        }
        if self.aliases:
            out["aliases"] = [{"alias": a, "origin": o, "kind": k} for a, o, k in self.aliases]
        return out
