"""A commitment told twice in one article is one commitment, however its sides are named.

Sentences written for these tests (none from the corpus or dev). The guide lists a repeated
commitment once, at its first occurrence; news often names the sides differently the second
time (a delegation, then its sponsor), and the second report used to come out as a new item.
"""

from __future__ import annotations

from tracker.extract import extract

_ENVOY = (
    "قال المبعوث الدولي إن وفدي الحكومة اليمنية والحوثيين أبدوا استعدادهم للعودة إلى طاولة "
    "المفاوضات في جنيف.\n"
    "وأضاف في مؤتمر صحفي أن ممثلي الحوثيين والسعودية أكدوا استعدادهم للعودة إلى المفاوضات."
)


def test_a_repeat_naming_the_sides_differently_is_folded() -> None:
    found = extract(_ENVOY)
    assert len(found) == 1
    assert set(found[0].promisors) == {"YEM", "HOUTHIS"}  # the first report's sides
    assert len(found[0].mentions) == 2  # the repeat is kept as a mention of it


def test_the_same_act_by_another_party_stays_apart() -> None:
    found = extract("تعهدت مصر بإرسال مساعدات. وتعهدت السعودية بإرسال مساعدات إضافية.")
    assert [c.promisors for c in found] == [("EGY",), ("SAU",)]


def test_another_kind_with_a_party_in_common_stays_apart() -> None:
    text = (
        "أعلن الأردن عزمه إعادة فتح المعبر الحدودي مع سوريا.\n"
        "واتفقت اللجان الأردنية والسورية على إعادة فتح المعبر الحدودي الشهر المقبل."
    )
    assert [c.kind for c in extract(text)] == ["intent", "agreement"]


def test_a_verb_and_its_verbal_noun_tell_the_same_act() -> None:
    text = (
        "أعلن الرئيس الكيني أنه سيزور أوغندا الشهر المقبل.\n"
        "وقال المتحدث إن الرئيس الكيني قرر زيارة أوغندا."
    )
    found = extract(text)
    assert len(found) == 1 and len(found[0].mentions) == 2
