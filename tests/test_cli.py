"""Every command through Typer's CliRunner on SQLite and PostgreSQL, and the real script once."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import SEED_ARTICLE
from tracker import __version__, extract
from tracker.cli import app

runner = CliRunner()
SEED_FOUND = extract(SEED_ARTICLE.read_text(encoding="utf-8"))

FOLLOWUP = (
    "رئيس أركان النيجر يصل إلى أبوجا\n"
    "وصل رئيس أركان القوات المسلحة في النيجر الجنرال موسى صلاو برمو إلى أبوجا في زيارة رسمية "
    "تلبية لدعوة نظيره النيجيري، وعقد الجانبان محادثات حول التعاون الأمني."
)


def run(db: str, *args: str, stdin: str | None = None) -> object:
    return runner.invoke(app, ["--db", db, *args], input=stdin)


def ok(db: str, *args: str, stdin: str | None = None) -> str:
    result = run(db, *args, stdin=stdin)
    assert result.exit_code == 0, (result.output, result.stderr)
    return result.stdout


def fails(db: str, *args: str) -> str:
    """Exit 1 with exactly one line on stderr and no traceback."""
    result = run(db, *args)
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.output
    return lines[0]


def listed(db: str, *args: str) -> list[dict]:
    return json.loads(ok(db, "list", "--format", "json", *args))


@pytest.fixture
def seeded(db_url: str) -> str:
    out = ok(db_url, "ingest", str(SEED_ARTICLE), "--published", "2024-02-13", "--source", "seed")
    assert out.startswith("1 new, 0 duplicate")
    return db_url


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"tracker {__version__}"


def test_ingest_list_fulfill_history(seeded: str, tmp_path: Path) -> None:
    rows = listed(seeded)
    assert len(rows) == len(SEED_FOUND) >= 8
    assert {r["status"] for r in rows} == {"open"}
    assert {r["kind"] for r in rows} == {
        "pledge",
        "agreement",
        "reaffirmation",
        "intent",
        "acceptance",
    }
    for r in rows:
        assert set(r) >= {
            "id",
            "kind",
            "status",
            "polarity",
            "promisors",
            "made_on",
            "due",
            "action",
            "evidence",
            "article_id",
            "mentions",
        }
        assert r["made_on"] == "2024-02-13"
    invitation = next(r for r in rows if r["kind"] == "acceptance")
    assert invitation["promisors"] == ["NER"]
    assert invitation["evidence"].startswith("قبل رئيس أركان")

    follow = tmp_path / "visit.txt"
    follow.write_text(FOLLOWUP, encoding="utf-8")
    assert ok(seeded, "ingest", str(follow), "--published", "2024-03-02").startswith("1 new")
    article_id = max(r["article_id"] for r in rows) + 1

    out = ok(
        seeded,
        "fulfill",
        str(invitation["id"]),
        "--note",
        "the visit took place",
        "--evidence",
        str(article_id),
        "--on",
        "2024-03-01",
    )
    assert "open → fulfilled" in out
    assert invitation["id"] not in {r["id"] for r in listed(seeded)}
    done = listed(seeded, "--status", "fulfilled")
    assert [r["id"] for r in done] == [invitation["id"]]

    events = json.loads(ok(seeded, "history", str(invitation["id"]), "--json"))
    assert [(e["from"], e["to"]) for e in events] == [(None, "open"), ("open", "fulfilled")]
    assert events[1]["note"] == "the visit took place"
    assert events[1]["evidence_article_id"] == article_id
    assert events[1]["on"] == "2024-03-01"
    table = ok(seeded, "history", str(invitation["id"])).splitlines()
    assert table[0].split() == ["on", "from", "to", "article", "note"]
    assert table[-1].split()[:3] == ["2024-03-01", "open", "fulfilled"]
    assert table[-1].endswith("the visit took place")
    csv_lines = ok(seeded, "history", str(invitation["id"]), "--format", "csv").splitlines()
    assert csv_lines[0].startswith("id,commitment_id,on,from,to") and len(csv_lines) == 3


def test_reingest_changes_nothing(seeded: str) -> None:
    before = listed(seeded, "--status", "open", "--limit", "100")
    out = ok(seeded, "ingest", str(SEED_ARTICLE), "--published", "2024-02-13")
    assert out.startswith("0 new, 1 duplicate")
    assert listed(seeded, "--status", "open", "--limit", "100") == before


def test_show_lists_mentions_and_history(seeded: str) -> None:
    rows = listed(seeded)
    readiness = next(r for r in rows if r["kind"] == "intent" and r["promisors"] == ["NER"])
    assert readiness["mentions"] == 2
    detail = json.loads(ok(seeded, "show", str(readiness["id"]), "--json"))
    assert len(detail["mention_list"]) == 2
    assert all("استعدادها" in m["sentence"] for m in detail["mention_list"])
    first, second = (m["sentence"] for m in detail["mention_list"])
    assert first != second and first.startswith("ولكن في تحول مفاجئ")
    assert detail["history"][0]["to"] == "open"
    text = ok(seeded, "show", str(readiness["id"]))
    assert "mentions (2)" in text and "NER (Niger / النيجر)" in text
    assert detail["party_names"]["NER"] == {"en": "Niger", "ar": "النيجر"}


def test_list_filters(seeded: str) -> None:
    assert {tuple(r["promisors"]) for r in listed(seeded, "--party", "NGA")} >= {
        ("NGA",),
        ("NER", "NGA"),
    }
    assert all("NGA" in r["promisors"] for r in listed(seeded, "--party", "nga"))
    assert {r["kind"] for r in listed(seeded, "--kind", "agreement")} == {"agreement"}
    agreements = [c for c in SEED_FOUND if c.kind == "agreement"]
    assert len(listed(seeded, "--kind", "agreement")) == len(agreements) == 3
    assert listed(seeded, "--since", "2024-03-01") == []
    assert len(listed(seeded, "--since", "2024-02-13")) == len(SEED_FOUND)
    assert listed(seeded, "--overdue") == []
    assert listed(seeded, "--due-before", "2030-01-01") == []
    assert len(listed(seeded, "--limit", "3")) == 3
    found = listed(seeded, "--search", "الأسلحة")
    assert found and all("الأسلحة" in r["action"] for r in found)
    # the index holds stems: another form of the word (with clitics) finds the same rows
    assert listed(seeded, "--search", "وبالأسلحة") == found
    assert listed(seeded, "--search", "الأسلحة النووية") == []
    assert listed(seeded, "--search", "%_'\"; DROP TABLE commitment; --") == []
    csv_out = ok(seeded, "list", "--format", "csv")
    assert csv_out.splitlines()[0].startswith("id,kind,status")
    assert len(csv_out.strip().splitlines()) == len(SEED_FOUND) + 1
    table = ok(seeded, "list")
    assert "agreement" in table and "NER" in table


def test_mark_lifecycle_and_errors(seeded: str) -> None:
    cid = str(listed(seeded)[0]["id"])
    assert "open → in_progress" in ok(seeded, "mark", cid, "in_progress", "--note", "talks began")
    assert "in_progress → retracted" in ok(seeded, "mark", cid, "retracted")
    assert "--reopen" in fails(seeded, "mark", cid, "open")
    assert "retracted → open" in ok(seeded, "mark", cid, "open", "--reopen", "--note", "back on")
    assert "no commitment with id 99999" in fails(seeded, "mark", "99999", "fulfilled")
    assert "unknown status" in fails(seeded, "mark", cid, "done")
    assert "no article with id 424242" in fails(
        seeded, "mark", cid, "stalled", "--evidence", "424242"
    )
    assert "not a date" in fails(seeded, "mark", cid, "stalled", "--on", "tomorrow")
    assert "no commitment" in fails(seeded, "show", "99999")
    assert "no commitment" in fails(seeded, "history", "99999")
    assert "unknown status" in fails(seeded, "list", "--status", "closed")
    history = json.loads(ok(seeded, "history", cid, "--json"))
    assert [e["to"] for e in history] == ["open", "in_progress", "retracted", "open"]


def test_ingest_jsonl_stdin_and_bad_inputs(db_url: str, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps(
            {
                "id": "x1",
                "published": "2018-06-11",
                "text": "اتفقت مصر والسودان على تشكيل لجنة فنية مشتركة.",
            },
            ensure_ascii=False,
        )
        + "\n{not json\n",
        encoding="utf-8",
    )
    result = run(db_url, "ingest", str(feed), str(tmp_path / "nope.txt"))
    assert result.exit_code == 1
    errors = result.stderr.strip().splitlines()
    assert errors == [
        f"error: {feed}:2: not valid JSON (Expecting property name enclosed in double quotes)",
        f"error: {tmp_path / 'nope.txt'}: no such file or folder",
    ]
    assert result.stdout.startswith("1 new, 0 duplicate (unchanged), 2 failed; 1 new commitments")
    rows = listed(db_url)
    assert [(r["kind"], r["promisors"], r["made_on"]) for r in rows] == [
        ("agreement", ["EGY", "SDN"], "2018-06-11")
    ]
    out = ok(
        db_url,
        "ingest",
        "-",
        "--published",
        "2018-07-01",
        "--json",
        stdin="تعهدت تركيا بفتح قنصلية جديدة في الموصل.",
    )
    report = json.loads(out)
    assert report["new"] == 1 and report["commitments"] == 1
    assert "not a date" in fails(db_url, "ingest", str(feed), "--published", "someday")


def test_extract_is_a_dry_run_with_offsets(db_url: str, tmp_path: Path) -> None:
    feed = tmp_path / "docs.jsonl"
    text = "قال وزير الخارجية الأردني إن بلاده لن تسمح باستخدام أراضيها ضد جيرانها."
    feed.write_text(
        json.dumps({"id": "d1", "published": "2018-05-01", "text": text}, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    out = ok(db_url, "extract", str(feed), "--json")
    doc = json.loads(out)
    assert doc["id"] == "d1"
    (c,) = doc["commitments"]
    assert text[c["start"] : c["end"]] == c["evidence"]
    assert c["polarity"] == "negative" and c["made_on"] == "2018-05-01"
    assert set(c) >= {
        "start",
        "end",
        "evidence",
        "kind",
        "polarity",
        "promisors",
        "counterparties",
        "made_on",
        "due",
        "confidence",
        "rule",
    }
    assert listed(db_url) == []
    assert "no such file" in fails(db_url, "extract", str(tmp_path / "missing.jsonl"))


def test_unmigrated_database_is_refused_with_a_hint(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    assert "tracker db upgrade" in fails(url, "list")
    assert ok(url, "db", "current").strip() == "base (empty)"
    assert "database at 0004_due_index" in ok(url, "db", "upgrade")
    assert ok(url, "db", "current").strip() == "0004_due_index"
    assert ok(url, "list").strip() == "no commitments"
    assert "database at base" in ok(url, "db", "downgrade", "base")


def test_bad_database_urls() -> None:
    assert "cannot use database URL" in fails("notaurl://", "list")
    line = fails("postgresql://nobody:secret@127.0.0.1:1/none", "list")
    assert "secret" not in line


def test_installed_script_from_another_directory(tmp_path: Path) -> None:
    """The console script, run from elsewhere with the default database in a fresh home."""
    script = shutil.which("tracker", path=str(Path(sys.executable).parent)) or shutil.which(
        "tracker"
    )
    assert script, "the tracker console script is not installed"
    env = {k: v for k, v in os.environ.items() if k != "TRACKER_DATABASE_URL"}
    env["HOME"] = str(tmp_path)
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    work = tmp_path / "elsewhere"
    work.mkdir()
    shutil.copy(SEED_ARTICLE, work / "seed.txt")

    def call(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [script, *args], cwd=work, env=env, capture_output=True, text=True, timeout=120
        )

    assert call("--version").stdout.strip() == f"tracker {__version__}"
    ingest = call("ingest", "seed.txt")
    assert ingest.returncode == 0, ingest.stderr
    assert ingest.stdout.startswith("1 new")
    rows = json.loads(call("list", "--format", "json").stdout)
    assert len(rows) == len(SEED_FOUND)
    database = tmp_path / "data" / "tracker" / "tracker.db"
    assert database.exists()
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    missing = call("show", "12345")
    assert missing.returncode == 1
    assert missing.stderr.strip() == "error: no commitment with id 12345"
    module = subprocess.run(
        [sys.executable, "-m", "tracker", "--version"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert module.stdout.strip() == f"tracker {__version__}"
