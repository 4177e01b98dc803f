"""The bad input battery: each bad input costs one error line and exit 1, never the others.

Every ingest call mixes the bad input with a good article, then checks the exit code, exactly
one stderr line per bad input naming the file (and `file:LINE` for JSON Lines), and that the
database holds exactly the good articles (their texts, and their commitments in `tracker list`).
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import pathlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner, Result

from tracker import inputs
from tracker.cli import app
from tracker.db.models import Article as ArticleRow
from tracker.db.session import make_engine

runner = CliRunner()

# One commitment each, by a different party: `tracker list` tells which articles were stored.
GOOD = "تعهدت الحكومة المصرية بإنهاء المشروع بحلول نهاية العام."  # EGY
JORDAN = "أعلنت وزارة الصحة الأردنية أنها ستفتتح ثلاثة مستشفيات جديدة في العام المقبل."
MOROCCO = "وقع المغرب وموريتانيا اتفاقية للتعاون في مجال الصيد البحري."  # MAR, MRT
ALGERIA = "جددت الجزائر التزامها بدعم الحل السياسي في ليبيا."
IRAQ = "أكد رئيس الوزراء العراقي أن حكومته ستعمل على إعادة إعمار المدن المحررة."
TUNISIA = "وافقت تونس على استضافة القمة العربية المقبلة."
SAUDI = "اتفقت السعودية والكويت على استئناف الإنتاج في المنطقة المقسومة."  # SAU, KWT
IRAN = "تعهدت إيران بوقف تخصيب اليورانيوم."
EU = "تعهد الاتحاد الأوروبي بتقديم مساعدات إنسانية إلى السودان."
QATAR = "أعلنت قطر أنها ستستضيف جولة جديدة من المفاوضات الشهر المقبل."
# A real article is longer than one sentence: damaged bytes hide in the middle of it.
LONG = "\n".join(
    [
        "القاهرة تعد بإنجاز المشروع",
        GOOD,
        "وقال المتحدث باسم الوزارة إن الأعمال تسير وفق الجدول الزمني المحدد لها.",
        "وأضاف أن الشركات المنفذة بدأت في توريد المعدات إلى مواقع العمل في المحافظات.",
    ]
)


def run(db: str, *args: str, stdin: str | bytes | None = None) -> Result:
    return runner.invoke(app, ["--db", db, *args], input=stdin)


def ingest(db: str, *paths: Path | str) -> Result:
    return run(db, "ingest", *(str(p) for p in paths))


def error_lines(result: Result) -> list[str]:
    """The stderr lines of a call that failed cleanly: exit 1 and no traceback."""
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert all(line.startswith("error: ") for line in lines), lines
    return lines


def one_error(result: Result) -> str:
    lines = error_lines(result)
    assert len(lines) == 1, lines
    return lines[0]


def stored(db: str) -> list[str]:
    """The texts of every stored article, sorted (straight from the database)."""
    engine = make_engine(db)
    try:
        with engine.connect() as conn:
            return sorted(conn.execute(select(ArticleRow.text)).scalars())
    finally:
        engine.dispose()


def promisors(db: str) -> set[tuple[str, ...]]:
    """Who made the stored commitments, as `tracker list --format json` shows them."""
    result = run(db, "list", "--format", "json", "--limit", "1000")
    assert result.exit_code == 0, result.output
    return {tuple(row["promisors"]) for row in json.loads(result.stdout)}


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def line(record: dict[str, object]) -> str:
    return json.dumps(record, ensure_ascii=False) + "\n"


def damaged(text: str, at: str) -> tuple[bytes, int]:
    """UTF-8 `text` with two stray bytes before `at`, and the offset of the first of them."""
    cut = text.index(at)
    head = text[:cut].encode("utf-8")
    return head + b"\xff\xfe" + text[cut:].encode("utf-8"), len(head)


@dataclass(frozen=True)
class Bad:
    """A bad input: how to make it in a folder, and what its one error line must say."""

    make: Callable[[Path], Path]
    says: str


def _png(tmp: Path) -> Path:
    return write(tmp / "photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(200))


def _png_named_txt(tmp: Path) -> Path:
    return write(tmp / "article.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))


def _gzip(tmp: Path) -> Path:
    return write(tmp / "article.txt.gz", gzip.compress(LONG.encode("utf-8")))


def _gzip_named_txt(tmp: Path) -> Path:
    return write(tmp / "article.txt", gzip.compress(LONG.encode("utf-8")))


def _gzip_feed(tmp: Path) -> Path:
    return write(tmp / "feed.jsonl", gzip.compress(line({"id": "1", "text": IRAN}).encode()))


def _nul_late(tmp: Path) -> Path:
    """NUL bytes after the first page are still binary (PostgreSQL cannot store them)."""
    return write(tmp / "dump.txt", (LONG * 200).encode("utf-8") + b"\x00\x01\x02" + b"x" * 10)


def _folder_without_articles(tmp: Path) -> Path:
    folder = tmp / "scans"
    _png(folder)
    write(folder / "README.md", "# ما في هذا المجلد")
    write(folder / ".draft.txt", IRAN)
    write(folder / "notes.docx", b"PK\x03\x04" + os.urandom(100))
    (folder / "empty-subfolder").mkdir()
    return folder


def _scripts_only_page(tmp: Path) -> Path:
    page = (
        "<!doctype html><html><head><title>الصفحة الرئيسية</title>"
        f"<script>document.title = '{IRAN}';</script></head><body>"
        "<nav><a href='/'>الرئيسية</a> | <a href='/sport'>رياضة</a></nav>"
        "<footer>جميع الحقوق محفوظة</footer></body></html>"
    )
    return write(tmp / "index.html", page)


def _bad_utf16(tmp: Path) -> Path:
    return write(tmp / "utf16.txt", b"\xff\xfe" + IRAN.encode("utf-16-le") + b"\x00\xd8")


BAD: dict[str, Bad] = {
    "empty file": Bad(lambda t: write(t / "empty.txt", b""), "empty: no text"),
    "whitespace only": Bad(lambda t: write(t / "blank.txt", " \n\t\r\n \u00a0\n"), "empty"),
    "empty html": Bad(lambda t: write(t / "empty.html", b""), "empty: no text"),
    "empty jsonl": Bad(lambda t: write(t / "empty.jsonl", b""), "empty: no lines"),
    "blank jsonl": Bad(lambda t: write(t / "blank.jsonl", "\n  \n\r\n"), "empty: no lines"),
    "png": Bad(_png, "binary file, not text"),
    "png named .txt": Bad(_png_named_txt, "binary file, not text"),
    "gzip": Bad(_gzip, "binary file, not text"),
    "gzip named .txt": Bad(_gzip_named_txt, "binary file, not text"),
    "gzip named .jsonl": Bad(_gzip_feed, "binary file, not text"),
    "NUL bytes late in the file": Bad(_nul_late, "binary file, not text"),
    "invalid UTF-16": Bad(_bad_utf16, "invalid UTF-16 at byte"),
    "html with scripts and navigation only": Bad(_scripts_only_page, "empty: no text"),
    "path that does not exist": Bad(lambda t: t / "nowhere" / "article.txt", "no such file"),
    "folder without readable files": Bad(_folder_without_articles, "no .txt, .md, .html or"),
    "not a regular file": Bad(lambda t: Path(os.devnull), "not a regular file or folder"),
}


@pytest.mark.parametrize("case", list(BAD), ids=list(BAD))
def test_a_bad_input_fails_alone(case: str, sqlite_url: str, tmp_path: Path) -> None:
    """One error line naming the bad input; the good article of the same call is stored."""
    bad = BAD[case].make(tmp_path / "bad")
    good = write(tmp_path / "good" / "good.txt", GOOD)
    result = ingest(sqlite_url, bad, good)
    assert one_error(result).startswith(f"error: {bad}: {BAD[case].says}")
    assert result.stdout.startswith("1 new, 0 duplicate (unchanged), 1 failed; 1 new commitments")
    assert stored(sqlite_url) == [GOOD]
    assert promisors(sqlite_url) == {("EGY",)}


@pytest.mark.parametrize("name", ["damaged.txt", "damaged.md", "damaged.html"])
def test_stray_bytes_in_utf8_are_refused_at_their_offset(
    name: str, sqlite_url: str, tmp_path: Path
) -> None:
    """Mostly-UTF-8 text with two stray bytes is damaged, not windows-1256: no mojibake."""
    data, offset = damaged(LONG, "وقال المتحدث")
    bad = write(tmp_path / name, data)
    with_bom = write(tmp_path / f"bom-{name}", b"\xef\xbb\xbf" + data)
    good = write(tmp_path / "good.txt", IRAN)
    result = ingest(sqlite_url, bad, good, with_bom)
    assert error_lines(result) == [
        f"error: {bad}: invalid UTF-8 at byte {offset} (2 bad bytes in all): is the file damaged?",
        f"error: {with_bom}: invalid UTF-8 at byte {offset + 3} (2 bad bytes in all): "
        "is the file damaged?",
    ]
    assert stored(sqlite_url) == [IRAN]
    assert promisors(sqlite_url) == {("IRN",)}


def test_legacy_and_bom_encodings_are_decoded(db_url: str, tmp_path: Path) -> None:
    """windows-1256, UTF-8 with BOM and UTF-16 with BOM are stored as the same Unicode text."""
    title = "القاهرة تعد بإنجاز المشروع"
    files = [
        write(tmp_path / "cp1256.txt", f"{title}\r\n{JORDAN}\r\n".encode("cp1256")),
        write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + MOROCCO.encode("utf-8")),
        write(tmp_path / "utf16le.txt", ALGERIA.encode("utf-16")),  # BOM + native order
        write(tmp_path / "utf16be.md", b"\xfe\xff" + IRAQ.encode("utf-16-be")),
        write(
            tmp_path / "cp1256.html",
            (
                '<html><head><meta http-equiv="Content-Type" '
                'content="text/html; charset=windows-1256"><title>تونس</title></head>'
                f"<body><p>{TUNISIA}</p></body></html>"
            ).encode("cp1256"),
        ),
        write(tmp_path / "cp1256.jsonl", line({"id": "k1", "text": SAUDI}).encode("cp1256")),
        write(tmp_path / "good.txt", GOOD),
    ]
    result = ingest(db_url, *files)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert stored(db_url) == sorted(
        [f"{title}\n{JORDAN}", MOROCCO, ALGERIA, IRAQ, TUNISIA, SAUDI, GOOD]
    )
    assert promisors(db_url) == {
        ("JOR",),
        ("MAR", "MRT"),
        ("DZA",),
        ("IRQ",),
        ("TUN",),
        ("KWT", "SAU"),
        ("EGY",),
    }


def test_html_keeps_the_article_and_drops_the_markup(sqlite_url: str, tmp_path: Path) -> None:
    """Scripts, menus, teasers of other stories and footers never reach the database.

    The page also holds an SGML marked section, which makes html.parser raise.
    """
    page = f"""<!DOCTYPE html>
