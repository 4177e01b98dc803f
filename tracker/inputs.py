"""Reading articles from files, folders, JSON Lines and stdin: decoding, HTML stripping, dates.

Each input yields articles or a one-line error naming the file (and line); one bad input never
stops the others.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

from tracker.domain import Article
from tracker.errors import BadInput

TEXT_SUFFIXES = {".txt", ".md", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
MAX_BYTES = 64 * 1024 * 1024
_BINARY_MAGIC = (b"\x89PNG", b"\x1f\x8b", b"%PDF", b"PK\x03\x04", b"GIF8", b"\xff\xd8\xff")


@dataclass(frozen=True, slots=True)
class Item:
    """One document read from an input, or the reason it could not be read."""

    label: str  # file name, with ':line' for JSON Lines
    article: Article | None = None
    error: str | None = None


def parse_date(value: object, what: str = "date") -> dt.date | None:
    """An ISO date (or the date part of an ISO timestamp); None for empty; BadInput otherwise."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    raise BadInput(f"{what} is not a date (YYYY-MM-DD): {str(value)[:40]!r}")


def decode(data: bytes, html: bool = False) -> str:
    """Text from bytes: UTF-8 (BOM or not), UTF-16 with BOM, the HTML meta charset, then cp1256."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if any(data.startswith(m) for m in _BINARY_MAGIC) or b"\x00" in data[:4096]:
        raise BadInput("binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if html:
        import re

        meta = re.search(rb"""<meta[^>]+charset=["']?([\w-]+)""", data[:4096], re.I)
        if meta:
            try:
                return data.decode(meta.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["utf_8", "cp1256", "iso8859_6"]).best()
    if best is None:
        raise BadInput("not text in a known encoding (UTF-8, UTF-16, windows-1256)")
    return str(best)


class _TextOfHtml(HTMLParser):
    """The readable text of a page: no scripts, styles, navigation, headers or footers."""

    SKIP: ClassVar[set[str]] = {
        "script",
        "style",
        "nav",
        "header",
        "footer",
        "noscript",
        "aside",
        "form",
        "svg",
    }
    BLOCK: ClassVar[set[str]] = {
        "p",
        "div",
        "br",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "article",
        "section",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self._skip:
            self._skip -= 1
        elif tag == "title":
            self._in_title = False
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._skip:
            self.parts.append(data)


def html_to_text(page: str) -> tuple[str, str]:
    """(title, text) of an HTML page, one paragraph a line."""
    parser = _TextOfHtml()
    parser.feed(page)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return " ".join(parser.title.split()), "\n".join(line for line in lines if line)


def _article_from_text(text: str, defaults: Article, title: str = "") -> Article:
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise BadInput("empty: no text")
    first_line = text.split("\n", 1)[0]
    return Article(
        text=text,
        title=title or (first_line if len(first_line) <= 300 else ""),
        source=defaults.source,
        url=defaults.url,
        published=defaults.published,
    )


def _read_bytes(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise BadInput(f"too large ({size // (1024 * 1024)} MB; the limit is 64 MB)")
    return path.read_bytes()


def _jsonl(lines: Iterator[tuple[int, str]], label: str, defaults: Article) -> Iterator[Item]:
    for number, line in lines:
        if not line.strip():
            continue
        where = f"{label}:{number}"
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise BadInput("a line must be a JSON object")
            text = record.get("text")
            if not isinstance(text, str) or not text.strip():
                raise BadInput("no `text`")
            published = parse_date(record.get("published"), "`published`") or defaults.published
            article = Article(
                text=text.strip(),
                title=str(record.get("title") or ""),
                source=str(record["source"]) if record.get("source") else defaults.source,
                url=str(record["url"]) if record.get("url") else defaults.url,
                published=published,
                external_id=str(record["id"]) if record.get("id") is not None else None,
            )
            yield Item(where, article)
        except json.JSONDecodeError as exc:
            yield Item(where, error=f"not valid JSON ({exc.msg})")
        except BadInput as exc:
            yield Item(where, error=str(exc))


def read_inputs(paths: list[str], defaults: Article) -> Iterator[Item]:
    """Every document of every input path ('-' is stdin), in order."""
    for raw in paths:
        if raw == "-":
            data = sys.stdin.buffer.read()
            yield from _read_one_blob("<stdin>", data, defaults, jsonl=_looks_jsonl(data))
            continue
        path = Path(raw)
        if not path.exists():
            yield Item(raw, error="no such file or folder")
        elif path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and _is_article_file(p))
            if not files:
                yield Item(raw, error="no .txt, .md, .html or .jsonl files in this folder")
            for file in files:
                yield from _read_file(file, defaults)
        else:
            yield from _read_file(path, defaults)


def _is_article_file(path: Path) -> bool:
    """In a folder: text, HTML and JSON Lines files, but not hidden files or a README."""
    if path.name.startswith(".") or path.stem.upper() in ("README", "LICENSE", "NOTICE"):
        return False
    return path.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES


def _looks_jsonl(data: bytes) -> bool:
    return data.lstrip()[:1] == b"{"


def _read_file(path: Path, defaults: Article) -> Iterator[Item]:
    label = str(path)
    try:
        data = _read_bytes(path)
    except PermissionError:
        yield Item(label, error="not readable (permission denied)")
        return
    except BadInput as exc:
        yield Item(label, error=str(exc))
        return
    except OSError as exc:
        yield Item(label, error=f"cannot read: {exc.strerror or exc}")
        return
    suffix = path.suffix.lower()
    yield from _read_one_blob(
        label,
        data,
        defaults,
        jsonl=suffix in JSONL_SUFFIXES,
        html=suffix in HTML_SUFFIXES,
    )


def _read_one_blob(
    label: str, data: bytes, defaults: Article, jsonl: bool = False, html: bool = False
) -> Iterator[Item]:
    try:
        text = decode(data, html=html)
    except (BadInput, UnicodeDecodeError) as exc:
        yield Item(label, error=str(exc) if isinstance(exc, BadInput) else "invalid text encoding")
        return
    if jsonl:
        yield from _jsonl(enumerate(text.splitlines(), start=1), label, defaults)
        return
    try:
        if html or text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
            title, body = html_to_text(text)
            yield Item(label, _article_from_text(body, defaults, title))
        else:
            yield Item(label, _article_from_text(text, defaults))
    except BadInput as exc:
        yield Item(label, error=str(exc))
