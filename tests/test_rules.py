"""Every rule's examples give a commitment from that rule; its counter-examples give none."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
import regex

from tracker.errors import RuleError
from tracker.extract import analyse, extract
from tracker.extract.rules import _compile_rule, rules

RULES = rules()


def test_rules_load_and_ids_are_unique() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    assert {r.kind for r in RULES} == {
        "pledge",
        "agreement",
        "reaffirmation",
        "intent",
        "acceptance",
    }


@pytest.mark.parametrize(
    ("rule_id", "example"),
    [(r.id, e) for r in RULES for e in r.examples],
)
def test_example_matches(rule_id: str, example: str) -> None:
    found = extract(example)
    assert rule_id in {c.rule for c in found}, [(c.rule, c.evidence) for c in found]


@pytest.mark.parametrize(
    ("rule_id", "example"),
    [(r.id, e) for r in RULES for e in r.counter_examples],
)
def test_counter_example_gives_no_commitment(rule_id: str, example: str) -> None:
    found = extract(example)
    assert rule_id not in {c.rule for c in found}, [(c.rule, c.evidence) for c in found]


def test_every_rule_has_examples_and_counter_examples() -> None:
    for r in RULES:
        assert r.examples, r.id
        assert r.counter_examples, r.id


def test_dropped_candidates_say_why() -> None:
    analysis = analyse("طالب البرلمان الحكومة بأن تتعهد بإنهاء المشروع")
    assert analysis.commitments == []
    assert [c.dropped for c in analysis.candidates] == [
        "a demand on another party (طالب / دعا / حث)"
    ]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (
            {"id": "x", "kind": "pledge", "sequence": [{"verbs": ["تعهد"]}], "colour": 1},
            "unknown keys",
        ),
        ({"id": "x", "kind": "promise", "sequence": [{"verbs": ["تعهد"]}]}, "kind must be"),
        ({"id": "x", "kind": "pledge", "sequence": []}, "non-empty list"),
        (
            {"id": "x", "kind": "pledge", "sequence": [{"gap": 2}, {"verbs": ["تعهد"]}]},
            "gap stands",
        ),
        ({"id": "x", "kind": "pledge", "sequence": [{"verbs": "تعهد"}]}, "list of words"),
        ({"id": "x", "kind": "pledge", "sequence": [{"verb": ["تعهد"]}]}, "exactly one of"),
        (
            {
                "id": "x",
                "kind": "intent",
                "sequence": [{"verbs": ["أعلن"]}, {"aside_gap": 20}, {"words": ["عزمه"]}],
            },
            "aside_gap must be",
        ),
    ],
)
def test_malformed_rules_are_refused(raw: dict, message: str) -> None:
    with pytest.raises(RuleError, match=message):
        _compile_rule(raw, "ان", "test.yaml")


def test_rule_files_keep_arabic_and_latin_on_separate_lines() -> None:
    folder = Path(str(resources.files("tracker.rules")))
    for entry in sorted(folder.rglob("*.yaml")):
        for number, line in enumerate(entry.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if regex.search(r"\p{Arabic}", code):
                assert regex.fullmatch(r"\s*(-\s*)?([a-z_]+:\s*)?[^a-zA-Z]*", code), (
                    f"{entry.name}:{number}: {line}"
                )


def test_aside_gap_crosses_the_commas_of_an_aside_only() -> None:
    rule = _compile_rule(
        {
            "id": "x",
            "kind": "intent",
            "sequence": [{"verbs": ["أعلن"]}, {"aside_gap": 4}, {"words": ["عزمه"]}],
        },
        "ان",
        "test.yaml",
    )
    assert rule.pattern.search("اعلن المدير، صباح الاحد، عزمه السفر")
    assert rule.pattern.search("اعلن، صباح الاحد، عزمه السفر")
    # a full stop or "أن" ends the aside: the noun belongs to another clause
    assert not rule.pattern.search("اعلن المدير النتائج. عزمه السفر")
    assert not rule.pattern.search("اعلن المدير، ان عزمه السفر")


@pytest.mark.parametrize(
    ("text", "rule_id"),
    [
        (
            "وأعلنت رابطة المزارعين، في ختام مؤتمرها، اعتزامها تنظيم معرض سنوي",
            "intent.readiness_owned",
        ),
        (
            "وأبدت الشركة الألمانية، مساء الاثنين، استعدادها لتعويض المتضررين",
            "intent.readiness_owned",
        ),
        (
            "وتوصل المزارعون، مساء السبت، إلى اتفاق مع الوزارة لخفض الرسوم",
            "agreement.reached",
        ),
        (
            "وأعلنت البلدية عن اتفاق يقضي بتوسيع شبكة الحافلات في الأحياء الشرقية",
            "agreement.provides",
        ),
    ],
)
def test_commitments_across_an_aside_or_in_a_noun(text: str, rule_id: str) -> None:
    assert rule_id in {c.rule for c in extract(text)}, [(c.rule, c.evidence) for c in extract(text)]


@pytest.mark.parametrize(
    "text",
    [
        "وانتقد النائب اعتزام الوزارة رفع رسوم التسجيل",
        "ويجري الطرفان محادثات حول اتفاق يقضي بتقاسم مياه النهر",
        "وأكد الوزير أن الحكومة لم توقع اتفاقا ينص على خصخصة الميناء",
    ],
)
def test_intentions_and_deals_of_others_or_not_made_are_not_commitments(text: str) -> None:
    assert not [c for c in extract(text) if c.kind in ("intent", "agreement")], [
        (c.rule, c.evidence) for c in extract(text)
    ]
