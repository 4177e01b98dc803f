"""The HTML report: built from a database filled through the real CLI, then rendered in Chromium."""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tracker.cli import app
from tracker.db.session import make_engine, session_scope
from tracker.errors import BadInput, NotFound
from tracker.report import build_report

runner = CliRunner()
TODAY = dt.date(2019, 6, 1)

# (file name, text, --published, --url): the first line of a .txt file is its title.
ARTICLES = [
    (
        "egypt.txt",
        "محطة تحلية العين السخنة\n"
        "تعهدت الحكومة المصرية بإنهاء مشروع محطة تحلية المياه في العين السخنة "
        "بحلول نهاية العام. وقال المتحدث الرسمي إن العمل يسير وفق الجدول.",
        "2018-03-14",
        None,
    ),
    (
        "nile.txt",
        "اتفاق مصري سوداني على لجنة فنية\n"
        "اتفقت مصر والسودان على تشكيل لجنة فنية مشتركة لمتابعة ملف مياه النيل.",
        "2018-05-02",
        None,
    ),
    (
        "jordan.txt",
        "معبر جديد بين الأردن وسوريا <script>alert(1)</script>\n"
        "أعلنت عمّان أن الأردن يعتزم فتح معبر حدودي جديد مع سوريا، "
        "وفق بيان تضمّن الوسم <script>alert(1)</script> خطأً.",
        "2018-07-20",
        None,
    ),
    (
        "tunisia.txt",
        "تونس والانتخابات التشريعية\n"
        "تعهد الرئيس التونسي بإجراء انتخابات تشريعية قبل نهاية عام 2019.",
        "2019-01-10",
        None,
    ),
    (
        "tunisia-again.txt",
        "الانتخابات في تونس\n"
        "وفي مؤتمر صحفي أمس، تعهد الرئيس التونسي بإجراء انتخابات تشريعية قبل نهاية عام 2019.",
        "2019-01-25",
        None,
    ),
    (
        "saudi.txt",
        "السعودية واليمن\nأكدت السعودية التزامها بدعم الاستقرار في اليمن.",
        "2019-02-05",
        "javascript:alert(2)",
    ),
    (
        "opening.txt",
        "افتتاح محطة العين السخنة\n"
        "افتتحت الحكومة المصرية رسمياً محطة تحلية المياه في العين السخنة بطاقة كاملة.",
        "2018-12-20",
        "https://example.org/news?id=1&lang=ar",
    ),
]
OPEN_EVIDENCE = {
    "agreement": "اتفقت مصر والسودان على تشكيل لجنة فنية مشتركة لمتابعة ملف مياه النيل",
    "intent": "يعتزم فتح معبر حدودي جديد مع سوريا",
    "pledge": "تعهد الرئيس التونسي بإجراء انتخابات تشريعية قبل نهاية عام 2019",
    "reaffirmation": "أكدت السعودية التزامها بدعم الاستقرار في اليمن",
}
NOTE = 'opened on time <script>alert("x")</script>'


def cli(db: str, *args: str) -> str:
    result = runner.invoke(app, ["--db", db, *args])
    assert result.exit_code == 0, (result.output, result.stderr)
    return result.stdout


@pytest.fixture
def filled(db_url: str, tmp_path: Path) -> str:
    """Seven articles, five commitments (one reported twice), one fulfilled with a hostile note."""
    ids: dict[str, int] = {}
    for name, text, published, url in ARTICLES:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        extra = ["--url", url] if url else []
        out = json.loads(
            cli(db_url, "ingest", str(path), "--published", published, "--json", *extra)
        )
        ids[name] = out["articles"][0]["article_id"]
    rows = json.loads(cli(db_url, "list", "--format", "json"))
    assert len(rows) == 5
    egypt = next(r for r in rows if r["promisors"] == ["EGY"])
    cli(db_url, "fulfill", str(egypt["id"]), "--note", NOTE, "--evidence", str(ids["opening.txt"]),
        "--on", "2018-12-20")  # fmt: skip
    saudi = next(r for r in rows if r["promisors"] == ["SAU"])
    cli(db_url, "mark", str(saudi["id"]), "in_progress", "--note", "اجتماع أول <b>عاجل</b>",
        "--evidence", str(ids["saudi.txt"]), "--on", "2019-03-01")  # fmt: skip
    return db_url


def report(db: str, **kwargs: object) -> str:
    engine = make_engine(db)
    try:
        with session_scope(engine) as session:
            return build_report(session, today=TODAY, **kwargs)  # type: ignore[arg-type]
    finally:
        engine.dispose()


def open_cards(page: str) -> list[str]:
    return re.findall(r'<article class="card".*?</article>', page, flags=re.S)


def stat(page: str, english: str) -> int:
    found = re.search(r'<b>(\d+)</b>[^<]*<span class="en" lang="en" dir="ltr">' + english, page)
    assert found, english
    return int(found.group(1))


def test_page_is_rtl_escaped_and_complete(filled: str) -> None:
    page = report(filled)
    assert '<html lang="ar" dir="rtl">' in page
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "&lt;b&gt;عاجل&lt;/b&gt;" in page
    cards = open_cards(page)
    assert len(cards) == 4
    text = re.sub(r"<[^>]+>", "", "".join(cards))
    for evidence in OPEN_EVIDENCE.values():
        assert evidence in text
    assert "<mark>يعتزم فتح معبر حدودي جديد مع سوريا</mark>" in page
    # the fulfilled pledge is counted but not listed as open
    assert "محطة تحلية" not in "".join(cards)
    assert stat(page, "Total") == 5
    assert stat(page, "Open") == 3
    assert stat(page, "In progress") == 1
    assert stat(page, "Fulfilled") == 1
    assert stat(page, "Broken") == 0
    assert stat(page, "Overdue") == 0  # the Tunisian deadline is 2019-12-31
    assert "213 days left" in page
    tunisia = next(c for c in cards if "التونسي" in c)
    assert re.search(r"mentions</span></dt><dd>2</dd>", tunisia)  # reported twice
    assert "مصر <span" in page and "Egypt" in page


