"""Following commitments over time: one commitment across reports, follow-ups, lifecycle,
parties. Every test runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SEED_ARTICLE
from tests.test_cli import fails, listed, ok

FIXTURES = Path(__file__).parent / "fixtures"


def ingest(db: str, name: str, published: str) -> None:
    path = SEED_ARTICLE if name == "seed" else FIXTURES / name
    assert ok(db, "ingest", str(path), "--published", published).startswith("1 new")


def egyptian_pledges(db: str) -> list[dict]:
    return [r for r in listed(db, "--party", "EGY") if r["kind"] == "pledge"]


def test_the_same_pledge_reworded_by_another_outlet_is_one_commitment(db_url: str) -> None:
    ingest(db_url, "dabaa-outlet-a.txt", "2024-03-01")
    ingest(db_url, "dabaa-outlet-b.txt", "2024-03-03")
    (pledge,) = egyptian_pledges(db_url)
    assert pledge["mentions"] == 3  # headline and body of the first outlet, and the second
    detail = json.loads(ok(db_url, "show", str(pledge["id"]), "--json"))
    assert len({m["article_id"] for m in detail["mention_list"]}) == 2
    assert all(m["published"] and m["sentence"] for m in detail["mention_list"])
    text = ok(db_url, "show", str(pledge["id"]))
    assert "القاهرة" in text and "mentions (3)" in text


def test_two_different_pledges_of_the_same_party_on_the_same_day_stay_apart(db_url: str) -> None:
    ingest(db_url, "dabaa-outlet-a.txt", "2024-03-01")
    ingest(db_url, "bread-prices.txt", "2024-03-01")
    pledges = egyptian_pledges(db_url)
    assert len(pledges) == 2
    assert {p["mentions"] for p in pledges} == {2, 1}


def test_a_report_long_after_is_a_new_commitment(db_url: str) -> None:
    ingest(db_url, "dabaa-outlet-a.txt", "2024-03-01")
    ingest(db_url, "dabaa-outlet-b.txt", "2024-09-01")
    assert len(egyptian_pledges(db_url)) == 2


@pytest.fixture
def followed(db_url: str) -> str:
    ingest(db_url, "seed", "2024-02-13")
    ingest(db_url, "niger-visit.txt", "2024-03-02")
    ingest(db_url, "nigeria-elections.txt", "2024-03-05")
    ingest(db_url, "niger-suspends.txt", "2024-04-10")
    return db_url


def _suggestions(db: str) -> list[dict]:
    return json.loads(ok(db, "followups", "--json"))


def test_follow_ups_are_suggested_for_the_right_articles(followed: str) -> None:
    rows = {r["id"]: r for r in listed(followed, "--limit", "100")}
    suggestions = _suggestions(followed)
    assert suggestions == sorted(suggestions, key=lambda s: -s["score"])
    for s in suggestions:
        assert set(s) >= {
            "id",
            "commitment_id",
            "article_id",
            "article_title",
            "suggested_status",
            "score",
            "reason",
        }
        assert s["reason"]
    by_title = {}
    for s in suggestions:
        by_title.setdefault(s["article_title"], []).append(s)
    visit = by_title["رئيس أركان النيجر يصل إلى أبوجا"]
    invitation = next(s for s in visit if rows[s["commitment_id"]]["kind"] == "acceptance")
    assert invitation["suggested_status"] == "fulfilled"
    assert "وصل" in invitation["reason"]
    assert "نيجيريا تؤجل الانتخابات العامة أسبوعا" not in by_title
    suspends = by_title["النيجر تعلق مشاركتها في القوة المشتركة"]
    readiness = next(s for s in suspends if rows[s["commitment_id"]]["kind"] == "intent")
    assert readiness["suggested_status"] == "stalled"
    assert rows[readiness["commitment_id"]]["promisors"] == ["NER"]


def test_accepting_a_follow_up_marks_the_commitment_through_its_history(followed: str) -> None:
    s = next(s for s in _suggestions(followed) if s["suggested_status"] == "fulfilled")
    out = ok(followed, "followups", "--accept", str(s["id"]))
    assert f"commitment {s['commitment_id']} open → fulfilled" in out
    events = json.loads(ok(followed, "history", str(s["commitment_id"]), "--json"))
    assert events[-1]["to"] == "fulfilled"
    assert events[-1]["evidence_article_id"] == s["article_id"]
    assert events[-1]["on"] == "2024-03-02"
    assert f"follow-up {s['id']} accepted" in events[-1]["note"]
    assert s["id"] not in {x["id"] for x in _suggestions(followed)}
    assert "already accepted" in fails(followed, "followups", "--accept", str(s["id"]))


def test_dismissing_hides_a_follow_up_for_good(followed: str) -> None:
    s = _suggestions(followed)[-1]
    assert f"follow-up {s['id']} dismissed" in ok(followed, "followups", "--dismiss", str(s["id"]))
    assert s["id"] not in {x["id"] for x in _suggestions(followed)}
    ingest(followed, "dabaa-outlet-a.txt", "2024-05-01")  # a later ingest does not revive it
    assert s["id"] not in {x["id"] for x in _suggestions(followed)}
    assert "no follow-up with id 999999" in fails(followed, "followups", "--dismiss", "999999")
    table = ok(followed, "followups")
    assert "suggests" in table.splitlines()[0]


def test_lifecycle_overdue_and_sorting_by_due_date(db_url: str) -> None:
    ingest(db_url, "dabaa-outlet-a.txt", "2024-03-01")  # due 2026-12-31
    ingest(db_url, "bread-prices.txt", "2024-03-01")
    pledge = next(r for r in egyptian_pledges(db_url) if r["due"])
    assert pledge["due"] == "2026-12-31"
    assert isinstance(pledge["days_left"], int)
    by_due = listed(db_url, "--sort", "due")
    assert by_due[0]["id"] == pledge["id"]
    assert listed(db_url, "--overdue") == [] or all(
        r["days_left"] < 0 for r in listed(db_url, "--overdue")
    )
    cid = str(pledge["id"])
    assert "open → fulfilled" in ok(db_url, "fulfill", cid, "--note", "the plant opened")
    assert "--reopen" in fails(db_url, "mark", cid, "broken")
    assert "--reopen" in fails(db_url, "mark", cid, "open", "--reopen")  # a note is required
    assert "fulfilled → open" in ok(db_url, "mark", cid, "open", "--reopen", "--note", "delayed")
    assert "unknown sort" in fails(db_url, "list", "--sort", "size")


def test_overdue_lists_open_commitments_past_their_deadline(db_url: str, tmp_path: Path) -> None:
    article = tmp_path / "late.txt"
    article.write_text(
        "تعهدت الحكومة الأردنية بإعادة فتح معبر جابر الحدودي خلال 30 يوما.", encoding="utf-8"
    )
    assert ok(db_url, "ingest", str(article), "--published", "2018-08-01").startswith("1 new")
    (late,) = listed(db_url, "--overdue")
    assert late["due"] == "2018-08-31" and late["days_left"] < 0
    ok(db_url, "mark", str(late["id"]), "stalled", "--note", "talks paused")
    assert [r["id"] for r in listed(db_url, "--overdue")] == [late["id"]]
    ok(db_url, "mark", str(late["id"]), "broken")
    assert listed(db_url, "--overdue") == []


def test_parties_list_show_alias_and_merge(db_url: str, tmp_path: Path) -> None:
    ingest(db_url, "seed", "2024-02-13")
    parties = json.loads(ok(db_url, "parties", "list", "--format", "json"))
    counts = {p["code"]: p["commitments"] for p in parties}
    assert counts["NER"] >= 5 and counts["NGA"] >= 5
    assert "EGY" not in counts
    everyone = json.loads(ok(db_url, "parties", "list", "--all", "--format", "json"))
    assert {"EGY", "ECOWAS", "HAMAS"} <= {p["code"] for p in everyone}

    assert "NER" in ok(db_url, "parties")  # no subcommand: the list
    shown = json.loads(ok(db_url, "parties", "show", "ner", "--json"))
    assert shown["name_en"] == "Niger"
    assert {"alias": "نيجيري", "origin": "builtin", "kind": "nisba"} in shown["aliases"]
    assert "نيامي" in {a["alias"] for a in shown["aliases"]}
    assert shown["as_promisor"] and all(c["id"] for c in shown["as_promisor"])
    assert "no party with code 'XXX'" in fails(db_url, "parties", "show", "XXX")

    # an analyst's spelling: later ingests use it
    article = tmp_path / "alias.txt"
    article.write_text("وتعهدت جمهورية النيجير بفتح الحدود مع بنين خلال أسبوع.", encoding="utf-8")
    ok(db_url, "parties", "alias", "NER", "جمهورية النيجير")
    assert "already names NER" in fails(db_url, "parties", "alias", "NGA", "جمهورية النيجير")
    ok(db_url, "ingest", str(article), "--published", "2024-03-01")
    opened = next(r for r in listed(db_url) if "الحدود" in r["evidence"])
    assert opened["promisors"] == ["NER"]
    ok(db_url, "db", "upgrade")  # a new run of the built-in gazetteer keeps analysts' aliases
    shown = json.loads(ok(db_url, "parties", "show", "NER", "--json"))
    assert {"alias": "جمهورية النيجير", "origin": "analyst", "kind": "alias"} in shown["aliases"]

    # merge: every link and alias moves, and the merge is recorded
    before = counts["NER"] + 1
    out = ok(db_url, "parties", "merge", "NER", "MNJTF")
    assert "NER merged into MNJTF" in out
    moved = json.loads(ok(db_url, "parties", "show", "MNJTF", "--json"))
    assert len(moved["as_promisor"]) == before
    assert "نيامي" in {a["alias"] for a in moved["aliases"]}
    source = json.loads(ok(db_url, "parties", "show", "NER", "--json"))
    assert source["merged_into"] == "MNJTF" and source["as_promisor"] == []
    assert "already merged" in fails(db_url, "parties", "merge", "NER", "NGA")
    assert "itself" in fails(db_url, "parties", "merge", "NGA", "NGA")
    assert all("NER" not in r["promisors"] for r in listed(db_url, "--limit", "100"))
