"""Issue 3: classes of sentences read right after the second quality pass.

Each test is a class, with sentences written for it: the subject of a circumstantial
participle, a forecast under a verb of opinion, the people of one party acting together,
the sides of a deal, first-person refusals, and words that look like a trigger.
"""

from __future__ import annotations

import pytest

from tracker.extract import extract


def _found(text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(c.rule, c.kind, c.promisors) for c in extract(text)]


def _promisors(text: str) -> list[tuple[str, ...]]:
    return [c.promisors for c in extract(text)]


def test_participle_binds_the_subject_of_the_main_clause() -> None:
    # the last party before the participle is the object of the main verb, not its subject
    text = "واستقبل الرئيس التونسي وفدا من الحكومة الليبية، معربا عن استعداده لزيارة طرابلس قريبا."
    assert _promisors(text) == [("TUN",)]


def test_participle_with_a_pronoun_subject_looks_back() -> None:
    text = (
        "وصل وزير الخارجية الجزائري إلى باماكو أمس. "
        "وأشاد بجهود الوساطة في مالي، واعدا بتقديم مساعدات إنسانية عاجلة."
    )
    assert _promisors(text) == [("DZA",)]


def test_an_adjective_of_a_thing_is_not_the_promisor() -> None:
    # "التهديد الإيراني" names no actor; the summit's group made the pledge
    text = (
        "وقال رئيس الوزراء الياباني في ختام قمة مجموعة الدول الصناعية السبع إنه جرى بحث "
        "الخطر الإيراني والتعهد بمتابعته."
    )
    assert ("G7",) in _promisors(text)


@pytest.mark.parametrize(
    "text",
    [
        "ورأى وزير الاقتصاد الياباني أن الصين لن تخفض إنتاجها من الصلب هذا العام.",
        "ويتوقع محللون أن الحكومة المصرية ستخفض سعر الفائدة الشهر المقبل.",
        "ويعتقد دبلوماسيون غربيون أن تركيا ستواصل عملياتها في الشمال.",
    ],
)
def test_a_future_under_a_verb_of_opinion_is_a_forecast(text: str) -> None:
    assert extract(text) == []


def test_a_speaker_after_an_opinion_verb_still_announces() -> None:
    text = "ورأى الوزير الأردني أن الوضع صعب، مضيفا أن بلاده ستفتح المعبر الأسبوع المقبل."
    assert _promisors(text) == [("JOR",)]


def test_a_condition_on_an_opinion_is_not_a_forecast() -> None:
    text = "وقال الرئيس الأمريكي إنه إذا اعتقد أن المحادثات عقيمة فإنه سينسحب منها."
    assert _promisors(text) == [("USA",)]


def test_people_of_one_state_agree_among_themselves() -> None:
    text = (
        "وزار وفد إسرائيلي القاهرة الأسبوع الماضي. "
        "وقالت مصادر إن المسؤولين المصريين اتفقوا على رفض المقترح."
    )
    assert _promisors(text) == [("EGY",)]


def test_several_peoples_are_not_one_party() -> None:
    text = "وقال المتحدث إن البريطانيين والفرنسيين اتفقوا على تمويل المشروع."
    assert [set(p) for p in _promisors(text)] == [{"GBR", "FRA"}]


def test_a_deal_under_which_a_party_acts() -> None:
    text = "وقال الوزير الأردني إنها تسوية يقدم بموجبها البنك الدولي قرضا للمدارس."
    assert ("agreement.under", "agreement", ("WB",)) in _found(text)


def test_first_person_refusal_binds_the_speaker() -> None:
    text = 'وقال رئيس الوزراء الإيطالي: "لن أسمح بتحويل البلاد إلى مخيم للاجئين".'
    found = extract(text)
    assert [(c.promisors, c.polarity) for c in found] == [(("ITA",), "negative")]


def test_will_not_hesitate_is_a_positive_intent() -> None:
    text = "وقال وزير الدفاع الإيراني إن بلاده لن تتردد في الرد على أي اعتداء."
    found = extract(text)
    assert [(c.kind, c.polarity, c.promisors) for c in found] == [("intent", "positive", ("IRN",))]


@pytest.mark.parametrize(
    "text",
    [
        "وشارك في الاجتماع الوزير المغربي وعدة سفراء أوروبيين.",
        'وقال الوزير الفرنسي: "لن نتمكن من حل المشكلة وحدنا".',
        "وقال المتحدث باسم الحكومة الهولندية إنه يجب الاتفاق على تفاصيل الخطة أولا.",
        'وقال وزير الخارجية الكندي "سنتخذ قريبا قرارا بشأن العقوبات".',
    ],
)
def test_look_alikes_are_not_commitments(text: str) -> None:
    assert extract(text) == []


def test_however_does_not_open_reported_speech() -> None:
    # "بيد أن" is a connector: the party after it is the subject of the main clause
    text = (
        "بيد أن المتحدث باسم الخارجية الأمريكية قال للصحفيين إن المهمة مستمرة. "
        '"سنواصل دعم شركائنا على الأرض".'
    )
    assert _promisors(text) == [("USA",)]
