"""What runs in the worker processes of `tracker ingest` and `tracker extract`.

Kept apart from ingest.py so that `tracker extract`, which stores nothing, does not import
SQLAlchemy and the models on its way (0.2 s of its start-up).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tracker.errors import BadInput

if TYPE_CHECKING:
    from tracker.inputs import Item


@dataclass(frozen=True, slots=True)
class Analysed:
    """What a worker found in one article: commitments and follow-up signals, or why not.

    `words` holds, per commitment, the stems of its act (to compare with stored reports) and
    its search text: computed here, in the worker, not by the one writer.
    """

    commitments: list
    words: list[tuple[frozenset[str], str]]
    signals: object
    error: str | None = None
    digest: str = ""


_worker_gazetteer = None


def init_worker(extra: tuple[tuple[str, str], ...] = (), follow_ups: bool = True) -> None:
    """Compile the rules, the gazetteer (with analysts' aliases) and the other data files;
    the follow-up cues only for ingest (`follow_ups`), which alone looks for them.

    Called in the parent before the workers start: forked workers inherit what it compiled
    instead of each compiling it again.
    """
    global _worker_gazetteer
    from tracker.extract import rules
    from tracker.extract.dates import _grammar
    from tracker.extract.parties import gazetteer
    from tracker.extract.similarity import _stopwords

    _worker_gazetteer = gazetteer(extra)
    rules.rules(), rules.modifiers(), _grammar(), _stopwords()
    if follow_ups:
        from tracker.extract.followups import cues

        cues()


def analyse_item(entry: tuple[Item, str]) -> Analysed | None:
    """Run in a worker: the analysis of one readable article (None for an unreadable one).

    `entry` is the item and its content hash, which the duplicate check computed already."""
    from tracker.extract import analyse
    from tracker.extract.followups import article_signals, commitment_stems
    from tracker.extract.similarity import stems

    item, digest = entry
    if item.error or item.article is None:
        return None
    try:
        found = analyse(item.article.text, item.article.published, _worker_gazetteer)
    except BadInput as exc:
        return Analysed([], [], None, str(exc), digest)
    words = [
        (
            stems(c.action or c.evidence),
            " ".join(sorted(commitment_stems(c.action, c.evidence, _worker_gazetteer))),
        )
        for c in found.commitments
    ]
    return Analysed(found.commitments, words, article_signals(found), None, digest)


def extract_item(item: Item, as_json: bool = False) -> tuple[bool, str]:
    """Run in a worker for `tracker extract`: (True, the lines to print) for one item, or
    (False, the error line) for one that could not be read.

    The output is formatted here, in the workers, so that the one parent process only writes
    it: sending text back costs less than sending commitments to be formatted there."""
    from tracker.extract import extract

    if item.error or item.article is None:
        return False, f"error: {item.label}: {item.error}"
    try:
        found = extract(item.article.text, item.article.published)
    except BadInput as exc:
        return False, f"error: {item.label}: {exc}"
    doc_id = item.article.external_id or item.label
    if as_json:
        line = {"id": doc_id, "commitments": [c.to_json() for c in found]}
        return True, json.dumps(line, ensure_ascii=False)
    lines = [f"# {doc_id}: {len(found)} commitments"]
    for c in found:
        who = ",".join(c.promisors) or "?"
        lines.append(f"  {c.kind:<13} {c.polarity:<8} {who:<12} {c.evidence}")
    return True, "\n".join(lines)
