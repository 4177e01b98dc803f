"""Reading articles from files, folders, JSON Lines and stdin: decoding, HTML stripping, dates.

Each input yields articles or a one-line error naming the file (and line); one bad input never
stops the others. JSON Lines are read line by line, so a feed may be far larger than memory;
a text or HTML file holds one article and is read whole, within a size limit.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO, ClassVar

from tracker.domain import Article, content_hash
from tracker.errors import BadInput

TEXT_SUFFIXES = {".txt", ".md", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
_MB = 1024 * 1024
# One article: twenty times the longest news article (about 2 MB of Arabic in UTF-8); the
# extractor needs some 15 seconds for it, so a 50 MB "article" is refused, not ground through.
MAX_ARTICLE_CHARS = 1_000_000
# A text file larger than this cannot hold an article within the limit (UTF-8: <= 4 bytes a char).
MAX_TEXT_FILE_BYTES = 4 * MAX_ARTICLE_CHARS
# A whole HTML page or stdin document: pages carry markup and scripts beyond their text.
MAX_FILE_BYTES = 64 * _MB
# One JSON Lines line: JSON may escape each Arabic letter as \uXXXX (6 bytes). A feed as a whole
# has no limit: it is read line by line.
MAX_LINE_BYTES = 8 * _MB
MAX_ID_CHARS = 200  # the article.external_id column
_BINARY_MAGIC = (b"\x89PNG", b"\x1f\x8b", b"%PDF", b"PK\x03\x04", b"GIF8", b"\xff\xd8\xff")
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_ESCAPED = re.compile("[\udc80-\udcff]")  # undecodable bytes under errors="surrogateescape"


@dataclass(frozen=True, slots=True)
class Item:
    """One document read from an input, or the reason it could not be read."""

    label: str  # file name, with ':line' for JSON Lines
    article: Article | None = None
    error: str | None = None


def parse_date(value: object, what: str = "date") -> dt.date | None:
    """An ISO date or ISO timestamp (its date); None for empty; BadInput for anything else."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        text = value.strip()
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
        try:
            return dt.datetime.fromisoformat(text).date()
        except ValueError:
            pass
    raise BadInput(f"{what} is not a date (YYYY-MM-DD): {str(value)[:40]!r}")


def decode(data: bytes, html: bool = False) -> str:
    """Text from bytes: UTF-8 (BOM or not), UTF-16 with BOM, the HTML meta charset, then cp1256.

    Data that is UTF-8 except at a few places is damaged UTF-8, not a legacy encoding: it is
    refused with the offset of the first bad byte, since reading it as windows-1256 would
    store mojibake.
    """
    return _decode(data, html=html)


