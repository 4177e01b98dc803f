"""Ingest: read articles, find their commitments in worker processes, and store them in
batches with one writer, folding repeats and suggesting follow-ups of open commitments."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from tracker.db import queries
from tracker.db.queries import OpenCommitment
from tracker.domain import Article, content_hash
from tracker.service import sync_gazetteer
from tracker.workers import Analysed, analyse_item, init_worker
from tracker.writer import batch_writer

if TYPE_CHECKING:
    from tracker.inputs import Item
    from tracker.open_pool import OpenPool


@dataclass
class IngestReport:
    """What one ingest call did, for the summary line and --json."""

    new: int = 0
    duplicate: int = 0
    failed: int = 0
    commitments: int = 0
    mentions: int = 0
    followups: int = 0
    errors: list[str] = field(default_factory=list)
    # outcomes come from the reading thread (duplicates) and the writer thread (the rest)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def record(self, o: Outcome, on_item: Callable[[Outcome], None] | None) -> None:
        """Count one article's outcome and tell the caller, one thread at a time."""
        with self._lock:
            if o.status == "failed":
                self.failed += 1
                self.errors.append(f"{o.item.label}: {o.error}")
            elif o.status == "duplicate":
                self.duplicate += 1
            else:
                self.new += 1
                self.commitments += o.commitments
                self.mentions += o.mentions
                self.followups += o.followups
            if on_item:
                on_item(o)

    def to_json(self) -> dict[str, object]:
        return {
            "new": self.new,
            "duplicate": self.duplicate,
            "failed": self.failed,
            "commitments": self.commitments,
            "mentions": self.mentions,
            "followups": self.followups,
            "errors": self.errors,
        }


def fingerprint(kind: str, polarity: str, promisors: Iterable[str]) -> str:
    """What two reports of one commitment must share exactly: kind, polarity and promisors.

    The act itself is compared by its words (extract.similarity.same_act) among the
    commitments with this fingerprint made within MERGE_WINDOW_DAYS.
    """
    key = "|".join((kind, polarity, ",".join(sorted(set(promisors)))))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


BATCH_SIZE = 200  # articles stored per transaction


def ingest(
    session_factory: Callable[[], object],
    items: Iterable[Item],
    on_item: Callable[[Outcome], None] | None = None,
    workers: int = 1,
    batch_size: int = BATCH_SIZE,
) -> IngestReport:
    """Store each readable article, its commitments and follow-up suggestions.

    `workers` processes find the commitments while this one stores them, in input order (on
    a database server, from a writer thread while the next batch is extracted).
    Articles are stored `batch_size` to a transaction; if a batch fails (another process
    stored one of its articles at the same moment), it is stored again one article per
    transaction, so a bad article leaves nothing behind and the others go on. A crash loses
    at most the batch in hand; running the same ingest again completes it.
    """
    from tracker.open_pool import OpenPool
    from tracker.parallel import ordered_map

    report = IngestReport()
    pool = OpenPool()
    with session_factory() as session:  # type: ignore[attr-defined]
        sync_gazetteer(session)
        extra = tuple((alias, code) for alias, code in queries.analyst_aliases(session))
        server = session.get_bind().dialect.name != "sqlite"  # works in a process of its own
    unseen = _skip_duplicates(session_factory, items, report, on_item)
    results = ordered_map(analyse_item, unseen, workers, init_worker, (extra,))

    def store(batch: list[tuple[Item, Analysed | None]]) -> None:
        _store_batch(session_factory, batch, pool, report, on_item)

    with batch_writer(store, threaded=server) as put:
        batch: list[tuple[Item, Analysed | None]] = []
        for (item, _), result in results:
            batch.append((item, result))
            if len(batch) >= batch_size:
                put(batch)
                batch = []
        if batch:
            put(batch)
    return report


DUPLICATE_CHECK = 200  # articles whose content hashes are looked up in one query


