"""The seed article: every firm commitment of its gold file, and nothing else."""

from __future__ import annotations

import json

import pytest

from tests.conftest import SEED_ARTICLE, SEED_GOLD
from tracker import extract


@pytest.fixture(scope="module")
def gold() -> dict:
    return json.loads(SEED_GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def found() -> list:
    return extract(SEED_ARTICLE.read_text(encoding="utf-8"))


def _span(text: str, evidence: str) -> tuple[int, int]:
    start = text.index(evidence)
    return start, start + len(evidence)


def _pair(gold: dict, found: list) -> tuple[dict, list]:
    """Gold item index → the prediction whose span overlaps it (largest overlap first)."""
    text = gold["text"]
    pairs: dict[int, object] = {}
    used: set[int] = set()
    overlaps = []
    for gi, g in enumerate(gold["commitments"]):
        gs, ge = _span(text, g["evidence"])
        for pi, p in enumerate(found):
            ov = min(ge, p.end) - max(gs, p.start)
            if ov > 0:
                overlaps.append((ov, gi, pi))
    for _, gi, pi in sorted(overlaps, reverse=True):
        if gi not in pairs and pi not in used:
            pairs[gi] = found[pi]
            used.add(pi)
    return pairs, [p for i, p in enumerate(found) if i not in used]


def test_the_text_is_the_gold_text(gold: dict) -> None:
    assert SEED_ARTICLE.read_text(encoding="utf-8") == gold["text"]


def test_every_firm_commitment_is_found_right(gold: dict, found: list) -> None:
    pairs, _ = _pair(gold, found)
    for gi, g in enumerate(gold["commitments"]):
        if g.get("optional"):
            continue
        assert gi in pairs, f"missed: {g['evidence']}"
        p = pairs[gi]
        assert p.kind == g["kind"], g["evidence"]
        assert set(p.promisors) == set(g["promisors"]), (g["evidence"], p.promisors)
        assert p.polarity == g["polarity"], g["evidence"]
        assert p.due is None


def test_no_false_positives(gold: dict, found: list) -> None:
    _, unpaired = _pair(gold, found)
    assert unpaired == [], [p.evidence for p in unpaired]


def test_offsets_point_into_the_original(gold: dict, found: list) -> None:
    text = gold["text"]
    for p in found:
        assert text[p.start : p.end] == p.evidence
        for start, end, s_start, s_end in p.mentions:
            assert 0 <= s_start <= start < end <= s_end <= len(text)


def test_quoted_readiness_is_one_commitment_with_two_mentions(found: list) -> None:
    readiness = [p for p in found if p.kind == "intent" and p.promisors == ("NER",)]
    assert len(readiness) == 1
    assert len(readiness[0].mentions) == 2


def test_negative_pledge_keeps_its_diacritics(found: list) -> None:
    negative = [p for p in found if p.polarity == "negative"]
    assert len(negative) == 1
    assert "تُستخدم" in negative[0].evidence
    assert negative[0].promisors == ("NGA",)