def _decode(data: bytes, html: bool = False, where: str = "") -> str:
    if data.startswith(_UTF8_BOM):
        return _utf8(data[3:], where, offset=3)
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise BadInput(f"invalid UTF-16 at byte {exc.start}{where}") from None
    if _is_binary(data):
        raise BadInput(f"binary {'data' if where else 'file'}, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first = exc.start
    escaped = data.decode("utf-8", errors="surrogateescape")
    bad = len(_ESCAPED.findall(escaped))
    ascii_bytes = len(data) - len(data.translate(None, bytes(range(128))))
    good = len(escaped) - ascii_bytes - bad  # well-formed non-ASCII characters
    if good >= 2 * bad:
        raise _invalid_utf8(first, bad, where)
    if html:
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


def _utf8(data: bytes, where: str, offset: int = 0) -> str:
    """Strict UTF-8 (the BOM said so): no fallback to a legacy encoding."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = len(_ESCAPED.findall(data.decode("utf-8", errors="surrogateescape")))
        raise _invalid_utf8(exc.start + offset, bad, where) from None


def _invalid_utf8(first: int, bad: int, where: str) -> BadInput:
    more = f" ({bad} bad bytes in all)" if bad > 1 else ""
    return BadInput(f"invalid UTF-8 at byte {first}{where}{more}: is the file damaged?")


def _is_binary(data: bytes) -> bool:
    return any(data.startswith(m) for m in _BINARY_MAGIC) or b"\x00" in data


class _TextOfHtml(HTMLParser):
    """The readable text of a page: no scripts, styles, navigation, headers or footers.

    When the page marks its story with <main> or <article>, only that is kept, so that menus,
    teasers of other stories and "most read" lists do not become commitments.
    """

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
        "template",
        "iframe",
        "select",
        "button",
        "object",
        "canvas",
    }
    SKIP_ROLES: ClassVar[set[str]] = {
        "navigation",
        "banner",
        "contentinfo",
        "complementary",
        "search",
        "menu",
        "menubar",
        "dialog",
        "alert",
    }
    # Whole class or id tokens of page furniture (not parts of tokens: too many false hits).
    SKIP_NAMES: ClassVar[set[str]] = {
        "nav",
        "navbar",
        "navigation",
        "menu",
        "breadcrumb",
        "breadcrumbs",
        "sidebar",
        "share",
        "social",
        "related",
        "comments",
        "advert",
        "advertisement",
        "cookie-banner",
    }
    # Only elements whose end tag is required: an unclosed <li class="menu"> must not hide
    # the rest of the page.
    CLOSED: ClassVar[set[str]] = {"div", "section", "ul", "ol", "span", "table", "figure"}
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
        "td",
        "th",
        "dd",
        "dt",
        "pre",
        "blockquote",
        "figcaption",
        "article",
        "section",
        "main",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[tuple[bool, int | None, str]] = []  # (in <main>, <article> no., text)
        self.title = ""
        self._skip_tag: str | None = None  # the element being skipped, and its nesting depth
        self._skip_depth = 0
        self._in_title = False
        self._main = 0
        self._article = 0
        self._articles = 0

    def _skips(self, tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        if tag in self.SKIP:
            return True
        if tag not in self.CLOSED:
            return False
        values = dict(attrs)
        if (values.get("role") or "").strip().lower() in self.SKIP_ROLES:
            return True
        names = f"{values.get('class') or ''} {values.get('id') or ''}".lower().split()
        return any(name in self.SKIP_NAMES for name in names)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip_tag is not None:
            if tag == self._skip_tag:
                self._skip_depth += 1
            return
        if self._skips(tag, attrs):
            self._skip_tag, self._skip_depth = tag, 1
            return
        if tag == "title":
            self._in_title = True
        elif tag == "main":
            self._main += 1
        elif tag == "article":
            if not self._article:
                self._articles += 1
            self._article += 1
        if tag in self.BLOCK:
            self._add("\n")

    def handle_endtag(self, tag: str) -> None:
        if self._skip_tag is not None:
            if tag == self._skip_tag:
                self._skip_depth -= 1
                if not self._skip_depth:
                    self._skip_tag = None
            return
        if tag == "title":
            self._in_title = False
        elif tag == "main" and self._main:
            self._main -= 1
        elif tag == "article" and self._article:
            self._article -= 1
        if tag in self.BLOCK:
            self._add("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif self._skip_tag is None:
            self._add(data)

    def _add(self, text: str) -> None:
        self.parts.append((self._main > 0, self._articles if self._article else None, text))

    def text(self) -> str:
        """The main content: <main> if it has text, within it the longest <article> if big."""
        parts = self.parts
        in_main = [p for p in parts if p[0]]
        if _size(in_main):
            parts = in_main
        sizes: dict[int, int] = {}
        for _, article, text in parts:
            if article is not None:
                sizes[article] = sizes.get(article, 0) + len(text.strip())
        if sizes:
            longest = max(sizes, key=lambda k: sizes[k])
            if sizes[longest] * 5 >= _size(parts) * 2:  # at least 40% of the page's text
                parts = [p for p in parts if p[1] == longest]
        return "".join(p[2] for p in parts)


def _size(parts: list[tuple[bool, int | None, str]]) -> int:
    return sum(len(p[2].strip()) for p in parts)


_MARKED_SECTION = re.compile(r"<!\[(?!CDATA\[)[^>]*>")


def _parse_html(page: str) -> _TextOfHtml:
    parser = _TextOfHtml()
    parser.feed(page)
    parser.close()
    return parser


def html_to_text(page: str) -> tuple[str, str]:
    """(title, text) of an HTML page, one paragraph a line."""
    try:
        parser = _parse_html(page)
    except AssertionError:
        # html.parser gives up on some SGML marked sections (`<![ INCLUDE [`) that browsers
        # ignore: drop every `<![...]>` but CDATA and read the page again.
        try:
            parser = _parse_html(_MARKED_SECTION.sub("", page))
        except AssertionError as exc:
            raise BadInput(f"malformed HTML ({str(exc)[:60]})") from None
    lines = (" ".join(line.split()) for line in parser.text().splitlines())
    return " ".join(parser.title.split()), "\n".join(line for line in lines if line)


def _check_text(value: str, what: str = "text") -> None:
    """Refuse what a database cannot store: NUL characters and lone surrogates."""
    if "\x00" in value:
        raise BadInput(f"{what} contains NUL characters (binary data?)")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise BadInput(f"{what} contains invalid Unicode (a lone surrogate)") from None


def _check_length(text: str) -> None:
    if len(text) > MAX_ARTICLE_CHARS:
        raise BadInput(
            f"too long for one article ({len(text):,} characters; "
            f"the limit is {MAX_ARTICLE_CHARS:,})"
        )


def _article_from_text(text: str, defaults: Article, title: str = "") -> Article:
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise BadInput("empty: no text")
    _check_length(text)
    first_line = text.split("\n", 1)[0]
    return Article(
        text=text,
        title=title or (first_line if len(first_line) <= 300 else ""),
        source=defaults.source,
        url=defaults.url,
        published=defaults.published,
    )


def _too_large(size: int, limit: int, one_article: bool) -> BadInput:
    if one_article:
        return BadInput(
            f"too large for one article ({size / _MB:.1f} MB; "
            f"the limit is {MAX_ARTICLE_CHARS:,} characters)"
        )
    return BadInput(f"too large ({size / _MB:.1f} MB; the limit is {limit // _MB} MB)")


def _read_whole(stream: BinaryIO, limit: int, one_article: bool) -> bytes:
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise _too_large(len(data), limit, one_article)
    return data


def _head(stream: BinaryIO, size: int = 4096) -> bytes:
    """The first bytes of a stream, left unread (peek or seek); b'' if neither is possible."""
    peek = getattr(stream, "peek", None)
    if callable(peek):
        return bytes(peek(size))[:size]
    if stream.seekable():
        start = stream.tell()
        head = stream.read(size)
        stream.seek(start)
        return head
    return b""


def _raw_lines(stream: BinaryIO) -> Iterator[tuple[int, bytes | None, int]]:
    """(number, line, size) of each line; line is None when over MAX_LINE_BYTES (not kept)."""
    number = 0
    while chunk := stream.readline(MAX_LINE_BYTES + 1):
        number += 1
        if len(chunk) <= MAX_LINE_BYTES or chunk.endswith(b"\n"):
            yield number, chunk, len(chunk)
            continue
        size = len(chunk)
        while chunk and not chunk.endswith(b"\n"):
            chunk = stream.readline(_MB)
            size += len(chunk)
        yield number, None, size


_Line = tuple[int, str | BadInput]


def _decoded_lines(stream: BinaryIO) -> Iterator[_Line]:
    """Each line of a JSON Lines stream decoded on its own: a bad line spoils only itself."""
    for number, raw, size in _raw_lines(stream):
        if raw is None:
            yield number, _too_large(size, MAX_LINE_BYTES, one_article=True)
            continue
        if number == 1 and raw.startswith(_UTF8_BOM):
            raw = raw[3:]
        try:
            yield number, _decode(raw, where=" of the line")
        except BadInput as exc:
            yield number, exc


def _jsonl(lines: Iterator[_Line], label: str, defaults: Article) -> Iterator[Item]:
    """One item per non-blank line; an id seen earlier in the file with other text is an error."""
    seen: dict[str, tuple[int, str]] = {}  # id -> (line, digest of its text)
    empty = True
    for number, line in lines:
        if isinstance(line, str) and not line.strip():
            continue
        empty = False
        where = f"{label}:{number}"
        try:
            if isinstance(line, BadInput):
                raise line
            article = _jsonl_article(line, defaults)
            if article.external_id is not None:
                digest = content_hash(article.text)
                first = seen.setdefault(article.external_id, (number, digest))
                if first[1] != digest:
                    raise BadInput(
                        f"duplicate id {article.external_id!r} (first on line {first[0]})"
                    )
            yield Item(where, article)
        except BadInput as exc:
            yield Item(where, error=str(exc))
    if empty:
        yield Item(label, error="empty: no lines")


def _jsonl_article(line: str, defaults: Article) -> Article:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadInput(f"not valid JSON ({exc.msg})") from None
    except (ValueError, RecursionError) as exc:  # e.g. a 5000-digit number, deep nesting
        raise BadInput(f"not valid JSON ({type(exc).__name__})") from None
    if not isinstance(record, dict):
        raise BadInput("a line must be a JSON object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise BadInput("no `text`")
    text = text.strip()
    _check_length(text)
    published = parse_date(record.get("published"), "`published`") or defaults.published
    raw_id = record.get("id")
    external_id = str(raw_id) if raw_id is not None and raw_id != "" else None
    if external_id is not None and len(external_id) > MAX_ID_CHARS:
        raise BadInput(f"`id` is longer than {MAX_ID_CHARS} characters")
    article = Article(
        text=text,
        title=str(record.get("title") or ""),
        source=str(record["source"]) if record.get("source") else defaults.source,
        url=str(record["url"]) if record.get("url") else defaults.url,
        published=published,
        external_id=external_id,
    )
    for what in ("text", "title", "source", "url", "external_id"):
        value = getattr(article, what)
        if value:
            _check_text(value, "`id`" if what == "external_id" else f"`{what}`")
    return article


def read_inputs(paths: list[str], defaults: Article) -> Iterator[Item]:
    """Every document of every input path ('-' is stdin), in order."""
    for raw in paths:
        if raw == "-":
            yield from _read_stdin(defaults)
            continue
        path = Path(raw)
        try:
            if not path.exists():
                yield Item(raw, error="no such file or folder")
            elif path.is_dir():
                files = sorted(p for p in path.rglob("*") if p.is_file() and _is_article_file(p))
                if not files:
                    yield Item(raw, error="no .txt, .md, .html or .jsonl files in this folder")
                for file in files:
                    yield from _read_file(file, defaults)
            elif not path.is_file():
                yield Item(raw, error="not a regular file or folder")
            else:
                yield from _read_file(path, defaults)
        except PermissionError:
            yield Item(raw, error="not readable (permission denied)")
        except OSError as exc:
            yield Item(raw, error=f"cannot read: {exc.strerror or exc}")


def _is_article_file(path: Path) -> bool:
    """In a folder: text, HTML and JSON Lines files, but not hidden files or a README."""
    if path.name.startswith(".") or path.stem.upper() in ("README", "LICENSE", "NOTICE"):
        return False
    return path.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES


def _looks_jsonl(data: bytes) -> bool:
    return data.lstrip(_UTF8_BOM + b" \t\r\n")[:1] == b"{"


def _read_stdin(defaults: Article) -> Iterator[Item]:
    stream: BinaryIO = sys.stdin.buffer
    head = _head(stream)
    if not head and not stream.seekable() and not callable(getattr(stream, "peek", None)):
        try:
            stream = io.BytesIO(_read_whole(stream, MAX_FILE_BYTES, one_article=False))
        except BadInput as exc:
            yield Item("<stdin>", error=str(exc))
            return
        head = _head(stream)
    yield from _read_stream("<stdin>", stream, head, defaults, jsonl=_looks_jsonl(head))


def _read_file(path: Path, defaults: Article) -> Iterator[Item]:
    label = str(path)
    suffix = path.suffix.lower()
    jsonl, html = suffix in JSONL_SUFFIXES, suffix in HTML_SUFFIXES
    try:
        size = path.stat().st_size
        limit = MAX_FILE_BYTES if html else MAX_TEXT_FILE_BYTES
        if not jsonl and size > limit:
            raise _too_large(size, limit, one_article=not html)
        with path.open("rb") as stream:
            head = _head(stream)
            # Items are produced while the file is open: JSON Lines are streamed.
            yield from _read_stream(label, stream, head, defaults, jsonl=jsonl, html=html)
    except PermissionError:
        yield Item(label, error="not readable (permission denied)")
    except BadInput as exc:
        yield Item(label, error=str(exc))
    except OSError as exc:
        yield Item(label, error=f"cannot read: {exc.strerror or exc}")


def _read_stream(
    label: str,
    stream: BinaryIO,
    head: bytes,
    defaults: Article,
    jsonl: bool = False,
    html: bool = False,
) -> Iterator[Item]:
    if jsonl and _is_binary(head) and not head.startswith(_UTF16_BOMS):
        yield Item(label, error="binary file, not text")
    elif jsonl and not head.startswith(_UTF16_BOMS):
        yield from _jsonl(_decoded_lines(stream), label, defaults)
    else:  # one document, or a UTF-16 feed (rare: read whole)
        try:
            data = _read_whole(stream, MAX_FILE_BYTES, one_article=not (jsonl or html))
        except BadInput as exc:
            yield Item(label, error=str(exc))
            return
        yield from _read_one_blob(label, data, defaults, jsonl=jsonl, html=html)


def _read_one_blob(
    label: str, data: bytes, defaults: Article, jsonl: bool = False, html: bool = False
) -> Iterator[Item]:
    try:
        text = decode(data, html=html)
    except BadInput as exc:
        yield Item(label, error=str(exc))
        return
    if jsonl:
        lines = (line.removesuffix("\r") for line in text.split("\n"))  # not U+2028 etc.
        yield from _jsonl(enumerate(lines, start=1), label, defaults)
        return
    try:
        if html or text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
            title, body = html_to_text(text)
            yield Item(label, _article_from_text(body, defaults, title))
        else:
            yield Item(label, _article_from_text(text, defaults))
    except BadInput as exc:
        yield Item(label, error=str(exc))