<html lang="ar" dir="rtl"><head>
<meta charset="utf-8"><title>مصر تتعهد بإنهاء المشروع | أخبار</title>
<style>body {{ font-family: sans-serif; }}</style>
<script>window.dataLayer = []; var headline = "{IRAN}";</script>
</head><body>
<header><a href="/">الرئيسية</a><nav><ul><li><a href="/p">سياسة</a></li></ul></nav></header>
<div role="navigation"><a href="/s">رياضة</a> <a href="/e">اقتصاد</a></div>
<ul class="menu"><li>عاجل</li><li>{EU}</li></ul>
<main>
  <article>
    <h1>مصر تتعهد بإنهاء المشروع</h1>
    <p>{GOOD}</p><![ INCLUDE [ html.parser chokes on this, browsers ignore it ]]>
    <p>وقال المتحدث باسم الوزارة إن الأعمال تسير&nbsp;وفق الجدول الزمني.</p>
    <div class="share">شارك على فيسبوك</div>
    <script>track("read");</script>
  </article>
  <section><h2>اقرأ أيضا</h2><article><a href="/q">{QATAR}</a></article></section>
</main>
<aside>{EU}</aside>
<noscript>فعّل جافاسكربت</noscript>
<footer>جميع الحقوق محفوظة 2024</footer>
</body></html>"""
    bad = write(tmp_path / "empty.html", "<html><body><nav>الرئيسية</nav></body></html>")
    good_page = write(tmp_path / "page.html", page)
    result = ingest(sqlite_url, good_page, bad)
    assert one_error(result) == f"error: {bad}: empty: no text"
    expected = "\n".join(
        [
            "مصر تتعهد بإنهاء المشروع",
            GOOD,
            "وقال المتحدث باسم الوزارة إن الأعمال تسير وفق الجدول الزمني.",
        ]
    )
    assert stored(sqlite_url) == [expected]
    assert promisors(sqlite_url) == {("EGY",)}
    engine = make_engine(sqlite_url)
    with engine.connect() as conn:
        title = conn.execute(select(ArticleRow.title)).scalar_one()
    engine.dispose()
    assert title == "مصر تتعهد بإنهاء المشروع | أخبار"


def test_jsonl_bad_lines_fail_one_by_one(db_url: str, tmp_path: Path) -> None:
    """Each bad line is one error at `file:LINE`; the good lines of the same feed are stored."""
    stray, _ = damaged(line({"id": "s", "text": LONG}), "وقال")
    feed = write(
        tmp_path / "feed.jsonl",
        b"".join(
            part if isinstance(part, bytes) else part.encode("utf-8")
            for part in [
                line({"id": "n1", "published": "2018-06-11", "text": JORDAN}),  # 1 good
                '{"id": "n2", "text": "' + MOROCCO + "\n",  # 2 broken
                line({"id": "n3", "title": "بلا نص"}),  # 3 no text
                line({"id": "n4", "published": "أمس", "text": ALGERIA}),  # 4 not a date
                line({"id": "n5", "published": "2018-02-30", "text": IRAQ}),  # 5 no such day
                line({"id": "n1", "text": TUNISIA}),  # 6 duplicate id, other text
                line({"id": "n1", "published": "2018-06-11", "text": JORDAN}),  # 7 same article
                "\n",  # 8 blank: skipped
                "[1, 2]\n",  # 9 not an object
                line({"id": "n9", "text": SAUDI + "\u0000"}),  # 10 NUL: PostgreSQL refuses it
                stray,  # 11 invalid UTF-8
                line({"id": "n7", "published": "2018-06-12T09:30:00Z", "text": IRAN}),  # 12 good
                line({"id": "x" * 300, "text": EU}),  # 13 id too long for the column
                '{"id": "n8", "text": "\\ud800 ' + QATAR + '"}\n',  # 14 lone surrogate
                line({"id": 20, "published": 2018, "text": QATAR}),  # 15 a number is no date
            ]
        ),
    )
    good = write(tmp_path / "good.txt", GOOD)
    result = ingest(db_url, feed, good)
    lines = error_lines(result)
    expected = {
        2: "not valid JSON (",
        3: "no `text`",
        4: "`published` is not a date (YYYY-MM-DD): 'أمس'",
        5: "`published` is not a date (YYYY-MM-DD): '2018-02-30'",
        6: "duplicate id 'n1' (first on line 1)",
        9: "a line must be a JSON object",
        10: "`text` contains NUL characters",
        11: "invalid UTF-8 at byte ",
        13: "`id` is longer than 200 characters",
        14: "`text` contains invalid Unicode",
        15: "`published` is not a date",
    }
    assert len(lines) == len(expected), lines
    for got, (number, says) in zip(lines, expected.items(), strict=True):
        assert got.startswith(f"error: {feed}:{number}: {says}"), got
    assert result.stdout.startswith(f"3 new, 1 duplicate (unchanged), {len(expected)} failed")
    assert stored(db_url) == sorted([JORDAN, IRAN, GOOD])
    assert promisors(db_url) == {("JOR",), ("IRN",), ("EGY",)}
    engine = make_engine(db_url)
    with engine.connect() as conn:
        rows = conn.execute(select(ArticleRow.external_id, ArticleRow.published_on)).all()
    engine.dispose()
    assert sorted(rows, key=str) == sorted(
        [("n1", dt.date(2018, 6, 11)), ("n7", dt.date(2018, 6, 12)), (None, None)], key=str
    )


def test_a_50_mb_article_is_refused(sqlite_url: str, tmp_path: Path) -> None:
    """As a text file and as one JSON Lines line: refused quickly; the rest is stored."""
    words = ("كلمة " * (50 * 1024 * 1024 // len("كلمة ".encode()))).strip()
    huge = write(tmp_path / "huge.txt", words)
    assert huge.stat().st_size >= 49 * 1024 * 1024
    feed = write(tmp_path / "huge.jsonl", line({"id": "big", "text": words}) + line({"text": EU}))
    assert feed.stat().st_size >= 50 * 1024 * 1024
    del words
    good = write(tmp_path / "good.txt", GOOD)
    result = ingest(sqlite_url, huge, good, feed)
    lines = error_lines(result)
    assert len(lines) == 2, lines
    assert lines[0].startswith(f"error: {huge}: too large for one article (50.0 MB; the limit is")
    assert lines[1].startswith(f"error: {feed}:1: too large for one article (")
    assert stored(sqlite_url) == sorted([GOOD, EU])
    assert promisors(sqlite_url) == {("EGY",), ("EU",)}


def test_too_long_article_is_refused_below_the_byte_limits(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The article limit counts characters, wherever the article comes from."""
    monkeypatch.setattr(inputs, "MAX_ARTICLE_CHARS", 200)
    long_text = LONG + "\n" + LONG
    txt = write(tmp_path / "long.txt", long_text)
    page = write(tmp_path / "long.html", f"<html><body><p>{long_text}</p></body></html>")
    feed = write(tmp_path / "long.jsonl", line({"id": "l", "text": long_text}) + line({"text": EU}))
    result = ingest(sqlite_url, txt, page, feed, write(tmp_path / "good.txt", GOOD))
    lines = error_lines(result)
    assert [got.split(": too long for one article (")[0] for got in lines] == [
        f"error: {txt}",
        f"error: {page}",
        f"error: {feed}:1",
    ]
    assert stored(sqlite_url) == sorted([GOOD, EU])


