"""Futures that are forecasts: a noun of expectation or "it seems" governing the future
(توقعات بأن، يبدو أن), or an adverb of likelihood in its clause (على الأرجح، ربما).
Warnings stay: "حذرت X من أنها ستفعل" is the party's own threat."""

from __future__ import annotations

import pytest

from tracker.extract import extract


@pytest.mark.parametrize(
    "text",
    [
        "وتراجعت الأسهم وسط توقعات بأن البنك المركزي الياباني سيخفض الفائدة مجددا.",
        "وقال الوزير إنه يبدو أن الحكومة الكندية ستفتح سفارة في الرياض قبل الصيف.",
        "وارتفع الذهب بفعل مخاوف من أن الخلاف بين الهند وباكستان سيعطل التجارة.",
        "وقال مسؤول سابق إن الرئيس الفرنسي سيلغي على الأرجح زيارته إلى الجزائر.",
        "وكتب الوزير أن المكسيك ربما ستراجع قرارها في العام المقبل.",
    ],
)
def test_a_forecast_binds_no_one(text: str) -> None:
    assert extract(text) == []


def test_a_warning_of_ones_own_act_stays() -> None:
    text = "وحذرت الحكومة الكندية من أنها ستفرض رسوما مماثلة على الواردات."
    assert [c.promisors for c in extract(text)] == [("CAN",)]


def test_an_aside_of_seeming_does_not_govern_the_next_clause() -> None:
    text = "وتجمع المحتجون قرب البرلمان كما يبدو، فيما قالت الحكومة الأردنية إنها ستفتح تحقيقا."
    assert [c.promisors for c in extract(text)] == [("JOR",)]


def test_a_decision_after_an_expectation_is_not_a_forecast() -> None:
    text = "ومن المرجح أن تتسع الاحتجاجات، فيما قررت الحكومة التونسية رفع أسعار الخبز."
    assert [c.promisors for c in extract(text)] == [("TUN",)]
