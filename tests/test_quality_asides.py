"""A name set off by commas after the subject is an aside: the promised act goes on after it.

Sentences written for these tests (none from the corpus or dev).
"""

from __future__ import annotations

from tracker.extract import extract


def test_the_act_after_an_aside_is_in_the_evidence() -> None:
    (c,) = extract("قرر الرئيس الكيني، ويليام روتو، إغلاق الحدود مع الصومال لمدة شهر.")
    assert c.evidence.endswith("إغلاق الحدود مع الصومال لمدة شهر")


def test_a_negation_after_the_aside_makes_the_promise_negative() -> None:
    (c,) = extract("ووعد الرئيس الغاني، جون ماهاما، بعدم رفع الضرائب على الوقود هذا العام.")
    assert c.polarity == "negative"
    assert "بعدم رفع الضرائب" in c.evidence


def test_an_act_before_the_comma_is_no_aside() -> None:
    found = extract("تعهدت الحكومة المصرية بدعم المزارعين، ووعدت البنوك بتخفيض الفائدة.")
    assert found[0].evidence == "تعهدت الحكومة المصرية بدعم المزارعين"


def test_a_time_set_off_by_commas_right_after_the_verb_is_an_aside() -> None:
    (c,) = extract("وقالت الحكومة الكينية إنها قررت، الاثنين، طرد عشرة دبلوماسيين.")
    assert c.evidence.endswith("طرد عشرة دبلوماسيين")
