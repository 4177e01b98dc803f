"""Normalization: one spelling per letter, and offsets that lead back to the original."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tracker.extract.normalize import normalize, normalize_text
from tracker.extract.sentences import sentence_spans


def test_letters_and_digits_are_unified() -> None:
    assert normalize_text("أإآٱ ى ة ٠١٢٣٤٥٦٧٨٩ ۱۲") == "اااا ي ه 0123456789 12"


def test_diacritics_and_tatweel_are_removed_and_mapped_back() -> None:
    text = "ولن تُستخدم لزعزعـــة الاستقرار"
    n = normalize(text)
    assert n.text == "ولن تستخدم لزعزعه الاستقرار"
    start = n.text.index("تستخدم")
    a, b = n.span_to_original(start, start + len("تستخدم"))
    assert text[a:b] == "تُستخدم"
    start = n.text.index("لزعزعه")
    a, b = n.span_to_original(start, start + len("لزعزعه"))
    assert text[a:b] == "لزعزعـــة"


def test_plain_text_needs_no_map() -> None:
    n = normalize("اتفق الطرفان")
    assert n.starts == ()
    assert n.span_to_original(0, 4) == (0, 4)


_ARABICISH = st.text(
    alphabet=st.sampled_from(list("اأإآبتةثجحخدذرزسشصضطظعغفقكلمنهويىءؤئ ًٌٍَُِّْـ٠١٩.،؟\n abc123")),
    max_size=200,
)


@given(_ARABICISH)
def test_offset_map_is_monotone_and_lands_on_the_same_letters(text: str) -> None:
    n = normalize(text)
    previous = -1
    for i in range(len(n.text)):
        o = n.to_original(i)
        assert o > previous
        previous = o
        assert normalize_text(text[o]) == n.text[i]


@given(_ARABICISH)
def test_sentences_are_valid_slices(text: str) -> None:
    for start, end in sentence_spans(text):
        assert 0 <= start < end <= len(text)
        assert text[start:end].strip()
