"""Precision audit on corpus articles outside dev: classes of false commitments.

Every sentence here was written for its test (none is taken from the corpus or from dev). Each
test is one class of error seen in a sample of corpus predictions: futures of what happens to
a party, refusals that are only forecasts, conditions on a party's own consent, a signing used
as a date, an opinion agreed on, "designed for" read as "determined to", questions.
"""

from __future__ import annotations

import pytest

from tracker.extract import extract


def _rules(text: str) -> list[str]:
    return [c.rule for c in extract(text)]


@pytest.mark.parametrize(
    "text",
    [
        # a future of undergoing or feeling, also after و / ف and سوف
        "وقال وزير الزراعة المغربي: إذا استمر الجفاف فسوف نخسر نصف المحصول",
        "وقال رئيس الوزراء الكندي إن كندا ستفقد آلاف الوظائف بسبب الرسوم",
        "وقال المتحدث باسم الحكومة الأردنية إن الأردن سيتلقى شحنة القمح قريبا",
        "وقال الوزير الياباني: سنعرف النتائج الأسبوع القادم",
        "وأضاف المسؤول الإيطالي أن الملف معقد وسوف يقرر القضاء فيه",
    ],
)
def test_a_future_of_undergoing_is_not_an_intent(text: str) -> None:
    assert "intent.future" not in _rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "وقال وزير المالية المغربي إن المغرب لن يتأثر كثيرا بارتفاع أسعار النفط",
        "وأكد الوزير الكيني أن كينيا لن تحتاج إلى قروض جديدة هذا العام",
        "وقال المحامي إن الشركة الهندية لن تواجه أي غرامة",
    ],
)
def test_will_not_suffer_is_not_a_refusal(text: str) -> None:
    assert "pledge.will_not" not in _rules(text)


def test_a_refusal_is_still_found() -> None:
    rules = _rules("وقال وزير الخارجية الكيني إن كينيا لن تسمح بإقامة قواعد أجنبية على أراضيها")
    assert "pledge.will_not" in rules


@pytest.mark.parametrize(
    "text",
    [
        "وستمنح الوزارة التمويل للجامعة التونسية إذا وافقت على الشروط الجديدة",
        "وقد ترتفع الأسعار إذا ما قررت الحكومة المغربية رفع الدعم عن الوقود",
        "وانتقد النواب تأخر الحكومة الأردنية في تنفيذ ما وعدت به قبل عامين",
    ],
)
def test_a_condition_or_a_reference_is_not_a_commitment(text: str) -> None:
    rules = _rules(text)
    assert not {"acceptance.consent", "intent.decision", "pledge.verb"} & set(rules)


def test_a_plain_consent_is_still_found() -> None:
    assert "acceptance.consent" in _rules(
        "ووافقت الحكومة التونسية على مقترح النقابة بتأجيل الإضراب"
    )


@pytest.mark.parametrize(
    "text",
    [
        "وارتفعت صادرات البلدين بشكل كبير منذ توقيع الاتفاق التجاري بينهما",
        "وكانت المفاوضات متعثرة قبل توقيع الاتفاقية مع المصارف",
        "وحصل المقاول على مبلغ كبير مقابل توقيعه على اتفاق مع البلدية",
        "واجتمع الوفدان في نيروبي للاتفاق على جدول أعمال الجولة المقبلة",
        "وتحتاج الخطة إلى موافقة البرلمان قبل الموافقة على تمويلها",
    ],
)
def test_a_signing_as_a_date_or_an_aim_is_not_an_agreement(text: str) -> None:
    kinds = [c.kind for c in extract(text)]
    assert "agreement" not in kinds
    assert "acceptance" not in kinds


def test_a_signed_agreement_with_its_content_is_found() -> None:
    rules = _rules("وأعلنت الوزارة المغربية عقب توقيع اتفاقية تقضي بتمويل بناء عشرين مدرسة")
    assert "agreement.signing" in rules


@pytest.mark.parametrize(
    "text",
    [
        "واتفق الوزيران على أن الوضع الإنساني في المنطقة خطير للغاية",
        "ووافق المشاركون في الاستطلاع على أن الأسعار مرتفعة",
    ],
)
def test_an_opinion_agreed_on_is_not_an_agreement(text: str) -> None:
    assert not {"agreement.verb", "acceptance.consent"} & set(_rules(text))


def test_an_act_agreed_on_with_an_is_an_agreement() -> None:
    rules = _rules("واتفق الوزيران على أن تبدأ اللجنة المشتركة عملها في مارس")
    assert "agreement.verb" in rules


def test_designed_for_is_not_determined_to() -> None:
    assert _rules("وقال الخبير إن المنظومة مصممة لاعتراض الطائرات المسيرة") == []
    assert "intent.determined_adjective" in _rules(
        "وقال الوزير إن الحكومة الكينية مصممة على مكافحة الفساد"
    )


def test_a_question_about_an_intention_is_not_one() -> None:
    assert _rules("ولا يعرف المستثمرون ما تعتزمه الحكومة المغربية بشأن الضرائب") == []


@pytest.mark.parametrize(
    "text",
    [
        # a verb of opinion with أن and a pronoun (أنهم، أننا، بأنها): a belief, not an undertaking
        "وقال الوزير الهولندي: أعتقد أنهم سيوقفون إطلاق النار قبل الشتاء",
        "وقال رئيس الحزب البلجيكي: نعتقد أننا سنحصد أغلبية المقاعد في البلديات",
        "ويظن الصيادون البرتغاليون بأنها ستفرض رسوما أعلى على المراكب",
    ],
)
def test_a_belief_with_a_pronoun_is_not_an_intent(text: str) -> None:
    assert _rules(text) == []


def test_said_with_a_pronoun_stays_an_intent() -> None:
    assert _rules("وقال الوزير الهولندي إنهم سيوقفون إطلاق النار قبل الشتاء") == ["intent.future"]


@pytest.mark.parametrize(
    "text",
    [
        "وقال الرئيس الكيني إنه سيزور أوغندا، لكنه لم يقل إنه سيوقع الاتفاق هناك.",
        "ونفى الوزير المغربي الأنباء بأنه سيستقيل من الحكومة.",
        "ورفض المتحدث باسم الخارجية الأمريكية تأكيد أن الوزير سيزور بكين الشهر المقبل.",
    ],
)
def test_a_future_under_a_denial_is_not_undertaken(text: str) -> None:
    kept = [c.evidence for c in extract(text) if c.rule == "intent.future"]
    assert not any("سيوقع" in e or "سيستقيل" in e or "سيزور بكين" in e for e in kept)


def test_a_denial_then_a_statement_keeps_the_statement() -> None:
    text = "ونفى الوزير الأردني تلك الاتهامات، وقال إن الحكومة ستفتح تحقيقا في الحادث."
    assert [c.promisors for c in extract(text)] == [("JOR",)]


@pytest.mark.parametrize(
    "text",
    [
        "وقال الوزير المغربي إن بلاده ستدعم الحوار، ولم يقل إنه سيزور الجزائر.",
        "ونفى الوزير الياباني أن الصين مستعدة لتقديم تنازلات.",
        "ويبدو أن الصين مستعدة لتقديم تنازلات في المفاوضات.",
    ],
)
def test_no_readiness_or_future_is_undertaken_under_a_denial_or_a_seeming(text: str) -> None:
    kept = [c.evidence for c in extract(text)]
    assert not any("سيزور" in e or "مستعدة" in e for e in kept)
