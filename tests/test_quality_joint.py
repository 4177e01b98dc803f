"""Issue 3, third pass: names of several parties, two-word nisbas, look-alikes of triggers.

Each test is a class of sentences, written for it: a dual that names two states together
(الكوريتان), the definite and plural forms of a two-word nisba (الكوري الشمالي), nouns with a
possessive pronoun that look like future verbs (سيطرته), and قبل "before" that looks like
قبل "accepted".
"""

from __future__ import annotations

import pytest

from tracker.extract import extract
from tracker.extract.normalize import normalize_text
from tracker.extract.parties import find_mentions, resolve_ambiguous


def _found(text: str) -> list[tuple[str, str, frozenset[str]]]:
    return [(c.rule, c.kind, frozenset(c.promisors)) for c in extract(text)]


def test_a_joint_name_is_one_mention_of_both_parties() -> None:
    text = normalize_text("وزار الوفد المنطقة الحدودية بين الكوريتين أمس")
    mentions = find_mentions(text)
    assert [(m.codes, m.joint, m.ambiguous) for m in mentions] == [(("KOR", "PRK"), True, False)]
    resolved = resolve_ambiguous(mentions, [(0, len(text))])
    assert resolved[0].bound == ("KOR", "PRK")


def test_a_joint_name_as_subject_binds_both() -> None:
    text = "واتفقت الكوريتان في بانمونجوم على إعادة فتح مكتب الاتصال المشترك."
    assert _found(text) == [("agreement.verb", "agreement", frozenset({"KOR", "PRK"}))]


def test_the_two_countries_after_a_joint_name_are_that_pair() -> None:
    text = (
        "واستضافت فيتنام الأسبوع الماضي مباحثات بين الولايات المتحدة والصين، ثم لقاء زعيمي "
        "الكوريتين، وتعهد البلدان خلاله بخفض عدد الجنود على خط الهدنة."
    )
    assert frozenset({"KOR", "PRK"}) in [p for _, _, p in _found(text)]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("وقال الزعيم الكوري الشمالي إن بلاده ستغلق ميدان الاختبار الصاروخي.", "PRK"),
        ("وتعهد المسؤولون الكوريون الجنوبيون بزيادة المساعدات الغذائية.", "KOR"),
        ("وأكدت الحكومة الكورية الجنوبية استعدادها لاستئناف المشاريع الصناعية.", "KOR"),
    ],
)
def test_both_words_of_a_two_word_nisba_agree(text: str, code: str) -> None:
    assert [p for _, _, p in _found(text)] == [frozenset({code})]


@pytest.mark.parametrize(
    "text",
    [
        "وقال المتحدث إن الجيش أحكم سيطرته على الطريق الساحلي.",
        "وقال المعلق إن الحكومة راجعت سياساتها الاقتصادية بعد الأزمة.",
        "وقال الوزير المصري إن الطرفين اختارا وسيطا محايدا للمفاوضات.",
        "ويجمع بين اللاعبين الثلاثة صغر سنهم وخبرتهم القليلة.",
    ],
)
def test_nouns_with_a_pronoun_are_not_futures(text: str) -> None:
    assert [c for c in extract(text) if c.rule == "intent.future"] == []


@pytest.mark.parametrize(
    "text",
    [
        "وستناقش اللجنة المشروع قبل عرضه على مجلس النواب للتصويت.",
        "وأعلنت النقابة الإضراب قبل تلقي أي رد على مقترحها من الوزارة.",
        "وسافر الوزير قبل زيارة الوفد الأممي الذي حمل مبادرة جديدة.",
    ],
)
def test_qabla_before_is_no_acceptance(text: str) -> None:
    assert [c for c in extract(text) if c.kind == "acceptance"] == []


def test_qabila_accepted_still_is() -> None:
    text = "وقبل الرئيس الفرنسي الدعوة لحضور قمة الاتحاد الأفريقي في أديس أبابا."
    assert _found(text) == [("acceptance.invitation", "acceptance", frozenset({"FRA"}))]


def test_interpol_president_speaks_for_interpol() -> None:
    text = (
        "وتسلم مينغ هونغوي رئاسة المنظمة قبل عامين. "
        "وقال مينغ في كلمته إنه على استعداد للتعاون مع كل الدول الأعضاء."
    )
    assert [p for _, _, p in _found(text)] == [frozenset({"INTERPOL"})]


def test_a_joint_name_after_the_trigger_names_both_counterparties() -> None:
    found = extract("وقال الوزير الأمريكي إن بلاده تعهدت بدعم الكوريتين في محادثات السلام.")
    assert [(c.promisors, c.counterparties) for c in found] == [(("USA",), ("KOR", "PRK"))]
