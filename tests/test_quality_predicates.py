"""Predicate adjectives (مستعد، عازم، مصمم): their subject is the noun right before them.

Sentences written for these tests (none from the corpus or dev).
"""

from __future__ import annotations

import pytest

from tracker.extract import extract


@pytest.mark.parametrize(
    "text",
    [
        'وقال وزير الصحة التايلاندي إن "المرضى مستعدون للعودة إلى منازلهم".',
        "وقال المدرب الفرنسي إن اللاعبين مستعدون لمواجهة أي منافس في البطولة.",
        'وقال الخبير الأمريكي: "(المهاجرون) مستعدون للمخاطرة بحياتهم".',
    ],
)
def test_a_subject_naming_no_party_binds_no_one(text: str) -> None:
    assert extract(text) == []


@pytest.mark.parametrize(
    ("text", "promisors"),
    [
        ("وقالت المتحدثة إن الإدارة الأمريكية مستعدة لتقديم المساعدة.", ("USA",)),
        ("وقال الوزير المصري إن مصر مستعدة لاستضافة المفاوضات.", ("EGY",)),
        # a union or alliance named again by its head noun is an actor
        ("وقال الأمين العام لحلف الناتو إن الحلف مستعد للدفاع عن أعضائه.", ("NATO",)),
        # an adjective joined by و shares the subject before it
        ("وقال إن فرنسا تقف إلى جانب إيطاليا في هذه المأساة ومستعدة لتقديم الدعم.", ("FRA",)),
    ],
)
def test_a_party_or_an_actor_noun_is_the_subject(text: str, promisors: tuple[str, ...]) -> None:
    found = [c for c in extract(text) if c.rule.startswith("intent.")]
    assert [c.promisors for c in found] == [promisors]
