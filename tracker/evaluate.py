"""Score the extractor against a gold file (shared/eval/FORMAT.md is the contract).

`load_gold` reads and validates the gold JSON Lines, `score` runs a predictor over every
document and pairs its output with the gold items, `format_report` and `format_errors` print
the figures and every disagreement. Only the standard library and tracker.domain/errors are
imported at module level; the extractor and the gazetteer load when first needed.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tracker.domain import KINDS, POLARITIES, Commitment
from tracker.errors import BadInput

Predict = Callable[[str, dt.date | None], Sequence[Commitment]]
ATTRIBUTES = ("kind", "promisors", "polarity", "due")
_STATE = re.compile(r"[A-Z]{3}")


@dataclass(frozen=True, slots=True)
class GoldItem:
    """One gold commitment; `start`/`end` locate the first occurrence of `evidence`."""

    evidence: str
    start: int
    end: int
    kind: str
    polarity: str
    promisors: tuple[str, ...]
    due: dt.date | None
    optional: bool = False
    note: str = ""


@dataclass(frozen=True, slots=True)
class GoldDoc:
    id: str
    text: str
    published: dt.date | None
    items: tuple[GoldItem, ...]


@dataclass(frozen=True, slots=True)
class Error:
    """A disagreement: `what` is FP (pred only), FN (gold only) or MISMATCH (see `fields`)."""

    doc_id: str
    what: str
    gold: GoldItem | None = None
    pred: Commitment | None = None
    fields: tuple[str, ...] = ()


@dataclass(slots=True)
class Report:
    """Micro-averaged figures. Every ratio is 0.0 when its denominator is 0 (nothing to count),
    so an empty run prints zeros rather than failing. The attribute shares (`kind` ...) are over
    the true positives only: they say how good the found items are, not how many were found."""

    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0
    kind: float = 0.0
    promisors: float = 0.0
    polarity: float = 0.0
    due: float = 0.0
    n_docs: int = 0
    n_gold: int = 0  # non-optional gold items
    n_pred: int = 0  # every prediction, including those paired with optional items
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[Error] = field(default_factory=list)

    def to_json(self) -> dict[str, float | int]:
        keys = ("precision", "recall", "f1", *ATTRIBUTES)
        out: dict[str, float | int] = {k: round(getattr(self, k), 4) for k in keys}
        for k in ("n_gold", "n_pred", "tp", "fp", "fn", "n_docs"):
            out[k] = getattr(self, k)
        return out


def load_gold(path: str | Path) -> list[GoldDoc]:
    """Read a gold file, failing on the first bad line: a silently skipped item would make the
    extractor look wrong when it is right."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"{path}: cannot read: {exc}") from exc
    docs: list[GoldDoc] = []
    seen: set[str] = set()
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            doc = _doc(json.loads(line), n)
        except json.JSONDecodeError as exc:
            raise BadInput(f"{path}:{n}: not JSON: {exc.msg} (column {exc.colno})") from exc
        except (ValueError, TypeError, KeyError) as exc:
            raise BadInput(f"{path}:{n}: {exc}".replace("\n", " ")) from exc
        if doc.id in seen:
            raise BadInput(f"{path}:{n}: duplicate id {doc.id!r}")
        seen.add(doc.id)
        docs.append(doc)
    return docs


def _date(value: object, what: str) -> dt.date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{what} must be an ISO date or null, not {value!r}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{what} is not an ISO date: {value!r}") from None


def _doc(obj: object, n: int) -> GoldDoc:
    if not isinstance(obj, dict):
        raise ValueError("a line must be a JSON object")
    text = obj.get("text")
    if not isinstance(text, str):
        raise ValueError("missing or non-string 'text'")
    items = obj.get("commitments")
    if not isinstance(items, list):
        raise ValueError("missing or non-list 'commitments'")
    doc_id = str(obj.get("id") or f"line {n}")
    gold = []
    for i, item in enumerate(items, 1):
        where = f"commitment {i}"
        if not isinstance(item, dict):
            raise ValueError(f"{where} is not an object")
        evidence = item.get("evidence")
        if not isinstance(evidence, str) or not evidence:
            raise ValueError(f"{where}: missing evidence")
        start = text.find(evidence)
        if start < 0:
            raise ValueError(f"{where}: evidence not found in text: {evidence[:60]!r}")
        if item.get("kind") not in KINDS:
            raise ValueError(f"{where}: kind {item.get('kind')!r} is not one of {KINDS}")
        if item.get("polarity") not in POLARITIES:
            raise ValueError(
                f"{where}: polarity {item.get('polarity')!r} is not one of {POLARITIES}"
            )
        promisors = item.get("promisors", [])
        if not isinstance(promisors, list) or not all(isinstance(p, str) for p in promisors):
            raise ValueError(f"{where}: promisors must be a list of codes")
        gold.append(
            GoldItem(
                evidence=evidence,
                start=start,
                end=start + len(evidence),
                kind=item["kind"],
                polarity=item["polarity"],
                promisors=tuple(promisors),
                due=_date(item.get("due"), f"{where}: due"),
                optional=item.get("optional") is True,
                note=str(item.get("note") or ""),
            )
        )
    published = _date(obj.get("published"), "published")
    return GoldDoc(doc_id, text, published, tuple(gold))


