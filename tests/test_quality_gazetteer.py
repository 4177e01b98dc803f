"""The gazetteer grown from the corpus: bare surnames after the full name, other parties."""

from __future__ import annotations

from tracker.evaluate import canonical
from tracker.extract.normalize import normalize_text
from tracker.extract.parties import find_mentions
from tracker.gazetteer import builtin_parties


def _codes(text: str) -> list[str]:
    return [m.codes[0] for m in find_mentions(normalize_text(text))]


def test_bare_surname_counts_only_after_the_full_name() -> None:
    assert _codes("وصل الأسد إلى الغابة") == []
    assert _codes("استقبل بشار الأسد الوفد ثم قال الأسد كلمته") == ["SYR", "SYR"]


def test_shared_surname_goes_to_the_person_named_before() -> None:
    assert _codes("زار نوري المالكي طهران، وتحدث المالكي عن الانتخابات") == ["DAWA", "IRN", "DAWA"]


def test_other_parties_are_found_but_are_not_listed_actors() -> None:
    assert _codes("أعلنت شركة أرامكو خطة جديدة") == ["ARAMCO"]
    aramco = next(p for p in builtin_parties() if p.code == "ARAMCO")
    assert not aramco.listed
    assert canonical("ARAMCO") == "OTHER"


def test_person_of_an_other_party_binds_it() -> None:
    assert _codes("قال ياسين إبراهيم إن حزبه سيشارك") == ["AFEK_TOUNES"]
