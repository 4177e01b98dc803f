"""The use cases: ingest, list, show, mark, history. The only module that joins extract and db."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from tracker.db import queries
from tracker.domain import (
    OPEN_STATUSES,
    STATUSES,
    Article,
    CommitmentRow,
    ListFilter,
    MentionRow,
    StatusChange,
)
from tracker.errors import BadInput, NotFound
from tracker.inputs import Item

# Statuses that close a commitment: leaving them needs --reopen (issue 4 widens the lifecycle).
FINAL_STATUSES = ("fulfilled", "retracted")


@dataclass
class IngestReport:
    """What one ingest call did, for the summary line and --json."""

    new: int = 0
    duplicate: int = 0
    failed: int = 0
    commitments: int = 0
    mentions: int = 0
    errors: list[str] = field(default_factory=list)
    articles: list[dict[str, object]] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "new": self.new,
            "duplicate": self.duplicate,
            "failed": self.failed,
            "commitments": self.commitments,
            "mentions": self.mentions,
            "errors": self.errors,
            "articles": self.articles,
        }


def content_hash(text: str) -> str:
    """The identity of an article: its text with blanks folded, so reformatting is no change."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def fingerprint(kind: str, polarity: str, promisors: Iterable[str], action: str) -> str:
    """Identity of a commitment across articles: kind, polarity, promisors, normalized act."""
    from tracker.extract.normalize import normalize_text

    words = " ".join(normalize_text(action).split()[:12])
    key = "|".join((kind, polarity, ",".join(sorted(promisors)), words))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


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


def ingest(
    session_factory: Callable[[], object],
    items: Iterable[Item],
    on_item: Callable[[Item, str], None] | None = None,
) -> IngestReport:
    """Store each readable article and its commitments, one transaction per article.

    `session_factory()` returns a context manager giving a Session that commits on success;
    an article that fails leaves nothing behind, and the others go on.
    """
    from tracker.extract import extract

    report = IngestReport()
    today = dt.date.today()
    with session_factory() as session:  # type: ignore[attr-defined]
        sync_gazetteer(session)
    for item in items:
        if item.error or item.article is None:
            report.failed += 1
            report.errors.append(f"{item.label}: {item.error}")
            if on_item:
                on_item(item, "failed")
            continue
        article = item.article
        digest = content_hash(article.text)
        try:
            found = extract(article.text, article.published)
        except BadInput as exc:
            report.failed += 1
            report.errors.append(f"{item.label}: {exc}")
            continue
        with session_factory() as session:  # type: ignore[attr-defined]
            if queries.article_id_by_hash(session, digest) is not None:
                report.duplicate += 1
                report.articles.append({"label": item.label, "status": "duplicate"})
                if on_item:
                    on_item(item, "duplicate")
                continue
            article_id = queries.add_article(session, digest, article)
            new, mentions = _store_commitments(session, article_id, article, found, today)
        report.new += 1
        report.commitments += new
        report.mentions += mentions
        report.articles.append(
            {"label": item.label, "status": "new", "article_id": article_id, "commitments": new}
        )
        if on_item:
            on_item(item, "new")
    return report


def _store_commitments(
    session: Session, article_id: int, article: Article, found: list, today: dt.date
) -> tuple[int, int]:
    parties = queries.party_ids(session)
    new = mentions = 0
    for c in found:
        fp = fingerprint(c.kind, c.polarity, c.promisors, c.action or c.evidence)
        existing = queries.commitment_by_fingerprint(session, fp)
        if existing is None:
            existing = queries.add_commitment(session, article_id, c, fp, parties, today)
            new += 1
        sentence = article.text[c.sentence_start : c.sentence_end]
        mentions += queries.add_mentions(session, existing, article_id, c.mentions, sentence)
    return new, mentions


def list_commitments(session: Session, f: ListFilter) -> list[CommitmentRow]:
    for status in f.statuses:
        check_status(status)
    return queries.list_commitments(session, f)


@dataclass(frozen=True, slots=True)
class CommitmentDetail:
    commitment: CommitmentRow
    mentions: list[MentionRow]
    history: list[StatusChange]

    def to_json(self) -> dict[str, object]:
        return {
            **self.commitment.to_json(),
            "mention_list": [m.to_json() for m in self.mentions],
            "history": [h.to_json() for h in self.history],
        }


def show(session: Session, commitment_id: int) -> CommitmentDetail:
    row = queries.get_commitment(session, commitment_id)
    return CommitmentDetail(
        row, queries.mentions_of(session, commitment_id), queries.history(session, commitment_id)
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
    if current in FINAL_STATUSES and status in OPEN_STATUSES and not (reopen and note):
        raise BadInput(
            f"commitment {commitment_id} is {current}: reopen it with --reopen and a --note"
        )
    if evidence is not None and not queries.article_exists(session, evidence):
        raise NotFound(f"no article with id {evidence}")
    return queries.set_status(session, commitment_id, status, on or dt.date.today(), note, evidence)


def history(session: Session, commitment_id: int) -> list[StatusChange]:
    return queries.history(session, commitment_id)
