"""A future that opens the complement clause of a pledge or an agreement is what it promises."""

from __future__ import annotations

from tracker.extract import analyse


def _found(text: str) -> list[tuple[str, str]]:
    return [(c.rule, c.evidence) for c in analyse(text).commitments]


def test_a_pledge_and_the_future_it_announces_are_one_commitment() -> None:
    found = _found("وتعهد وزير الدفاع الأردني بأنه سيرسل وحدات طبية إلى المخيمات.")
    assert len(found) == 1
    rule, evidence = found[0]
    assert rule == "pledge.verb"
    assert "سيرسل وحدات طبية" in evidence


def test_an_agreement_on_what_both_will_do_is_one_commitment() -> None:
    found = _found("واتفق الوزيران المغربي والتونسي على أنهما سيعقدان لقاء كل ستة أشهر.")
    assert [rule for rule, _ in found] == ["agreement.verb"]
    assert "سيعقدان لقاء" in found[0][1]


def test_a_future_with_its_own_subject_stays_a_commitment_of_its_own() -> None:
    text = "وتعهدت مصر بدعم المزارعين، وأكدت أن مصر ستفتح مكاتب جديدة في الصعيد."
    assert {rule for rule, _ in _found(text)} == {"pledge.verb", "intent.future"}


def test_a_refusal_that_says_what_a_promise_is_makes_it_a_promise_not_to() -> None:
    """One commitment, negative, with its act: not a bare "وتعهد الرئيس بأنه" and a refusal."""
    found = analyse("وتعهد الرئيس الغاني بأنه لن يسمح بقطع الأشجار في المحميات.").commitments
    assert [(c.rule, c.polarity) for c in found] == [("pledge.verb", "negative")]
    assert found[0].evidence.endswith("لن يسمح بقطع الأشجار في المحميات")


def test_a_name_set_off_by_commas_does_not_split_a_pledge_from_what_it_says() -> None:
    text = "تعهد رئيس الوزراء الكيني، ويليام روتو، أنه سيستمر في دعم المزارعين."
    assert [rule for rule, _ in _found(text)] == ["pledge.verb"]
    assert _found(text)[0][1].endswith("سيستمر في دعم المزارعين")