def _skip_duplicates(
    session_factory: Callable[[], object],
    items: Iterable[Item],
    report: IngestReport,
    on_item: Callable[[Outcome], None] | None,
) -> Iterator[tuple[Item, str]]:
    """The items whose text is neither stored nor met earlier in this run, with their content
    hash: a duplicate costs a hash, not an extraction. (One that another process stores
    meanwhile is refused by the unique content hash: see _store_batch.)"""
    seen: set[str] = set()
    for chunk in _chunks(items, DUPLICATE_CHECK):
        digests = [content_hash(i.article.text) if i.article and not i.error else "" for i in chunk]
        with session_factory() as session:  # type: ignore[attr-defined]
            stored = queries.existing_hashes(session, [d for d in digests if d])
        for item, digest in zip(chunk, digests, strict=True):
            if digest and (digest in stored or digest in seen):
                report.record(Outcome(item, "duplicate"), on_item)
                continue
            if digest:
                seen.add(digest)
            yield item, digest


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _store_batch(
    session_factory: Callable[[], object],
    batch: list[tuple[Item, Analysed | None]],
    pool: OpenPool,
    report: IngestReport,
    on_item: Callable[[Outcome], None] | None,
) -> None:
    from sqlalchemy.exc import IntegrityError, OperationalError

    try:
        with session_factory() as session:  # type: ignore[attr-defined]
            outcomes, stored = _store_articles(session, batch, pool)
        pool.add(stored)  # committed
    except (IntegrityError, OperationalError):
        outcomes = []
        for one in batch:  # one transaction per article, to find and skip the culprit
            try:
                with session_factory() as session:  # type: ignore[attr-defined]
                    done, stored = _store_articles(session, [one], pool)
                outcomes += done
                pool.add(stored)
            except IntegrityError:  # stored meanwhile by another process
                outcomes.append(Outcome(one[0], "duplicate"))
    for o in outcomes:
        report.record(o, on_item)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one article of a batch."""

    item: Item
    status: str  # new | duplicate | failed
    error: str | None = None
    commitments: int = 0
    mentions: int = 0
    followups: int = 0
    article_id: int | None = None

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"label": self.item.label, "status": self.status}
        if self.status == "new":
            out |= {"article_id": self.article_id, "commitments": self.commitments}
        elif self.error:
            out["error"] = self.error
        return out


def _store_articles(
    session: Session, batch: list[tuple[Item, Analysed | None]], pool: OpenPool
) -> tuple[list[Outcome], list[OpenCommitment]]:
    """Store a batch of articles in the session's transaction, in a few bulk statements: the
    outcome of each article, and the new (open) commitments, for the pool once committed."""
    from tracker.db import bulk

    outcomes: list[Outcome] = []
    fresh: list[tuple[Item, Analysed]] = []
    for item, result in batch:  # duplicates are gone: skipped before extraction, or refused by
        # the unique content hash when another process stored one meanwhile (see _store_batch)
        if result is None or result.error is not None or item.article is None:
            outcomes.append(Outcome(item, "failed", item.error if result is None else result.error))
        else:
            fresh.append((item, result))
    if not fresh:
        return outcomes, []
    ids = bulk.insert_articles(session, [(r.digest, i.article) for i, r in fresh])  # type: ignore[misc]
    parties = queries.party_ids(session)
    # the parties named in the batch, read before its own commitments are stored
    pool.load(session, {c for _, r in fresh if r.signals for c in r.signals.parties}, parties)  # type: ignore[attr-defined]
    counts, stored = _store_commitments(session, fresh, ids, parties)
    followups: list[dict[str, object]] = []
    for (item, result), article_id, (new, mentions) in zip(fresh, ids, counts, strict=True):
        signals, suggested = result.signals, []
        if signals and signals.sentences:  # type: ignore[attr-defined]
            named = signals.parties  # type: ignore[attr-defined]
            candidates = pool.of(named) + [c for c in stored if named.intersection(c.promisors)]
            suggested = _followups(article_id, item.article, signals, candidates)  # type: ignore[arg-type]
            followups += suggested
        outcomes.append(Outcome(item, "new", None, new, mentions, len(suggested), article_id))
    bulk.insert_followups(session, followups)
    return outcomes, stored


MERGE_WINDOW_DAYS = 30  # reports of one commitment within this many days of each other merge


def _store_commitments(
    session: Session,
    fresh: list[tuple[Item, Analysed]],
    article_ids: list[int],
    parties: dict[str, int],
) -> tuple[list[tuple[int, int]], list[OpenCommitment]]:
    """Each found commitment becomes a new row, or a mention of one already stored (or stored
    earlier in this batch) with the same kind, polarity and promisors, made within
    MERGE_WINDOW_DAYS, whose act says the same in other words. (new, mentions) per article,
    and the new rows as the open commitments later articles may follow up."""
    from tracker.db import bulk
    from tracker.db.models import Commitment, CommitmentParty, Mention, StatusEvent
    from tracker.extract.similarity import same_act

    heirs = queries.heir_codes(session)
    found = [
        (
            n,
            c,
            words,
            search,
            fingerprint(c.kind, c.polarity, (heirs.get(p, p) for p in c.promisors)),
        )
        for n, (_, result) in enumerate(fresh)
        for c, (words, search) in zip(result.commitments, result.words, strict=True)
    ]
    stored: dict[str, list[tuple[object, dt.date | None, frozenset[str]]]] = {}
    for cid, fp, made, action in bulk.commitments_by_fingerprint(
        session, {f[4] for f in found}, [f[1].made_on for f in found], MERGE_WINDOW_DAYS
    ):
        stored.setdefault(fp, []).append((cid, made, _act_stems(action)))
    window = dt.timedelta(days=MERGE_WINDOW_DAYS)

    def near(a: dt.date | None, b: dt.date | None) -> bool:
        return a == b if a is None or b is None else abs(a - b) <= window

    new_rows: list[dict[str, object]] = []
    targets: list[object] = []  # a stored id, or ("new", index into new_rows)
    for n, c, words, search, fp in found:
        target = next(
            (
                cid
                for cid, made, w in stored.get(fp, [])
                if near(made, c.made_on) and same_act(words, w)
            ),
            None,
        )
        if target is None:
            target = ("new", len(new_rows))
            stored.setdefault(fp, []).append((target, c.made_on, words))
            new_rows.append(_commitment_row(c, article_ids[n], fp, search))
        targets.append(target)
    new_ids = bulk.insert_returning_ids(session, Commitment, new_rows)
    today = dt.date.today()
    links, events, mentions = [], [], []
    counts = [[0, 0] for _ in fresh]
    made: set[int] = set()  # new rows whose parties and first event are written
    opened: list[OpenCommitment] = []
    for (n, c, _, _, _), target in zip(found, targets, strict=True):
        article = fresh[n][0].article
        if isinstance(target, tuple) and target[1] not in made:
            made.add(target[1])
            cid = new_ids[target[1]]
            counts[n][0] += 1
            roles = (("promisor", c.promisors), ("counterparty", c.counterparties))
            pairs = {(parties[x], role) for role, codes in roles for x in codes if x in parties}
            links += [{"commitment_id": cid, "party_id": p, "role": r} for p, r in sorted(pairs)]
            promisors = tuple(sorted({x for x in c.promisors if x in parties}))
            search = new_rows[target[1]]["search_text"]
            opened.append(
                OpenCommitment(cid, promisors, frozenset(search.split()), c.made_on, article_ids[n])
            )  # type: ignore[union-attr]
            events.append(
                {
                    "commitment_id": cid,
                    "from_status": None,
                    "to_status": "open",
                    "occurred_on": c.made_on or today,
                    "note": "found by the extractor",
                    "evidence_article_id": article_ids[n],
                    "recorded_at": dt.datetime.now(dt.UTC),
                }
            )
        else:  # stored before, or new earlier in this batch: one more report of it
            cid = new_ids[target[1]] if isinstance(target, tuple) else target
        for start, end, s_start, s_end in c.mentions:
            mentions.append(
                {
                    "commitment_id": cid,
                    "article_id": article_ids[n],
                    "span_start": start,
                    "span_end": end,
                    "sentence": article.text[s_start:s_end],  # type: ignore[union-attr]
                }
            )
            counts[n][1] += 1
    bulk.insert_rows(session, CommitmentParty, links)
    bulk.insert_rows(session, StatusEvent, events)
    bulk.insert_rows(session, Mention, mentions)
    return [(new, m) for new, m in counts], opened


@functools.lru_cache(maxsize=4096)
def _act_stems(action: str) -> frozenset[str]:
    """The stems of a stored act: the same ones come back batch after batch to be compared."""
    from tracker.extract.similarity import stems

    return stems(action)


def _commitment_row(c, article_id: int, fp: str, search: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    now = dt.datetime.now(dt.UTC)
    return {
        "kind": c.kind,
        "polarity": c.polarity,
        "action": c.action or c.evidence,
        "status": "open",
        "made_on": c.made_on,
        "due_on": c.due,
        "confidence": c.confidence,
        "rule_id": c.rule,
        "article_id": article_id,
        "span_start": c.start,
        "span_end": c.end,
        "fingerprint": fp,
        "search_text": search,
        "created_at": now,
        "updated_at": now,
    }


FOLLOWUP_YEARS = 3  # how far back a report may look for the commitment it follows up


def _followups(  # type: ignore[no-untyped-def]
    article_id: int, article: Article, signals, candidates: list[OpenCommitment]
) -> list[dict[str, object]]:
    """A follow-up row for every open commitment this article seems to report on: one of its
    promisors named here, made before the article (within FOLLOWUP_YEARS)."""
    from tracker.extract.followups import MIN_SHARED, suggest

    published = article.published
    earliest = published.replace(year=published.year - FOLLOWUP_YEARS, day=1) if published else None
    rows = []
    words = signals.stems
    # most candidates share too few words: that test first, inline (160 per article)
    for c in [c for c in candidates if len(c.stems & words) >= MIN_SHARED]:
        if c.article_id == article_id:
            continue
        if published and c.made_on and not earliest <= c.made_on <= published:  # type: ignore[operator]
            continue
        found = suggest(c.promisors, c.stems, signals)
        if found:
            rows.append(
                {
                    "commitment_id": c.id,
                    "article_id": article_id,
                    "suggested_status": found.status,
                    "score": found.score,
                    "reason": found.reason,
                    "state": "suggested",
                    "created_at": dt.datetime.now(dt.UTC),
                }
            )
    return rows
