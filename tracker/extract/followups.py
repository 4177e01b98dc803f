"""Does a later article report progress on a commitment? Parties, shared words, and a cue.

A follow-up needs all three: one of the commitment's promisors is named in the article; a
sentence of the article shares content words with the commitment (its action and evidence,
party names left out); and that sentence holds a cue of delivery (وصل، وقع، افتتح ...) or of
breach (انسحب، علق ...) from followups.yaml, which decides the suggested status.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Collection
from dataclasses import dataclass

import regex

from tracker.extract import Analysis
from tracker.extract.budget import Timed, linear, timed
from tracker.extract.parties import Gazetteer, Mention, find_mentions
from tracker.extract.rules import _cores, _read_yaml, verb_pattern
from tracker.extract.similarity import stem, stems

MIN_SHARED = 3  # content stems a sentence must share with the commitment
MIN_SCORE = 0.5
_WORD = linear(r"\w+")
_FUTURE = timed(r"^[وف]?(?:س[يتن]|سوف)")


@dataclass(frozen=True, slots=True)
class Cue:
    status: str
    kind: str  # delivery | breach
    group: str  # its group in the one pattern of all cues


@dataclass(frozen=True, slots=True)
class Cues:
    """Every cue of followups.yaml in one pattern, and the literal cores one of which any cue
    word holds: a word without one is no cue, and the pattern does not run on it."""

    cues: tuple[Cue, ...]
    pattern: Timed  # a whole word that is a cue
    cores: regex.Pattern[str]  # any of the cores (literals: linear, no timeout)


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
    stems: frozenset[str] = frozenset()  # of all those sentences: most commitments share too few


@dataclass(frozen=True, slots=True)
class Suggestion:
    status: str
    score: float
    reason: str


@functools.cache
def cues() -> Cues:
    raw = _read_yaml("followups.yaml")
    found: list[Cue] = []
    bodies: list[str] = []
    cores: list[str] = []
    for kind in ("delivery", "breach"):
        for status, verbs in raw[kind].items():
            group = f"cue{len(found)}"
            found.append(Cue(status, kind, group))
            bodies.append(f"(?P<{group}>{'|'.join(verb_pattern(v) for v in verbs)})")
            cores += _cores({"verbs": verbs})
    pattern = timed(f"(?:{'|'.join(bodies)})")
    literals = sorted(set(cores), key=len, reverse=True)
    return Cues(tuple(found), pattern, linear("|".join(map(regex.escape, literals))))


def _cue_of(word: str) -> Cue | None:
    """The cue a word of the normalized text is, or None."""
    every = cues()
    if every.cores.search(word) is None:
        return None
    m = every.pattern.fullmatch(word)
    if m is None or _FUTURE.match(word):  # a future is a new commitment, not a follow-up
        return None
    return next(c for c in every.cues if m.group(c.group) is not None)


def _without_parties(text: str, mentions: list[Mention] | None = None) -> str:
    """The normalized text with party names blanked: parties are compared apart."""
    pieces: list[str] = []
    done = 0
    for m in find_mentions(text) if mentions is None else mentions:
        if m.start >= done:
            pieces += (text[done : m.start], " " * (m.end - m.start))
            done = m.end
        elif m.end > done:  # overlapping names: blank the rest of the longer one
            pieces.append(" " * (m.end - done))
            done = m.end
    pieces.append(text[done:])
    return "".join(pieces)


# Blank-separated tokens already judged, across articles, and the cue words inside those that
# hold one (offsets in the token). Splitting on blanks and taking set differences runs in C,
# so an article costs Python work only for tokens never seen before: the words of the text
# are never listed one by one. Emptied past MAX_KNOWN (memory stays flat).
_known: set[str] = set()
_cue_tokens: dict[str, tuple[tuple[int, int, Cue], ...]] = {}
MAX_KNOWN = 1 << 20


def _cue_positions(text: str) -> list[tuple[int, int, Cue]]:
    """(start, end, cue) of every cue word of `text`, in text order.

    A word never holds a blank, so each lies inside one blank-separated token: the tokens that
    hold a cue are placed by searching for them as whole tokens."""
    tokens = set(text.split())
    unseen = tokens - _known
    if unseen:
        if len(_known) > MAX_KNOWN:
            _known.clear()
            _cue_tokens.clear()
        _known.update(unseen)
        holds_core = cues().cores.search
        for token in unseen:
            if holds_core(token) is None:  # most tokens: no cue can be in them
                continue
            cues_here = tuple(
                (m.start(), m.end(), cue)
                for m in _WORD.finditer(token)
                if (cue := _cue_of(m.group())) is not None
            )
            if cues_here:
                _cue_tokens[token] = cues_here
    found: list[tuple[int, int, Cue]] = []
    for token in tokens.intersection(_cue_tokens):
        i = text.find(token)
        while i >= 0:
            end = i + len(token)
            if (i == 0 or text[i - 1].isspace()) and (end == len(text) or text[end].isspace()):
                found += [(i + start, i + stop, cue) for start, stop, cue in _cue_tokens[token]]
            i = text.find(token, end)
    found.sort(key=lambda f: f[0])
    return found


def article_signals(a: Analysis) -> ArticleSignals:
    """Parties named in the article and, per sentence with a cue, its stems and cues."""
    parties = frozenset(code for m in a.mentions for code in m.bound)
    if not parties:  # nobody's commitment can be followed up here
        return ArticleSignals(parties, ())
    text, original = a.normalized.text, a.normalized.original
    starts = [start for start, _ in a.sentences]
    found: dict[int, list[tuple[str, str, str]]] = {}
    for start, end, cue in _cue_positions(text):
        i = bisect.bisect_right(starts, start) - 1
        if i < 0 or start >= a.sentences[i][1]:
            continue  # between sentences
        o_start, o_end = a.normalized.span_to_original(start, end)
        found.setdefault(i, []).append((cue.status, cue.kind, original[o_start:o_end]))
    if not found:
        return ArticleSignals(parties, ())
    blanked = _without_parties(text, a.mentions)
    sentences = []
    for i in sorted(found):
        start, end = a.sentences[i]
        o_start, o_end = a.normalized.span_to_original(start, end)
        cues_here = tuple(found[i])  # in the order they stand in the sentence
        sentences.append(
            SentenceSignal(
                original[o_start:o_end], stems(blanked[start:end], normalized=True), cues_here
            )
        )
    return ArticleSignals(
        parties, tuple(sentences), frozenset().union(*(s.stems for s in sentences))
    )


def commitment_stems(action: str, evidence: str, gaz: Gazetteer | None = None) -> frozenset[str]:
    """The content stems of a stored commitment, its party names (of `gaz`) left out."""
    from tracker.extract.normalize import normalize_text

    text = normalize_text(f"{evidence} {action}")
    return stems(_without_parties(text, find_mentions(text, gaz)), normalized=True)


def suggest(
    promisors: Collection[str], words: frozenset[str], signals: ArticleSignals
) -> Suggestion | None:
    """The best follow-up reading of the article for one commitment, or None."""
    if len(words & signals.stems) < MIN_SHARED:
        return None
    parties = signals.parties.intersection(promisors)
    if not parties:
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
    written = _as_written(sentence.text, shared)
    reason = (
        f"{', '.join(sorted(parties))} named; {kind} cue «{word}»; "
        f"shared words: {'، '.join(written)}; sentence: {_shorten(sentence.text, 160)}"
    )
    return Suggestion(status, score, reason)


def _shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word and marked with an ellipsis."""
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def _as_written(sentence: str, shared: frozenset[str]) -> list[str]:
    """The sentence's own words for the shared stems, in the order they stand there."""
    out: list[str] = []
    for word in _WORD.findall(sentence):
        s = stem(word)
        if s in shared and word not in out:
            out.append(word)
            shared = shared - {s}
    return out
