"""Who a commitment binds when the text does not name the party next to the trigger.

Each case is a class of sentences the rules must read the same way: a pronoun subject that
refers back to an earlier sentence, a speaker before "قد قالوا", a party after a preposition
that is not the subject, a narrator's itinerary, and a commitment told twice with two verbs.
"""

from __future__ import annotations

import pytest

from tracker.extract import extract


def _promisors(text: str) -> list[tuple[str, ...]]:
    return [c.promisors for c in extract(text)]


def test_pronoun_speaker_is_the_previous_sentence_subject() -> None:
    text = (
        "التقى وزير الخارجية المغربي نظيره الإسباني في مدريد. "
        "وقال إن بلاده ستفتح قنصلية جديدة في إشبيلية."
    )
    assert _promisors(text) == [("MAR",)]


def test_speaker_before_the_verb_of_saying() -> None:
    text = "وكان مسؤولون مصريون قد أكدوا أنهم سيعيدون فتح المعبر أمام الشاحنات."
    assert _promisors(text) == [("EGY",)]


def test_reported_subject_after_the_complementizer() -> None:
    text = "وأعلن البيت الأبيض أن الرئيس دونالد ترامب، بعد عودته، سيستقبل نظيره الكيني."
    assert _promisors(text) == [("USA",)]


@pytest.mark.parametrize(
    "text",
    [
        # the party follows a preposition: a place, not the subject
        "وقال الخبير إن إغلاق المصانع في الصين سيرفع الأسعار",
        # a narrator's itinerary, not an announcement
        "وسيزور رئيس الوزراء الياباني نيودلهي الأحد المقبل",
        # a dual verb with no one named as its subject
        "وقال المتحدث إن الموعد والمكان سيحددان لاحقا",
        # a relative clause
        "وسأل الصحفيون الوزير الفرنسي عما سيفعله",
    ],
)
def test_futures_that_bind_no_party(text: str) -> None:
    assert [c.rule for c in extract(text) if c.rule == "intent.future"] == []


def test_a_commitment_told_again_with_another_verb_is_one_commitment() -> None:
    text = (
        "وعد رئيس الوزراء البريطاني بخفض الضرائب على الشركات الصغيرة. "
        "وقال رئيس الوزراء البريطاني إنه سيخفض الضرائب على الشركات الصغيرة."
    )
    found = extract(text)
    assert [c.kind for c in found] == ["pledge"]
    assert len(found[0].mentions) == 2


def test_plural_past_before_an_object_pronoun() -> None:
    found = extract("وقال العامل إن الوسطاء وعدوه بعقد عمل جديد في الدوحة")
    assert [c.rule for c in found] == ["pledge.verb"]


def test_un_adjective_names_the_un() -> None:
    text = "وقال المبعوث الأممي إنه سيزور الخرطوم مطلع الشهر المقبل."
    assert _promisors(text) == [("UN",)]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # an actor noun heads a construct whose last adjective names the party
        ("وقال المتحدث إن هيئة الموانئ المصرية ستتولى تفتيش السفن القادمة.", "EGY"),
        ("وأعلنت سلطة الطيران المدنية الأردنية أنها ستعيد فتح مطار عمان غدا.", "JOR"),
        ("وذكر بيان أن وكالة الفضاء الهندية قررت إطلاق قمر صناعي جديد.", "IND"),
    ],
)
def test_nisba_of_a_construct_headed_by_an_actor_noun(text: str, code: str) -> None:
    assert _promisors(text) == [(code,)]


@pytest.mark.parametrize(
    "text",
    [
        # the actor noun is itself the genitive of another noun: the visit, not the prince
        "وأضاف أن جولة ولي العهد الأردني ستشمل ثلاث عواصم أوروبية.",
        # a question reported, not a decision
        "وتساءل الكاتب إذا كانت القوات الجوية الهندية ستشارك في المناورة.",
    ],
)
def test_nisba_of_a_construct_inside_another_noun_binds_no_one(text: str) -> None:
    assert _promisors(text) == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # what is reported opens with an actor noun and the definite word that completes it:
        # the speaker's own body
        ("وقال وزير الزراعة المغربي إن اللجنة الوطنية ستوزع البذور على الفلاحين.", "MAR"),
        ("وأكد الناطق باسم الحكومة الكينية أن القوات الخاصة ستنتشر في شوارع نيروبي.", "KEN"),
    ],
)
def test_speaker_of_a_reported_actor_noun_with_its_complement(text: str, code: str) -> None:
    assert _promisors(text) == [(code,)]


def test_reported_actor_noun_with_its_complement_needs_a_speaker() -> None:
    # no verb of saying: a narrator's forecast
    assert _promisors("ويبدو أن اللجنة الوطنية ستوزع البذور قريبا.") == []


def test_a_joined_future_binds_the_actor_of_its_clause_not_an_object() -> None:
    text = (
        "وقال الوزير إن الولايات المتحدة ستواصل محاربة النشاطات الإرهابية لإيران"
        " وستزيد الضغط عليها."
    )
    assert [c.promisors for c in extract(text)] == [("USA",), ("USA",)]