def test_no_external_resources(filled: str) -> None:
    page = report(filled)
    refs = re.findall(r'(?:src|href)\s*=\s*"([^"]*)"', page, flags=re.I)
    assert all(not r.startswith("http") or "example.org" in r for r in refs)
    assert "https://example.org/news?id=1&amp;lang=ar" in page  # the evidence link, escaped
    assert 'href="javascript' not in page.lower()
    assert "@import" not in page and "url(" not in page
    assert "<svg" in page and "<img" not in page


def test_filters(filled: str) -> None:
    egypt = report(filled, party="EGY")
    assert stat(egypt, "Total") == 2  # its pledge and the agreement with Sudan
    assert [c for c in open_cards(egypt) if "السودان" in c]
    sudan = report(filled, party="SDN")
    assert stat(sudan, "Total") == 1
    since = report(filled, since=dt.date(2019, 1, 1))
    assert stat(since, "Total") == 2
    assert len(open_cards(since)) == 2
    done = report(filled, statuses=("fulfilled",))
    assert stat(done, "Total") == 1 and stat(done, "Fulfilled") == 1
    assert open_cards(done) == []
    late = report(filled, statuses=("open",), since=dt.date(2019, 1, 1))
    assert stat(late, "Total") == 1
    overdue = build_overdue(filled)
    assert stat(overdue, "Overdue") == 1 and "days overdue" in overdue
    with pytest.raises(BadInput):
        report(filled, statuses=("done",))
    with pytest.raises(NotFound):
        report(filled, party="XXX")


def build_overdue(db: str) -> str:
    engine = make_engine(db)
    with session_scope(engine) as session:
        page = build_report(session, today=dt.date(2020, 1, 15))
    engine.dispose()
    return page


def test_empty_database(db_url: str) -> None:
    page = report(db_url)
    assert stat(page, "Total") == 0
    assert "No open commitments" in page and "No data" in page and "No changes" in page


# Only the test's copy has a script: the report is shown in an iframe of the width under test
# (headless Chromium's window is at least 500 px wide) and measured from the host page, since
# --dump-dom prints the DOM but cannot measure layout.
HOST = """<!DOCTYPE html><html><head><meta charset="utf-8"><style>
html,body{margin:0;background:#999}iframe{border:0;display:block}</style></head><body>
<iframe id="f" width="WIDTH" height="HEIGHT" srcdoc="PAGE"></iframe><script>
addEventListener('load', () => {
  const win = document.getElementById('f').contentWindow, doc = win.document;
  const w = win.innerWidth, bad = [];
  for (const el of doc.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width && (r.right > w + 1 || r.left < -1))
      bad.push(`${el.tagName}.${el.className} ${Math.round(r.left)}..${Math.round(r.right)}`);
  }
  const out = {dir: win.getComputedStyle(doc.body).direction, attr: doc.documentElement.dir,
    lang: doc.documentElement.lang, width: w, scroll: doc.documentElement.scrollWidth,
    height: doc.documentElement.scrollHeight, overflow: bad,
    cards: [...doc.querySelectorAll('article.card')].map(c => c.innerText)};
  const pre = document.createElement('pre');
  pre.id = 'result';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script></body></html>"""


def chromium(url: str, profile: Path, width: int, height: int, *mode: str) -> str:
    """Headless Chromium with every network path closed: a proxy that refuses, no updates."""
    command = [
        "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-extensions", "--hide-scrollbars",
        "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
        f"--user-data-dir={profile}", f"--window-size={max(width, 500)},{height}", *mode, url,
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def host(tmp_path: Path, page: str, width: int, height: int) -> str:
    path = tmp_path / f"host-{width}x{height}.html"
    filled = HOST.replace("WIDTH", str(width)).replace("HEIGHT", str(height))
    path.write_text(filled.replace("PAGE", html.escape(page, quote=True)), encoding="utf-8")
    return path.as_uri()


def test_renders_in_chromium(filled: str, tmp_path: Path) -> None:
    if shutil.which("chromium") is None:
        if not os.environ.get("CI"):
            pytest.skip("chromium is not installed (CI installs it)")
        pytest.fail("chromium is missing in CI: .ci/run should install it")
    page = report(filled)
    (tmp_path / "report.html").write_text(page, encoding="utf-8")
    for width, height in ((1280, 900), (390, 844)):
        dom = chromium(host(tmp_path, page, width, height), tmp_path / "p", width, height,
                       "--dump-dom")  # fmt: skip
        found = re.search(r'<pre id="result">(.*?)</pre>', dom, flags=re.S)
        assert found, dom[-2000:]
        result = json.loads(html.unescape(found.group(1)))
        assert (result["attr"], result["dir"], result["lang"]) == ("rtl", "rtl", "ar")
        assert result["width"] == width
        assert result["scroll"] <= width, result
        assert result["overflow"] == [], result["overflow"]
        assert len(result["cards"]) == 4
        for evidence in OPEN_EVIDENCE.values():
            assert any(evidence in card for card in result["cards"]), evidence
        # the whole page, for a person to look at
        tall = min(result["height"], 12000)
        shot = tmp_path / f"report-{width}.png"
        chromium(host(tmp_path, page, width, tall), tmp_path / "p", width, tall,
                 f"--screenshot={shot}")  # fmt: skip
        assert shot.stat().st_size > 10_000
        shutil.copy(shot, f"/tmp/report-{width}.png")
