"""The literal-core prefilter never hides a match: it only spares patterns that cannot match."""

from __future__ import annotations

import json
from itertools import islice

from tests.conftest import SHARED
from tracker.extract.budget import article_budget
from tracker.extract.normalize import normalize
from tracker.extract.prefilter import rule_sentences
from tracker.extract.rules import rules
from tracker.extract.sentences import sentence_spans

CORPUS = SHARED / "corpus" / "news.jsonl"


def _every_match(text: str, sentences: list[tuple[int, int]]) -> set[tuple[str, int, int]]:
    return {
        (rule.id, m.start(), m.end())
        for rule in rules()
        for s, e in sentences
        for m in rule.pattern.finditer(text, s, e)
    }


def _prefiltered(text: str, sentences: list[tuple[int, int]]) -> set[tuple[str, int, int]]:
    return {
        (rule.id, m.start(), m.end())
        for rule, spans in rule_sentences(text, sentences)
        for s, e in spans
        for m in rule.pattern.finditer(text, s, e)
    }


def _check(texts: list[str]) -> int:
    matched = 0
    with article_budget(600):
        for raw in texts:
            text = normalize(raw).text
            sentences = sentence_spans(text)
            every = _every_match(text, sentences)
            assert _prefiltered(text, sentences) == every, raw[:200]
            matched += len(every)
    return matched


def test_every_rule_example_passes_the_prefilter() -> None:
    examples = [e for r in rules() for e in (*r.examples, *r.counter_examples)]
    assert _check(examples) >= len([e for r in rules() for e in r.examples])


def test_prefilter_keeps_every_match_on_real_news() -> None:
    with CORPUS.open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in islice(lines, 400)]
    assert _check(texts) > 400  # the check saw real matches, not only empty sets


def test_rules_without_their_cores_are_not_run() -> None:
    text = normalize("ارتفعت درجات الحرارة في المدينة. وهطلت أمطار غزيرة").text
    kept = rule_sentences(text, sentence_spans(text))
    assert len(kept) < len(rules()) // 2
    assert not {"pledge", "agreement", "acceptance"} & {rule.kind for rule, _ in kept}
