"""Reading inputs: encodings, HTML, JSON Lines, and one clear error per bad input."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tracker.domain import Article
from tracker.errors import BadInput
from tracker.inputs import decode, html_to_text, parse_date, read_inputs

TEXT = "تعهدت الحكومة المصرية بإنهاء المشروع بحلول نهاية العام."
NONE = Article(text="")


def _read(*paths: Path) -> list:
    return list(read_inputs([str(p) for p in paths], NONE))


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),
        TEXT.encode("cp1256"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-bom", "windows-1256"],
)
def test_encodings_decode_to_the_same_text(data: bytes) -> None:
    assert decode(data) == TEXT


@pytest.mark.parametrize(
    "data", [b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", b"\x1f\x8b\x08\x00\x00\x00\x00\x00"]
)
def test_binary_is_refused(data: bytes) -> None:
    with pytest.raises(BadInput, match="binary"):
        decode(data)


def test_html_keeps_the_article_not_the_markup() -> None:
    page = (
        "<html><head><title>عنوان الخبر</title><script>var x = 'تعهد';</script>"
        "<style>p{}</style></head><body><nav>الرئيسية | أخبار</nav>"
        f"<p>{TEXT}</p><footer>حقوق النشر</footer></body></html>"
    )
    title, text = html_to_text(page)
    assert title == "عنوان الخبر"
    assert text == TEXT


def test_files_folders_and_errors(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("عنوان\n" + TEXT, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")  # not a readable kind: skipped in folders
    (tmp_path / "README.md").write_text("# about these files", encoding="utf-8")  # skipped too
    items = _read(tmp_path, tmp_path / "missing.txt")
    by_label = {Path(i.label).name: i for i in items}
    assert by_label["a.txt"].article.title == "عنوان"
    assert by_label["empty.txt"].error == "empty: no text"
    assert by_label["missing.txt"].error == "no such file or folder"
    assert "image.png" not in by_label
    assert "README.md" not in by_label


def test_jsonl_lines_fail_one_by_one(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        '{"id": "a", "published": "2018-03-14", "text": "نص أول"}\n'
        "{broken\n"
        '{"id": "c"}\n'
        '{"id": "d", "published": "yesterday", "text": "نص"}\n'
        '{"id": "e", "text": "نص آخر"}\n',
        encoding="utf-8",
    )
    items = _read(feed)
    assert [i.label.rsplit(":", 1)[1] for i in items] == ["1", "2", "3", "4", "5"]
    assert items[0].article.published == dt.date(2018, 3, 14)
    assert items[0].article.external_id == "a"
    assert items[1].error.startswith("not valid JSON")
    assert items[2].error == "no `text`"
    assert "not a date" in items[3].error
    assert items[4].article.text == "نص آخر"


def test_dates() -> None:
    assert parse_date("2018-03-14") == dt.date(2018, 3, 14)
    assert parse_date("2018-03-14T10:00:00Z") == dt.date(2018, 3, 14)
    assert parse_date(None) is None
    with pytest.raises(BadInput, match="not a date"):
        parse_date("14 March")
