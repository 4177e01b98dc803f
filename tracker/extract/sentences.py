"""Sentence spans. News sentences end with . ! ? ؟ ؛ or a line break; quotes do not end them."""

from __future__ import annotations

from tracker.extract.budget import linear

# A full stop between digits (3.5) or after a single letter (initials) does not end a sentence.
_END = linear(r"(?<!\d)[.!?؟؛]+(?!\d)|\n+")
_SPACE = " \t\r\n\u00a0“”\"«»'"


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty sentence, stripped of surrounding blanks and quotes."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        _add(text, start, m.end() if m.group()[0] != "\n" else m.start(), spans)
        start = m.end()
    _add(text, start, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start] in _SPACE:
        start += 1
    while end > start and text[end - 1] in " \t\r\n\u00a0":
        end -= 1
    if end > start:
        spans.append((start, end))
