"""Private persons are bound as PRIVATE, never as the state of their nationality.

Sentences written for these tests (none from the corpus or dev). The guide codes a private
person or company by a code of their own; the extractor cannot know their names, so it binds
them as PRIVATE (rules/parties/other.yaml), which evaluation, like the annotators' own codes,
counts as OTHER.
"""

from __future__ import annotations

import pytest

from tracker.extract import analyse, extract
from tracker.extract.private import PRIVATE
from tracker.gazetteer import builtin_parties


def _promisors(text: str) -> list[tuple[str, ...]]:
    return [c.promisors for c in extract(text)]


@pytest.mark.parametrize(
    "text",
    [
        "وقال المحامي الأمريكي جون سميث إنه سيطعن في الحكم أمام المحكمة العليا.",
        "وأعلن اللاعب المصري محمد صلاح أنه سيجدد عقده مع فريقه لثلاثة أعوام.",
        'وأصر محامي المتهمين توم هاريس، على أن "القضية لم تنته"، مضيفا أنه "ينوي تقديم استئناف".',
    ],
)
def test_a_private_person_is_not_their_state(text: str) -> None:
    assert _promisors(text) == [(PRIVATE,)]


def test_the_nisba_of_a_private_person_names_no_state() -> None:
    a = analyse("وقال اللاعب المصري محمد صلاح إنه سيبقى مع فريقه.")
    assert [m.codes for m in a.mentions] == [(PRIVATE,)]


def test_a_surname_named_again_is_the_same_person() -> None:
    text = (
        "أدانت المحكمة الإيرانية الناشطة الحقوقية نرجس محمدي بتهمة الدعاية.\n"
        "وقالت محمدي في رسالة من سجنها إنها ستواصل الدفاع عن حقوق السجناء."
    )
    assert _promisors(text) == [(PRIVATE,)]


def test_a_surname_right_after_a_party_is_its_object() -> None:
    text = (
        "وقال المتهم الكويتي سالم العتيبي إنه بريء.\n"
        "وأوقفت السلطات الكويتية العتيبي في المطار وقررت حبسه احتياطيا."
    )
    assert _promisors(text) == [("KWT",)]


def test_a_party_after_the_noun_is_whom_the_person_acts_for() -> None:
    text = "وقال محامي ترامب إن الرئيس سيطعن في القرار أمام المحكمة."
    assert _promisors(text) == [("USA",)]


def test_a_public_body_speaking_is_no_private_person() -> None:
    text = (
        "أعلنت الشرطة الباكستانية اعتقال المتهم أحمد خان في لاهور.\n"
        "وقالت الشرطة إنها ستحيله إلى القضاء خلال أيام."
    )
    assert _promisors(text) == [("PAK",)]


def test_private_is_a_party_no_text_names() -> None:
    (record,) = [p for p in builtin_parties() if p.code == PRIVATE]
    assert record.aliases == () and not record.listed


def test_a_company_is_not_its_state() -> None:
    text = "وقالت شركة أوشن إنفنيتي الأمريكية إنها ستواصل البحث عن الطائرة المفقودة."
    assert _promisors(text) == [(PRIVATE,)]


def test_a_company_noun_after_a_named_body_names_it_again() -> None:
    text = (
        "أعلنت أرامكو عن زيادة أرباحها في الربع الأول.\n"
        "وقالت الشركة إنها ستستثمر عشرة مليارات دولار في مصفاة جديدة."
    )
    assert _promisors(text) == [("ARAMCO",)]


@pytest.mark.parametrize(
    "text",
    [
        "وقال المتحدث باسم الحكومة المصرية إن الشركة ستستثمر مليار دولار في المصنع.",
        "وأكد الوزير المغربي أن المحامي سيطعن في الحكم.",
    ],
)
def test_a_definite_noun_then_a_commitment_is_its_subject_not_a_name(text: str) -> None:
    assert _promisors(text) == [(PRIVATE,)]


def test_an_indefinite_noun_heads_a_name_whatever_it_looks_like() -> None:
    a = analyse("وقالت شركة سيريكا إنرجي البريطانية إنها دخلت في مناقشات مع الحكومة.")
    assert [c.rule for c in a.commitments] == []
    assert a.mentions[0].form.startswith("شركه سيريكا")
