"""The first person singular future: سأعمل، سوف أعمل ("I will"), read as سا once normalized.

Sentences written for these tests (none from the corpus or dev). Normalization folds أ into ا,
so سأعمل and ساعد begin alike: a future is read from سا only where the original wrote سأ.
"""

from __future__ import annotations

import pytest

from tracker.extract import extract


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('وقال الرئيس الكيني: "سأعمل على إنهاء الأزمة مع الصومال".', "KEN"),
        ('وقال رئيس الوزراء الأسترالي: "وسوف أزور الصين الشهر المقبل".', "AUS"),
    ],
)
def test_i_will_binds_the_speaker(text: str, speaker: str) -> None:
    found = [c for c in extract(text) if c.rule == "intent.future"]
    assert [c.promisors for c in found] == [(speaker,)]


@pytest.mark.parametrize(
    "text",
    [
        "وقال الوزير المصري إن الحكومة ساعدت المزارعين المتضررين.",
        "وقال الرئيس الكيني إن سالم علي سافر إلى الصومال.",
        "وقال الوزير المصري: سألت المسؤولين عن أسباب التأخير.",
        'وقال الرئيس الأمريكي إنه "كنت سأتعامل مع الأزمة بطريقة مختلفة".',
    ],
)
def test_no_future_without_the_hamza_or_as_a_past(text: str) -> None:
    assert [c for c in extract(text) if c.rule == "intent.future"] == []


def test_a_word_like_salim_does_not_cut_the_act_before_it() -> None:
    text = "أعلنت السلطات الإسرائيلية أنها ستفتح معبر كرم أبو سالم الثلاثاء."
    (c,) = extract(text)
    assert c.evidence.endswith("كرم أبو سالم الثلاثاء")