def test_a_feed_is_not_held_to_the_file_size_limit(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A feed larger than any file limit is read line by line; only a too-long line fails."""
    for name in ("MAX_FILE_BYTES", "MAX_TEXT_FILE_BYTES", "MAX_LINE_BYTES"):
        monkeypatch.setattr(inputs, name, 400)
    texts = [GOOD, JORDAN, MOROCCO, ALGERIA, IRAQ]
    feed = write(
        tmp_path / "feed.jsonl",
        "".join(line({"id": f"a{i}", "text": t}) for i, t in enumerate(texts))
        + line({"id": "long", "text": LONG * 2})
        + line({"id": "last", "text": TUNISIA}),
    )
    assert feed.stat().st_size > 400 * 3
    result = ingest(sqlite_url, feed)
    assert one_error(result).startswith(f"error: {feed}:6: too large for one article")
    assert stored(sqlite_url) == sorted([*texts, TUNISIA])


def test_stdin_bad_and_good(sqlite_url: str) -> None:
    """stdin is named <stdin>; a JSON Lines stream on stdin fails line by line."""
    assert one_error(run(sqlite_url, "ingest", "-", stdin=b"")) == "error: <stdin>: empty: no text"
    result = run(sqlite_url, "ingest", "-", stdin=line({"text": GOOD}) + "{oops\n")
    assert one_error(result).startswith("error: <stdin>:2: not valid JSON")
    assert stored(sqlite_url) == [GOOD]


def test_unreadable_file(sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Permission denied names the file and spares the others, alone or inside a folder.

    Tests run as root, for whom chmod 000 changes nothing: opening the file is made to fail.
    """
    folder = tmp_path / "inbox"
    secret = write(folder / "secret.txt", IRAN)
    feed = write(tmp_path / "secret.jsonl", line({"text": EU}))
    write(folder / "good.txt", GOOD)
    locked = {secret, feed}
    for path in locked:
        path.chmod(0)
    real_open = pathlib.Path.open
    real_read_bytes = pathlib.Path.read_bytes

    def refuse_open(self: Path, *args: object, **kwargs: object) -> object:
        if self in locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    def refuse_read(self: Path) -> bytes:
        if self in locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(pathlib.Path, "open", refuse_open)
    monkeypatch.setattr(pathlib.Path, "read_bytes", refuse_read)
    result = ingest(sqlite_url, folder, feed)
    assert error_lines(result) == [
        f"error: {secret}: not readable (permission denied)",
        f"error: {feed}: not readable (permission denied)",
    ]
    assert stored(sqlite_url) == [GOOD]
    assert promisors(sqlite_url) == {("EGY",)}


@pytest.mark.parametrize("value", ["someday", "2024-02-30", "13/02/2024"])
def test_published_that_is_not_a_date(value: str, sqlite_url: str, tmp_path: Path) -> None:
    """A bad option concerns every input: one line, exit 1, nothing stored."""
    good = write(tmp_path / "good.txt", GOOD)
    result = run(sqlite_url, "ingest", str(good), "--published", value)
    assert one_error(result) == f"error: --published is not a date (YYYY-MM-DD): {value!r}"
    assert stored(sqlite_url) == []


def test_extract_reports_bad_inputs_too(sqlite_url: str, tmp_path: Path) -> None:
    """The dry run follows the same contract and stores nothing."""
    folder = tmp_path / "mixed"
    empty = write(folder / "a-empty.txt", "")
    write(folder / "b-good.txt", GOOD)
    result = run(sqlite_url, "extract", str(folder), "--json")
    assert one_error(result) == f"error: {empty}: empty: no text"
    (doc,) = [json.loads(x) for x in result.stdout.splitlines()]
    assert [c["promisors"] for c in doc["commitments"]] == [["EGY"]]
    assert stored(sqlite_url) == []


def test_mark_unknown_id_or_status(sqlite_url: str, tmp_path: Path) -> None:
    """One line, exit 1, and the history is unchanged (the full lifecycle is in test_cli)."""
    assert ingest(sqlite_url, write(tmp_path / "good.txt", GOOD)).exit_code == 0
    (row,) = json.loads(run(sqlite_url, "list", "--format", "json").stdout)
    cid = str(row["id"])
    assert one_error(run(sqlite_url, "mark", "999999", "fulfilled")) == (
        "error: no commitment with id 999999"
    )
    assert one_error(run(sqlite_url, "mark", cid, "done")).startswith(
        "error: unknown status 'done': use one of open, in_progress"
    )
    history = json.loads(run(sqlite_url, "history", cid, "--json").stdout)
    assert [event["to"] for event in history] == ["open"]


@pytest.mark.parametrize(
    "url",
    [
        "notaurl://",
        "postgresql://u:secret@127.0.0.1:1/x",
        "sqlite:////proc/no-such-dir/tracker.db",
    ],
)
def test_bad_database_url_for_ingest(url: str, tmp_path: Path) -> None:
    """One line, without the password or a traceback, before any input is read."""
    result = ingest(url, write(tmp_path / "good.txt", GOOD))
    assert one_error(result).startswith(
        ("error: cannot use database URL", "error: cannot connect", "error: cannot create")
    )
    assert "secret" not in result.output


@pytest.mark.parametrize(
    "url",
    ["postgresql://u:secret@127.0.0.1:notaport/x", "mysql://u:secret@127.0.0.1/x"],
    ids=["bad-port", "missing-driver"],
)
def test_malformed_database_url_gives_one_line(url: str, tmp_path: Path) -> None:
    """A port that is not a number, or a backend whose driver is missing, is a bad URL too."""
    result = ingest(url, write(tmp_path / "good.txt", GOOD))
    assert one_error(result).startswith("error: cannot use database URL")
    assert "secret" not in result.output
