"""`tracker explain`: what the extractor saw in a text and why it kept or dropped each match."""

from __future__ import annotations

import datetime as dt

from tracker.extract import analyse


def explain(text: str, published: dt.date | None = None) -> str:
    """A readable trace: normalized text, sentences, rule matches, parties, dates, decisions."""
    a = analyse(text, published)
    norm = a.normalized.text
    out = ["normalized:", f"  {norm}", "", f"sentences ({len(a.sentences)}):"]
    for i, (start, end) in enumerate(a.sentences, 1):
        o_start, o_end = a.normalized.span_to_original(start, end)
        out.append(f"  {i}. [{o_start}:{o_end}] {text[o_start:o_end]}")
    out += ["", "parties named:"]
    for m in a.mentions:
        o_start, o_end = a.normalized.span_to_original(m.start, m.end)
        out.append(f"  [{o_start}:{o_end}] {text[o_start:o_end]} → {', '.join(m.codes)}")
    if not a.mentions:
        out.append("  (none)")
    out += ["", "rule matches:"]
    for c in a.candidates:
        o_start, o_end = a.normalized.span_to_original(c.start, c.trigger_end)
        verdict = f"dropped: {c.dropped}" if c.dropped else "kept"
        out.append(
            f"  [{o_start}:{o_end}] {c.rule.id} ({c.rule.kind}, {c.polarity}, {c.number}) "
            f"{text[o_start:o_end]!r} — {verdict}"
        )
    if not a.candidates:
        out.append("  (none: no rule matched)")
    out += ["", f"commitments ({len(a.commitments)}):"]
    for k in a.commitments:
        out.append(
            f"  [{k.start}:{k.end}] {k.kind} {k.polarity} promisors={','.join(k.promisors) or '-'} "
            f"counterparties={','.join(k.counterparties) or '-'} made_on={k.made_on or '-'} "
            f"due={k.due or '-'} confidence={k.confidence} rule={k.rule} "
            f"mentions={len(k.mentions)}"
        )
        out.append(f"      {k.evidence}")
    return "\n".join(out)
