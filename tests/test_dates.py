"""Deadlines as the press writes them, resolved against the article's date."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.extract.dates import find_deadline

PUBLISHED = dt.date(2018, 3, 14)


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("بإنهاء المشروع بحلول نهاية العام", dt.date(2018, 12, 31)),
        ("بالانسحاب بحلول نهاية العام المقبل", dt.date(2019, 12, 31)),
        ("بتسليم الأسلحة خلال 30 يوما", dt.date(2018, 4, 13)),
        ("بالرد في غضون ثلاثة أشهر", dt.date(2018, 6, 14)),
        ("خلال أسبوعين", dt.date(2018, 3, 28)),
        ("بحلول نهاية 2020", dt.date(2020, 12, 31)),
        ("قبل نهاية الشهر الجاري", dt.date(2018, 3, 31)),
        ("بالانسحاب بحلول مارس", dt.date(2018, 3, 31)),
        ("بالانسحاب قبل شباط", dt.date(2019, 2, 28)),
        ("حتى 15 يونيو 2019", dt.date(2019, 6, 15)),
        ("حتى ١٥ يونيو ٢٠١٩", dt.date(2019, 6, 15)),
        ("في موعد أقصاه 20/05/2019", dt.date(2019, 5, 20)),
        ("في موعد أقصاه الأسبوع المقبل", dt.date(2018, 3, 21)),
    ],
)
def test_deadline_idioms(text: str, due: dt.date) -> None:
    assert find_deadline(text, PUBLISHED) == due


@pytest.mark.parametrize("text", ["قبل أيام", "خلال الاجتماع", "قبل نهاية", "تعاون مستمر"])
def test_no_deadline(text: str) -> None:
    assert find_deadline(text, PUBLISHED) is None


def test_relative_deadline_needs_the_article_date() -> None:
    assert find_deadline("خلال 30 يوما", None) is None
    assert find_deadline("بحلول نهاية 2020", None) == dt.date(2020, 12, 31)


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("بالانسحاب خلال 48 ساعة", dt.date(2018, 3, 16)),
        ("بزيارة عمان خلال الأسبوع المقبل", dt.date(2018, 3, 21)),
        ("بافتتاح المعبر خلال شهر يونيو", dt.date(2018, 6, 30)),
        ("على أن تبدأ اللجنة عملها غدا الخميس", dt.date(2018, 3, 15)),
        ("للمشاركة في الجولة المقبلة يومي 8 و9 مايو", dt.date(2018, 5, 9)),
        ("بإغلاق الموقع في يوليو المقبل", dt.date(2018, 7, 31)),
        ("بموعد أقصاه 15 نوفمبر/تشرين الثاني من العام الماضي", dt.date(2017, 11, 15)),
        ("في موعد أقصاه 30 يونيو من العام المقبل", dt.date(2019, 6, 30)),
    ],
)
def test_deadline_spans_and_dates_of_the_act(text: str, due: dt.date) -> None:
    assert find_deadline(text, PUBLISHED) == due


@pytest.mark.parametrize(
    "text",
    [
        "بإغلاق الموقع خلال أسابيع",  # "within weeks": no date
        "الاتفاق الموقع في أكتوبر الماضي",  # a past month
        "الاتفاق الموقع في 12 فبراير",  # a day already past in a March article
        "ووقعت الاتفاقية في 5 مايو 2016",
    ],
)
def test_vague_or_past_dates_are_no_deadline(text: str) -> None:
    assert find_deadline(text, PUBLISHED) is None
