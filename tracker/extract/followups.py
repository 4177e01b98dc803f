"""Does a later article report progress on a commitment? Parties, shared words, and a cue.

A follow-up needs all three: one of the commitment's promisors is named in the article; a
sentence of the article shares content words with the commitment (its action and evidence,
party names left out); and that sentence holds a cue of delivery (وصل، وقع، افتتح ...) or of
breach (انسحب، علق ...) from followups.yaml, which decides the suggested status.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from tracker.extract import Analysis
from tracker.extract.parties import Mention, find_mentions
from tracker.extract.rules import _read_yaml, verb_pattern
from tracker.extract.similarity import stems

MIN_SHARED = 3  # content stems a sentence must share with the commitment
MIN_SCORE = 0.5
_FUTURE = regex.compile(r"^[وف]?(?:س[يتن]|سوف)")


@dataclass(frozen=True, slots=True)
class Cue:
    status: str
    kind: str  # delivery | breach
    pattern: regex.Pattern[str]


@dataclass(frozen=True, slots=True)
class SentenceSignal:
    text: str  # original text of the sentence
    stems: frozenset[str]
    cues: tuple[tuple[str, str, str], ...]  # (status, kind, word as written)


@dataclass(frozen=True, slots=True)
class ArticleSignals:
    """What a follow-up is judged on, computed once per article."""

    parties: frozenset[str]
    sentences: tuple[SentenceSignal, ...]


@dataclass(frozen=True, slots=True)
class Suggestion:
    status: str
    score: float
    reason: str


@functools.cache
def cues() -> tuple[Cue, ...]:
    raw = _read_yaml("followups.yaml")
    out = []
    for kind in ("delivery", "breach"):
        for status, verbs in raw[kind].items():
            body = "|".join(verb_pattern(v) for v in verbs)
            out.append(Cue(status, kind, regex.compile(f"(?<!\\w)(?:{body})(?!\\w)")))
    return tuple(out)


def _without_parties(text: str, mentions: list[Mention] | None = None) -> str:
    """The normalized text with party names blanked: parties are compared apart."""
    chars = list(text)
    for m in find_mentions(text) if mentions is None else mentions:
        chars[m.start : m.end] = " " * (m.end - m.start)
    return "".join(chars)


def article_signals(a: Analysis) -> ArticleSignals:
    """Parties named in the article and, per sentence with a cue, its stems and cues."""
    text = a.normalized.text
    blanked: str | None = None
    sentences = []
    for start, end in a.sentences:
        found = []
        for cue in cues():
            for m in cue.pattern.finditer(text, start, end):
                if not _FUTURE.match(m.group()):
                    o_start, o_end = a.normalized.span_to_original(m.start(), m.end())
                    found.append((cue.status, cue.kind, a.normalized.original[o_start:o_end]))
        if found:
            blanked = blanked or _without_parties(text, a.mentions)
            o_start, o_end = a.normalized.span_to_original(start, end)
            sentences.append(
                SentenceSignal(
                    a.normalized.original[o_start:o_end], stems(blanked[start:end]), tuple(found)
                )
            )
    return ArticleSignals(frozenset(m.codes[0] for m in a.mentions), tuple(sentences))


def commitment_stems(action: str, evidence: str) -> frozenset[str]:
    """The content stems of a stored commitment, its party names left out."""
    from tracker.extract.normalize import normalize_text

    return stems(_without_parties(normalize_text(f"{evidence} {action}")))


def suggest(
    promisors: frozenset[str], words: frozenset[str], signals: ArticleSignals
) -> Suggestion | None:
    """The best follow-up reading of the article for one commitment, or None."""
    parties = promisors & signals.parties
    if not parties or not words:
        return None
    best: tuple[float, SentenceSignal, frozenset[str]] | None = None
    for s in signals.sentences:
        shared = words & s.stems
        if len(shared) < MIN_SHARED:
            continue
        overlap = len(shared) / min(len(words), 6)
        score = round(min(1.0, 0.3 * len(parties) / len(promisors) + 0.7 * min(1.0, overlap)), 3)
        if best is None or score > best[0]:
            best = (score, s, shared)
    if best is None or best[0] < MIN_SCORE:
        return None
    score, sentence, shared = best
    status, kind, word = sentence.cues[0]
    reason = (
        f"{', '.join(sorted(parties))} named; {kind} cue «{word}»; "
        f"shared words: {'، '.join(sorted(shared))}; sentence: {_shorten(sentence.text, 160)}"
    )
    return Suggestion(status, score, reason)


def _shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word and marked with an ellipsis."""
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"
