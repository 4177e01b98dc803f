"""Agreements told as a noun or in the passive, with no subject: "بين X و Y" names the sides.

Each test is a sentence written for it: an agreement reached (passive), a signing (verbal
noun), sides with titles and "من جهة ... من جهة أخرى", a party that consents to the signing,
and verb-first agreements whose subject is named (unchanged).
"""

from __future__ import annotations

from tracker.extract import extract


def _found(text: str) -> list[tuple[str, frozenset[str]]]:
    return [(c.rule, frozenset(c.promisors)) for c in extract(text)]


def test_an_agreement_reached_binds_the_sides_after_between() -> None:
    text = (
        "وأكدت صحيفة محلية أمس أن اتفاقا تم التوصل إليه بين الأردن والعراق لتمديد خط أنابيب "
        "النفط حتى ميناء العقبة."
    )
    assert _found(text) == [("agreement.reached_passive", frozenset({"JOR", "IRQ"}))]


def test_a_signing_binds_the_sides_after_between() -> None:
    text = (
        "زار وزير الخارجية الصيني البرازيل، وشهد المؤتمر توقيع اتفاقية بين البرازيل "
        "والأرجنتين لتوحيد الرسوم الجمركية على الحبوب."
    )
    assert ("agreement.signing", frozenset({"BRA", "ARG"})) in _found(text)


def test_sides_with_titles_and_from_one_side_and_the_other() -> None:
    text = (
        "وقال مراسلون إن اتفاقا تم التوصل إليه بين الحكومة الكينية من جهة والحكومة الأوغندية "
        "من جهة أخرى لترسيم الحدود في بحيرة فيكتوريا."
    )
    assert _found(text) == [("agreement.reached_passive", frozenset({"KEN", "UGA"}))]


def test_who_consents_to_the_signing_is_bound_too() -> None:
    text = (
        "ووافقت الهند بعد تردد طويل على توقيع اتفاقية بين اليابان وأستراليا لتبادل المعلومات "
        "البحرية في المحيط الهادئ."
    )
    assert ("agreement.signing", frozenset({"IND", "JPN", "AUS"})) in _found(text)


def test_a_named_subject_is_not_replaced_by_the_sides_after_between() -> None:
    text = "واتفقت فرنسا وألمانيا على إنشاء صندوق لدعم التبادل التجاري بين إسبانيا والبرتغال."
    assert _found(text) == [("agreement.verb", frozenset({"FRA", "DEU"}))]


def test_between_the_two_countries_names_no_new_side() -> None:
    text = (
        "واستقبل رئيس وزراء ماليزيا نظيره الإندونيسي، وتم الاتفاق على فتح معبر جديد بين "
        "البلدين قبل نهاية العام."
    )
    assert frozenset({"MYS", "IDN"}) in [p for _, p in _found(text)]
