"""The extractor: `extract(text, published=None) -> list[Commitment]`. A pure library.

Everything about Arabic lives in this package; it never touches the database or the CLI.
`analyse` returns the whole trace (normalized text, sentences, every candidate with the reason
it was kept or dropped) for `tracker explain`.
"""

from __future__ import annotations

import datetime as dt
import sys
import types
from dataclasses import dataclass, replace

import regex

from tracker.domain import Commitment
from tracker.extract.dates import find_deadline
from tracker.extract.normalize import Normalized, normalize
from tracker.extract.parties import Gazetteer, Mention, find_mentions, gazetteer, resolve_ambiguous
from tracker.extract.rules import modifiers
from tracker.extract.sentences import sentence_spans
from tracker.extract.triggers import Candidate, find_candidates

__all__ = ["Analysis", "analyse", "extract"]

_TOKEN = regex.compile(r"\w{3,}")
_WORD = regex.compile(r"\w+")
SAME_ACTION = 0.6  # token overlap above which two reports in one article are one commitment


@dataclass(frozen=True, slots=True)
class Analysis:
    normalized: Normalized
    sentences: list[tuple[int, int]]  # in the normalized text
    mentions: list[Mention]
    candidates: list[Candidate]
    commitments: list[Commitment]


def extract(
    text: str, published: dt.date | None = None, gaz: Gazetteer | None = None
) -> list[Commitment]:
    """The commitments in `text`, offsets into `text` itself, repeats folded into mentions."""
    return analyse(text, published, gaz).commitments


def analyse(text: str, published: dt.date | None = None, gaz: Gazetteer | None = None) -> Analysis:
    norm = normalize(text)
    sentences = sentence_spans(norm.text)
    gaz = gaz or gazetteer()
    mentions = resolve_ambiguous(find_mentions(norm.text, gaz), sentences, gaz)
    candidates = find_candidates(norm.text, sentences)
    found: list[Commitment] = []
    actions: list[set[str]] = []
    last_promisors: dict[tuple[int, int], tuple[str, ...]] = {}  # per sentence
    for c in candidates:
        if c.dropped:
            continue
        promisors = _promisors(c, mentions, norm.text, last_promisors.get(c.sentence))
        last_promisors[c.sentence] = promisors
        start, end = norm.span_to_original(c.start, c.end)
        tokens = set(_TOKEN.findall(norm.text, c.trigger_end, c.end))
        twin = next(
            (
                i
                for i, f in enumerate(found)
                if (f.kind, f.polarity, set(f.promisors))
                == (c.rule.kind, c.polarity, set(promisors))
                and _overlap(tokens, actions[i]) >= SAME_ACTION
            ),
            None,
        )
        if twin is not None:  # the same commitment told again: one more mention of it
            found[twin] = replace(found[twin], mentions=(*found[twin].mentions, (start, end)))
            continue
        s_start, s_end = norm.span_to_original(*c.sentence)
        counter = (m.codes[0] for m in mentions if c.trigger_end <= m.start < c.end)
        found.append(
            Commitment(
                kind=c.rule.kind,
                polarity=c.polarity,
                start=start,
                end=end,
                evidence=text[start:end],
                promisors=promisors,
                action=text[norm.to_original(c.trigger_end) : end].strip(" \t“”\"«»'"),
                counterparties=tuple(dict.fromkeys(x for x in counter if x not in promisors)),
                made_on=published,
                due=find_deadline(norm.text[c.trigger_end : c.sentence[1]], published),
                confidence=round(c.confidence * (1.0 if promisors else 0.5), 3),
                rule=c.rule.id,
                sentence_start=s_start,
                sentence_end=s_end,
                mentions=((start, end),),
            )
        )
        actions.append(tokens)
    return Analysis(norm, sentences, mentions, candidates, found)


def _overlap(a: set[str], b: set[str]) -> float:
    """Jaccard overlap of two token sets (1.0 for two empty sets: a bare trigger twice)."""
    return len(a & b) / len(a | b) if a | b else 1.0


_STOP_SUBJECT = frozenset({"ان", "علي", "الي", "من", "في", "مع", "عن"})


def _promisors(
    c: Candidate, mentions: list[Mention], text: str, same_sentence: tuple[str, ...] | None
) -> tuple[str, ...]:
    """Who is bound by the candidate, in the order the evidence for it is strongest.

    1. a party named in the trigger's own words or right after its verb (verb-first order);
    2. "الطرفان", a dual or plural verb, or an agreement with no named side: the two parties
       in focus (the last two named before the trigger);
    3. a verbal noun with no subject (مع التعهد بـ): the promisors of the sentence's previous
       commitment;
    4. the nearest party named before the trigger in the same sentence (subject-first order);
    5. the party in focus.
    """
    named = [m.codes[0] for m in mentions if c.start <= m.start and m.end <= c.trigger_end]
    if not named and not c.rule.starts_with_noun:
        named = _subject_after(c, mentions, text)
    if named:
        return tuple(dict.fromkeys(named))
    focus = _focus(mentions, c.start)
    both = modifiers().both_parties.search(text, c.start, c.trigger_end) is not None
    if (both or c.number != "singular" or c.rule.kind == "agreement") and len(focus) >= 2:
        return tuple(focus[:2])
    if c.rule.starts_with_noun and same_sentence:
        return same_sentence
    before = [m for m in mentions if c.sentence[0] <= m.start and m.end <= c.start]
    if before:
        return (before[-1].codes[0],)
    return tuple(focus[:1])


def _subject_after(c: Candidate, mentions: list[Mention], text: str) -> list[str]:
    """Parties named in the three words after a verb, before any preposition: its subject."""
    by_start = {m.start: m for m in mentions}
    codes: list[str] = []
    for w in list(_WORD.finditer(text, c.trigger_end, c.end))[:3]:
        m = by_start.get(w.start())
        if m:
            codes.append(m.codes[0])
            continue
        if codes and w.group() != "و":
            break
        if w.group() in _STOP_SUBJECT or w.group()[0] in "بل":
            break
    return codes


def _focus(mentions: list[Mention], before: int) -> list[str]:
    """The last two distinct parties named before an offset, most recent first."""
    focus: list[str] = []
    for m in reversed(mentions):
        if m.end <= before and m.codes[0] not in focus:
            focus.append(m.codes[0])
            if len(focus) == 2:
                break
    return focus


class _CallableModule(types.ModuleType):
    """`tracker.extract` is both this package and the function: importing the package binds the
    name `extract` on `tracker` to the module, so the module itself answers calls."""

    def __call__(
        self, text: str, published: dt.date | None = None, gaz: Gazetteer | None = None
    ) -> list[Commitment]:
        return extract(text, published, gaz)


sys.modules[__name__].__class__ = _CallableModule
