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

from tracker.domain import Commitment
from tracker.errors import BadInput
from tracker.extract.budget import article_budget, remaining
from tracker.extract.dates import find_deadline
from tracker.extract.normalize import Normalized, normalize
from tracker.extract.parties import (
    Gazetteer,
    Mention,
    find_mentions,
    gazetteer,
    resolve_ambiguous,
)
from tracker.extract.private import PRIVATE, private_persons
from tracker.extract.promisors import (
    bound_subject,
    not_undertaken,
    own_words,
    subject_names_no_actor,
)
from tracker.extract.promisors import promisors as resolve_promisors
from tracker.extract.sentences import sentence_spans
from tracker.extract.similarity import future_stem, stems, told_again
from tracker.extract.triggers import Candidate, find_candidates

__all__ = ["Analysis", "analyse", "extract"]

MAX_MENTIONS = 20000  # more party names than this in one text is not an article
DEADLINE_WINDOW = 300  # characters after a trigger searched for its deadline


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
    """The whole reading of one text, within the article's time budget (else BadInput)."""
    with article_budget():
        return _analyse(text, published, gaz)


def _analyse(text: str, published: dt.date | None, gaz: Gazetteer | None) -> Analysis:
    norm = normalize(text)
    sentences = sentence_spans(norm.text)
    gaz = gaz or gazetteer()
    mentions = find_mentions(norm.text, gaz)
    if len(mentions) > MAX_MENTIONS:
        raise BadInput(f"more than {MAX_MENTIONS} party names: not an article?")
    candidates = find_candidates(
        norm.text, sentences, lambda i: norm.original[norm.to_original(i)] in "أإآ"
    )
    # a private person's name ends where a commitment begins: "أن الشركة ستستثمر"
    triggers = frozenset(c.start for c in candidates if not c.dropped)
    mentions = private_persons(norm.text, resolve_ambiguous(mentions, sentences, gaz), triggers)
    found: list[Commitment] = []
    actions: list[frozenset[str]] = []
    last_promisors: dict[tuple[int, int], tuple[str, ...]] = {}  # per sentence
    for i, c in enumerate(candidates):
        remaining()  # the budget holds for the Python work too, not only for the patterns
        if c.dropped:
            continue
        if c.rule.predicate and subject_names_no_actor(c, mentions, norm.text):
            candidates[i] = replace(c, dropped="its subject names no party (الأطفال مستعدون)")
            continue
        if c.rule.predicate and not_undertaken(c, norm.text):
            candidates[i] = replace(c, dropped="a forecast or a denial (يبدو أن، نفى أن)")
            continue
        if c.rule.needs_subject:
            if any(m.start < c.trigger_end and c.start < m.end for m in mentions):
                candidates[i] = replace(c, dropped="part of a name in the gazetteer")
                continue
            bound = bound_subject(c, mentions, norm.text)
            if bound == (PRIVATE,) and not own_words(c, norm.text):
                bound = None  # "وستأخذ السيدة الأولى طائرة": a private person's itinerary
            if bound is None:
                candidates[i] = replace(c, dropped="no party is its subject (a forecast?)")
                continue
            promisors: tuple[str, ...] = bound
        else:
            # a predicate's subject is read as a future's is (إن فرنسا تقف ... ومستعدة)
            subject = bound_subject(c, mentions, norm.text) if c.rule.predicate else None
            promisors = subject or resolve_promisors(
                c, mentions, norm.text, last_promisors.get(c.sentence)
            )
        last_promisors[c.sentence] = promisors
        start, end = norm.span_to_original(c.start, c.end)
        tokens = stems(norm.text[c.trigger_end : c.end], normalized=True)
        verb = future_stem(norm.text[c.start : c.trigger_end])
        if verb:
            tokens |= {verb}  # the future's own verb is its act: سأتحدث إليهما
        twin = next(
            (
                i
                for i, f in enumerate(found)
                if f.polarity == c.polarity
                and _same_side(f, c.rule.kind, promisors)
                and told_again(tokens, actions[i])
            ),
            None,
        )
        s_start, s_end = norm.span_to_original(*c.sentence)
        if twin is not None:  # the same commitment told again: one more mention of it
            first = found[twin]
            due = first.due or _deadline(norm.text, c, published)
            mention = (start, end, s_start, s_end)
            found[twin] = replace(first, mentions=(*first.mentions, mention), due=due)
            continue
        counter = (x for m in mentions if c.trigger_end <= m.start < c.end for x in m.bound)
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
                due=_deadline(norm.text, c, published),
                confidence=round(c.confidence * (1.0 if promisors else 0.5), 3),
                rule=c.rule.id,
                mentions=((start, end, s_start, s_end),),
            )
        )
        actions.append(tokens)
    return Analysis(norm, sentences, mentions, candidates, found)


def _same_side(first: Commitment, kind: str, promisors: tuple[str, ...]) -> bool:
    """A second report of an act binds the side of the first: the same parties, or, for a
    commitment of the same kind, a party in common (the article names them differently the
    second time: "the Houthis and the government", then "the Houthis and the Saudis").
    PRIVATE is everyone the gazetteer does not know: it is no party in common."""
    if set(first.promisors) == set(promisors):
        return True
    common = set(first.promisors) & set(promisors) - {PRIVATE}
    return first.kind == kind and bool(common)


def _deadline(text: str, c: Candidate, published: dt.date | None) -> dt.date | None:
    """A deadline in the rest of the trigger's sentence (its next DEADLINE_WINDOW characters)."""
    end = min(c.sentence[1], c.trigger_end + DEADLINE_WINDOW)
    return find_deadline(text[c.trigger_end : end], published)


class _CallableModule(types.ModuleType):
    """`tracker.extract` is both this package and the function: importing the package binds the
    name `extract` on `tracker` to the module, so the module itself answers calls."""

    def __call__(
        self, text: str, published: dt.date | None = None, gaz: Gazetteer | None = None
    ) -> list[Commitment]:
        return extract(text, published, gaz)


sys.modules[__name__].__class__ = _CallableModule
