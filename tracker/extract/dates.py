"""Deadlines: the date by which a promised act is due, resolved against the article's date.

The idioms of deadlines.yaml come first (dateparser cannot read بحلول نهاية العام or خلال 30
يوما); dateparser, with the Arabic language only, reads what is left after a deadline word.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from dataclasses import dataclass

import regex

from tracker.extract.budget import Timed, timed
from tracker.extract.normalize import normalize_text
from tracker.extract.rules import _read_yaml, alternation

_BLANKS = timed(r"\s+")
_DIGIT = timed(r"\d")


@dataclass(frozen=True, slots=True)
class _Grammar:
    within: Timed
    by: Timed
    units: dict[str, tuple[int, str]]
    numbers: dict[str, int]
    months: dict[str, int]
    periods: dict[str, str]


def _group(words: list[str]) -> str:
    return f"(?:{alternation(words)})"


@functools.cache
def _grammar() -> _Grammar:
    raw = _read_yaml("deadlines.yaml")
    units: dict[str, tuple[int, str]] = {}
    for count, key in ((1, "units"), (2, "dual_units")):
        for unit, words in raw[key].items():
            units.update((normalize_text(w), (count, unit)) for w in words)
    numbers = {normalize_text(w): int(n) for n, words in raw["numbers"].items() for w in words}
    months = {normalize_text(w): int(n) for n, words in raw["months"].items() for w in words}
    periods: dict[str, str] = {}
    for key in ("this_year", "next_year", "this_month", "next_month", "next_week"):
        for word in raw[key]:
            periods[normalize_text(word)] = key
    number = rf"(?P<n>\d{{1,3}}|{_group(list(numbers))})"
    unit = rf"(?P<unit>{_group(list(units))})"
    within = rf"(?<!\w){_group(raw['within'])}\s+(?:{number}\s+)?{unit}(?!\w)"
    month = rf"(?P<month>{_group(list(months))})"
    period = rf"(?P<period>{_group(list(periods))})"
    year = r"(?P<year>(?:19|20)\d\d)"
    numeric = r"(?P<numeric>\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d\d|(?:19|20)\d\d-\d\d-\d\d)"
    day = r"(?:(?P<day>\d{1,2})\s+)?"
    by = (
        rf"(?<!\w){_group(raw['by'])}\s+(?P<end>{_group(raw['end_of'])}\s+)?"
        rf"(?:{numeric}|{day}(?:شهر\s+)?{month}(?:\s+(?:من\s+)?(?:عام\s+)?{year})?"
        rf"|(?:عام\s+)?{year}|{period}|(?P<free>\S+(?:\s+\S+){{0,3}}))"
    )
    return _Grammar(
        within=timed(within),
        by=timed(by),
        units=units,
        numbers=numbers,
        months=months,
        periods=periods,
    )


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _add(base: dt.date, count: int, unit: str) -> dt.date:
    if unit == "day":
        return base + dt.timedelta(days=count)
    if unit == "week":
        return base + dt.timedelta(weeks=count)
    months = count * (12 if unit == "year" else 1)
    y, m = divmod(base.month - 1 + months, 12)
    year, month = base.year + y, m + 1
    return dt.date(year, month, min(base.day, calendar.monthrange(year, month)[1]))


def find_deadline(text: str, published: dt.date | None) -> dt.date | None:
    """The deadline stated in `text` (normalized or not), or None."""
    g = _grammar()
    text = normalize_text(text)
    m = g.within.search(text)
    if m and published:
        count_word = m.group("n")
        count = 1
        if count_word:
            count = int(count_word) if count_word.isdigit() else g.numbers[count_word]
        times, unit = g.units[_BLANKS.sub(" ", m.group("unit"))]
        return _add(published, count * times, unit)
    for m in g.by.finditer(text):
        found = _resolve_by(m, published, g)
        if found:
            return found
    return None


def _resolve_by(m: regex.Match[str], published: dt.date | None, g: _Grammar) -> dt.date | None:
    try:
        if m.group("numeric"):
            return _parse_free(m.group("numeric"), published)
        if m.group("month"):
            month = g.months[_BLANKS.sub(" ", m.group("month"))]
            if m.group("year"):
                year = int(m.group("year"))
            elif published:
                year = published.year + (1 if month < published.month else 0)
            else:
                return None
            if m.group("day") and not m.group("end"):
                return dt.date(year, month, int(m.group("day")))
            return _last_day(year, month)
        if m.group("year"):
            return dt.date(int(m.group("year")), 12, 31)
        if m.group("period") and published:
            period = g.periods[_BLANKS.sub(" ", m.group("period"))]
            if period == "next_week":
                return published + dt.timedelta(days=7)
            if not m.group("end"):
                return None
            if period == "this_year":
                return dt.date(published.year, 12, 31)
            if period == "next_year":
                return dt.date(published.year + 1, 12, 31)
            if period == "this_month":
                return _last_day(published.year, published.month)
            nxt = _add(published.replace(day=1), 1, "month")
            return _last_day(nxt.year, nxt.month)
        if m.group("free") and _DIGIT.search(m.group("free")):
            return _parse_free(m.group("free"), published)
    except ValueError:
        return None
    return None


def _parse_free(phrase: str, published: dt.date | None) -> dt.date | None:
    """An explicit date that the idioms do not cover, read by dateparser (Arabic only)."""
    import dateparser  # imported here: commands that do not extract never pay for it

    settings: dict[str, object] = {"PREFER_DAY_OF_MONTH": "last", "DATE_ORDER": "DMY"}
    if published:
        settings["RELATIVE_BASE"] = dt.datetime.combine(published, dt.time())
    parsed = dateparser.parse(phrase, languages=["ar"], settings=settings)  # type: ignore[arg-type]
    return parsed.date() if parsed else None
