"""Which rules can match in which sentences, decided from literal cores, before any pattern runs.

Every slot of a rule has literal cores (rules.py: `Rule.required`), one of which each match of
the slot contains, inside one word. So a rule can match a sentence only if, for each slot, some
word of the sentence contains one of its cores. The cores a word contains are found once per
process (news repeats its words), and a sentence's cores are the union of its words' cores:
every rule × every sentence is then a few set intersections, not substring scans.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from tracker.extract.rules import Rule, rules

MIN_CORE = 2  # a one-letter core (س of سيـ) is in nearly every word: it filters nothing


@dataclass(frozen=True, slots=True)
class _Index:
    # every core, filed under its first two letters: a word is read once, letter pair by pair
    by_pair: dict[str, tuple[str, ...]]
    # per rule, its slots' word cores; a slot that filters nothing is left out
    slots: tuple[tuple[Rule, tuple[frozenset[str], ...]], ...]


@functools.cache
def _index() -> _Index:
    slots = []
    for rule in rules():
        kept = []
        for alternatives in rule.required:
            cores = {_word_core(c) for c in alternatives}
            if all(len(c) >= MIN_CORE for c in cores):
                kept.append(frozenset(cores))
        slots.append((rule, tuple(kept)))
    by_pair: dict[str, list[str]] = {}
    for core in sorted({c for _, kept in slots for slot in kept for c in slot}):
        by_pair.setdefault(core[:2], []).append(core)
    return _Index({k: tuple(v) for k, v in by_pair.items()}, tuple(slots))


def _word_core(core: str) -> str:
    """The longest run of one word in a core: what a single word of the text must contain."""
    return max(core.split() or [""], key=len)


_NONE: frozenset[str] = frozenset()


@functools.lru_cache(maxsize=1 << 18)
def _cores_in(token: str) -> frozenset[str]:
    by_pair = _index().by_pair
    found = {
        core
        for i in range(len(token) - 1)
        for core in by_pair.get(token[i : i + 2], ())
        if token.startswith(core, i)
    }
    return frozenset(found) if found else _NONE


def rule_sentences(
    text: str, sentences: Sequence[tuple[int, int]]
) -> list[tuple[Rule, list[tuple[int, int]]]]:
    """Each rule that can match `text`, with the sentences it can match in (in text order)."""
    # blank-separated tokens hold the same cores as the words in them (cores have no blanks)
    per_sentence = [set().union(*map(_cores_in, text[s:e].split())) for s, e in sentences]
    everywhere = set().union(*per_sentence)
    out = []
    for rule, slots in _index().slots:
        if any(everywhere.isdisjoint(slot) for slot in slots):
            continue
        spans = [
            span
            for span, found in zip(sentences, per_sentence, strict=True)
            if not any(found.isdisjoint(slot) for slot in slots)
        ]
        if spans:
            out.append((rule, spans))
    return out
