"""Promisors on unseen text: who is bound, in classes of sentences written for these tests.

Two adjectives of one noun (السلطات المغربية والإسبانية) and two names before a dual verb name
two parties; the city of a meeting is not one of "the two leaders"; a bare surname names its
person after the full name; "we" is the speaker, not a party named just before the verb; a
party named after "مع" is not the speaker; a dateline names no actor.
"""

from __future__ import annotations

from tracker.extract import extract


def _promisors(text: str) -> list[frozenset[str]]:
    return [frozenset(c.promisors) for c in extract(text)]


def test_two_adjectives_of_one_noun_name_two_parties() -> None:
    text = (
        "وأفاد مصدر مطلع أن القوات المغربية والإسبانية ستنفذ دوريات مشتركة في المضيق الشهر المقبل."
    )
    assert frozenset({"MAR", "ESP"}) in _promisors(text)


def test_two_names_before_a_dual_verb_are_both_its_subject() -> None:
    text = "وأعلن مسؤول حكومي أن باريس وبرلين ستطلقان صندوقا مشتركا لدعم الشركات الناشئة."
    assert frozenset({"FRA", "DEU"}) in _promisors(text)


def test_two_names_before_a_singular_verb_stay_one() -> None:
    text = "وقال الوزير إن العلاقات بين مصر والأردن ممتازة، وإن الأردن سيرسل وفدا إلى القاهرة."
    assert frozenset({"EGY", "JOR"}) not in _promisors(text)


def test_the_city_of_a_summit_is_not_one_of_the_two_leaders() -> None:
    text = (
        "واستقبل الرئيس الروسي فلاديمير بوتين نظيره التركي أردوغان في قمة عقدت في "
        "طهران. واتفق الزعيمان على توسيع التبادل التجاري بالعملات المحلية."
    )
    assert _promisors(text)[-1] == frozenset({"RUS", "TUR"})


def test_a_bare_surname_names_the_person_after_the_full_name() -> None:
    text = (
        "استقبل كيم جونغ أون، زعيم بيونغ يانغ، وفدا صينيا هذا الأسبوع. "
        "وتعهد كيم خلال اللقاء بمواصلة الحوار مع الجيران."
    )
    assert _promisors(text)[-1] == frozenset({"PRK"})


def test_we_is_the_speaker_not_the_party_named_before_the_verb() -> None:
    text = (
        'وقال وزير الاقتصاد الأرجنتيني في مؤتمر صحفي: "التزمنا بتوصيات صندوق النقد الدولي '
        'وسنواصل خفض العجز هذا العام".'
    )
    assert _promisors(text)[-1] == frozenset({"ARG"})


def test_a_party_met_with_is_not_the_speaker() -> None:
    text = "وكانت ميركل قد أعلنت عقب محادثات هاتفية مع إيطاليا، أنها ستطرح خطة جديدة للهجرة."
    assert _promisors(text)[-1] == frozenset({"DEU"})


def test_a_dateline_names_no_actor() -> None:
    text = (
        "القاهرة، مصر (CNN)-- رحب وزير الخارجية الأردني بالمبادرة، مؤكدا أن بلاده "
        "ستشارك في مؤتمر المانحين المقبل."
    )
    assert _promisors(text)[-1] == frozenset({"JOR"})


def test_a_list_of_three_states_before_a_singular_verb_binds_them_all() -> None:
    text = "وقالت مصادر دبلوماسية إن مصر والسودان وإثيوبيا تعهدت بتقاسم مياه النهر بالعدل."
    (c,) = extract(text)
    assert set(c.promisors) == {"EGY", "SDN", "ETH"}


def test_but_he_goes_on_with_the_speaker_of_the_sentence() -> None:
    text = "وقال وزير الخارجية الكندي إن بلاده لن تصعد النزاع، لكنها لن تتراجع عن الرسوم."
    assert [c.promisors for c in extract(text)] == [("CAN",), ("CAN",)]


def test_but_it_without_a_verb_of_saying_binds_no_one() -> None:
    text = "وارتفعت أسعار النفط الكندي هذا الأسبوع، لكنها ستتراجع في الشتاء."
    assert extract(text) == []