@functools.cache
def _actor_codes() -> frozenset[str]:
    """Codes of actors.tsv, as the package's own gazetteer carries them (its listed non-state
    entries are actors.tsv, same codes), so scoring needs no file outside the installed package."""
    from tracker.gazetteer import builtin_parties

    return frozenset(p.code for p in builtin_parties() if p.listed and p.kind != "state")


def canonical(code: str) -> str:
    """A state code or an actors.tsv code as is; anything else (companies, persons) is OTHER."""
    return code if _STATE.fullmatch(code) or code in _actor_codes() else "OTHER"


def _wrong(gold: GoldItem, pred: Commitment) -> tuple[str, ...]:
    same = {
        "kind": gold.kind == pred.kind,
        "promisors": {canonical(c) for c in gold.promisors}
        == {canonical(c) for c in pred.promisors},
        "polarity": gold.polarity == pred.polarity,
        "due": gold.due == pred.due,
    }
    return tuple(a for a in ATTRIBUTES if not same[a])


def pair(gold: Sequence[GoldItem], preds: Sequence[Commitment]) -> list[tuple[int, int]]:
    """One-to-one (gold index, pred index) pairs of overlapping spans, largest overlap first;
    ties go to the earlier gold item, then the earlier prediction, so results are stable."""
    options = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(preds):
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > 0:
                options.append((-overlap, gi, pi))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in sorted(options):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return pairs


def _position(e: Error) -> int:
    """Where an error sits in its document, so errors print in reading order."""
    return e.gold.start if e.gold is not None else e.pred.start if e.pred is not None else 0


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def score(docs: Sequence[GoldDoc], predict: Predict | None = None) -> Report:
    """Run `predict` (default: tracker's extractor) on every document and score it."""
    if predict is None:
        from tracker.extract import extract as predict
    report = Report(n_docs=len(docs))
    agree = dict.fromkeys(ATTRIBUTES, 0)
    for doc in docs:
        preds = list(predict(doc.text, doc.published))
        report.n_pred += len(preds)
        pairs = pair(doc.items, preds)
        paired_g = {gi for gi, _ in pairs}
        paired_p = {pi for _, pi in pairs}
        errors = []
        for gi, pi in pairs:
            g, p = doc.items[gi], preds[pi]
            if g.optional:
                continue
            report.tp += 1
            wrong = _wrong(g, p)
            for a in ATTRIBUTES:
                agree[a] += a not in wrong
            if wrong:
                errors.append(Error(doc.id, "MISMATCH", g, p, wrong))
        for pi, p in enumerate(preds):
            if pi not in paired_p:
                report.fp += 1
                errors.append(Error(doc.id, "FP", pred=p))
        for gi, g in enumerate(doc.items):
            if gi not in paired_g and not g.optional:
                report.fn += 1
                errors.append(Error(doc.id, "FN", gold=g))
        errors.sort(key=_position)
        report.errors += errors
    report.n_gold = report.tp + report.fn
    report.precision = _ratio(report.tp, report.tp + report.fp)
    report.recall = _ratio(report.tp, report.n_gold)
    report.f1 = _ratio(2 * report.tp, 2 * report.tp + report.fp + report.fn)
    for a in ATTRIBUTES:
        setattr(report, a, _ratio(agree[a], report.tp))
    return report


def format_report(report: Report) -> str:
    """The figures `tracker eval` prints."""
    ignored = report.n_pred - report.tp - report.fp
    return "\n".join(
        [
            f"documents   {report.n_docs}",
            f"gold        {report.n_gold} (non-optional)",
            f"predicted   {report.n_pred} ({ignored} paired with optional items, not counted)",
            f"tp {report.tp}   fp {report.fp}   fn {report.fn}",
            f"precision   {report.precision:.4f}",
            f"recall      {report.recall:.4f}",
            f"f1          {report.f1:.4f}",
            f"over the {report.tp} true positives, share with the same:",
            *(f"  {a:<10}{getattr(report, a):.4f}" for a in ATTRIBUTES),
        ]
    )


def _one_line(s: str) -> str:
    return " ".join(s.split())


def _describe(x: GoldItem | Commitment) -> str:
    due = x.due.isoformat() if x.due else "-"
    return f"{x.kind}/{x.polarity} [{','.join(x.promisors) or '-'}] due {due}"


def format_errors(report: Report) -> str:
    """Every FP, FN and wrong attribute, grouped by document, with both evidences, the rule that
    fired and the annotator's note: what an analyst needs to decide whether to fix a rule or
    the gold."""
    out: list[str] = []
    doc_id = None
    for e in report.errors:
        if e.doc_id != doc_id:
            doc_id = e.doc_id
            out.append(f"== {doc_id}")
        if e.pred is not None and e.gold is None:
            out.append(f"  FP  {_describe(e.pred)}  rule {e.pred.rule or '?'}")
        elif e.gold is not None and e.pred is None:
            out.append(f"  FN  {_describe(e.gold)}")
        else:
            assert e.gold is not None and e.pred is not None
            out.append(f"  BAD {', '.join(e.fields)}  rule {e.pred.rule or '?'}")
            out.append(f"      gold {_describe(e.gold)}")
            out.append(f"      pred {_describe(e.pred)}")
        if e.gold is not None:
            out.append(f"      gold: {_one_line(e.gold.evidence)}")
            if e.gold.note:
                out.append(f"      note: {_one_line(e.gold.note)}")
        if e.pred is not None:
            out.append(f"      pred: {_one_line(e.pred.evidence)}")
    return "\n".join(out)
