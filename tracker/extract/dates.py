"""Deadlines: the date by which a promised act is due, resolved against the article's date.

The idioms of deadlines.yaml come first (dateparser cannot read بحلول نهاية العام or خلال 30
يوما); dateparser, with the Arabic language only, reads what is left after a deadline word.
A date with no deadline word is the act's date when it is still to come: غدا، يومي 12 و13 مارس،
في مايو المقبل.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import math
from dataclasses import dataclass

import regex

from tracker.extract.budget import Timed, linear, timed
from tracker.extract.normalize import normalize_text
from tracker.extract.rules import _read_yaml, alternation

_BLANKS = linear(r"\s+")
_DIGIT = linear(r"\d")


@dataclass(frozen=True, slots=True)
class _Grammar:
    within: Timed
    by: Timed
    bare: Timed
    units: dict[str, tuple[int, str]]
    vague: frozenset[str]
    numbers: dict[str, int]
    months: dict[str, int]
    periods: dict[str, str]
    years: dict[str, int]  # "من العام الماضي" after a month: -1, 0 or +1


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
    for key in (
        "this_year",
        "next_year",
        "this_month",
        "next_month",
        "next_week",
        "tomorrow",
        "after_tomorrow",
    ):
        for word in raw[key]:
            periods[normalize_text(word)] = key
    years = {normalize_text(w): -1 for w in raw["last_year"]}
    years.update((normalize_text(w), 0) for w in raw["same_year"])
    years.update((normalize_text(w), 1) for w in raw["next_year_after_month"])
    number = rf"(?P<n>\d{{1,3}}|{_group(list(numbers))})"
    unit = rf"(?P<unit>{_group(list(units))})"
    month_names = _group(list(months))
    # "ديسمبر/كانون الأول": the second name of the same month is skipped
    month = rf"(?P<month>{month_names})(?:\s*/\s*{month_names})?"
    within = rf"(?<!\w){_group(raw['within'])}\s+(?:{number}\s+)?{unit}(?!\w)(?!\s*{month_names})"
    period = rf"(?P<period>{_group(list(periods))})"
    year = (
        rf"(?:\s+(?:من\s+)?(?:(?:عام\s+)?(?P<year>(?:19|20)\d\d)"
        rf"|(?P<rel_year>{_group(list(years))})))?"
    )
    numeric = r"(?P<numeric>\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d\d|(?:19|20)\d\d-\d\d-\d\d)"
    day = r"(?:(?P<day>\d{1,2})(?:\s+و\s*(?P<day2>\d{1,2}))?\s+)?"
    by = (
        rf"(?<!\w)(?:(?P<inside>{_group(raw['within'])})|{_group(raw['by'])})"
        rf"\s+(?P<end>{_group(raw['end_of'])}\s+)?"
        rf"(?:{numeric}|{day}(?:شهر\s+)?{month}{year}"
        rf"|(?:عام\s+)?(?P<only_year>(?:19|20)\d\d)|{period}|(?P<free>\S+(?:\s+\S+){{0,3}}))"
    )
    # a date with no deadline word: tomorrow, a day of a month, or a month said to be coming
    bare = (
        rf"(?<!\w)(?:{period}"
        rf"|(?:(?P<day>\d{{1,2}})(?:\s+و\s*(?P<day2>\d{{1,2}}))?\s+(?:شهر\s+)?{month}{year}"
        rf"|(?:شهر\s+)?{month}\s+(?P<coming>{_group(raw['coming'])}))"
        rf"(?!\s+{_group(raw['past'])})(?!\w))"
    )
    return _Grammar(
        within=timed(within),
        by=timed(by),
        bare=timed(bare),
        units=units,
        vague=frozenset(normalize_text(w) for w in raw["vague_units"]),
        numbers=numbers,
        months=months,
        periods=periods,
        years=years,
    )


def is_month_name(word: str) -> bool:
    """`word` (normalized) is a month's name in one of the series (مايو، أيار، جانفي)."""
    return word in _grammar().months


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _add(base: dt.date, count: int, unit: str) -> dt.date:
    if unit == "hour":
        return base + dt.timedelta(days=math.ceil(count / 24))
    if unit == "day":
        return base + dt.timedelta(days=count)
    if unit == "week":
        return base + dt.timedelta(weeks=count)
    months = count * (12 if unit == "year" else 1)
    y, m = divmod(base.month - 1 + months, 12)
    year, month = base.year + y, m + 1
    return dt.date(year, month, min(base.day, calendar.monthrange(year, month)[1]))


def find_deadline(text: str, published: dt.date | None) -> dt.date | None:
    """The deadline stated in `text` (normalized or not), or None: the first one that resolves,
    whether a span (خلال 30 يوما), a date after a deadline word (بحلول مارس), or a date still to
    come with no deadline word (غدا الأربعاء، يومي 12 و13 مارس)."""
    g = _grammar()
    text = normalize_text(text)
    found: list[tuple[int, dt.date]] = []
    m = g.within.search(text)
    if m and published:
        due = _resolve_within(m, published, g)
        if due:
            found.append((m.start(), due))
    for m in g.by.finditer(text):
        due = _resolve_by(m, published, g)
        if due:
            found.append((m.start(), due))
            break
    for m in g.bare.finditer(text):
        due = _resolve_bare(m, published, g)
        if due:
            found.append((m.start(), due))
            break
    return min(found)[1] if found else None


def _resolve_within(m: regex.Match[str], published: dt.date, g: _Grammar) -> dt.date | None:
    count_word = m.group("n")
    unit_word = _BLANKS.sub(" ", m.group("unit"))
    if not count_word and unit_word in g.vague:
        return None  # خلال أسابيع: "within weeks" is no date
    count = 1
    if count_word:
        count = int(count_word) if count_word.isdigit() else g.numbers[count_word]
    times, unit = g.units[unit_word]
    return _add(published, count * times, unit)


def _year_of(m: regex.Match[str], month: int, published: dt.date | None, g: _Grammar) -> int | None:
    """The year of a month named in a deadline: written, relative (من العام الماضي), or the
    next time that month comes."""
    if m.group("year"):
        return int(m.group("year"))
    if not published:
        return None
    if m.group("rel_year"):
        return published.year + g.years[_BLANKS.sub(" ", m.group("rel_year"))]
    return published.year + (1 if month < published.month else 0)


def _resolve_by(m: regex.Match[str], published: dt.date | None, g: _Grammar) -> dt.date | None:
    try:
        if m.group("numeric"):
            return _parse_free(m.group("numeric"), published)
        if m.group("month"):
            month = g.months[_BLANKS.sub(" ", m.group("month"))]
            year = _year_of(m, month, published, g)
            if year is None:
                return None
            day = m.group("day2") or m.group("day")
            if day and not m.group("end"):
                return dt.date(year, month, int(day))
            return _last_day(year, month)
        if m.group("only_year"):
            return dt.date(int(m.group("only_year")), 12, 31)
        if m.group("period") and published:
            return _resolve_period(m, published, g, end=bool(m.group("end") or m.group("inside")))
        if m.group("free") and _DIGIT.search(m.group("free")):
            return _parse_free(m.group("free"), published)
    except ValueError:
        return None
    return None


def _resolve_period(
    m: regex.Match[str], published: dt.date, g: _Grammar, end: bool
) -> dt.date | None:
    """A period named relative to the article's date; the year or month counts only at its end
    (بحلول نهاية العام، خلال العام الجاري), the week, tomorrow and the day after as they are."""
    period = g.periods[_BLANKS.sub(" ", m.group("period"))]
    if period == "next_week":
        return published + dt.timedelta(days=7)
    if period == "tomorrow":
        return published + dt.timedelta(days=1)
    if period == "after_tomorrow":
        return published + dt.timedelta(days=2)
    if not end:
        return None
    if period == "this_year":
        return dt.date(published.year, 12, 31)
    if period == "next_year":
        return dt.date(published.year + 1, 12, 31)
    if period == "this_month":
        return _last_day(published.year, published.month)
    nxt = _add(published.replace(day=1), 1, "month")
    return _last_day(nxt.year, nxt.month)


def _resolve_bare(m: regex.Match[str], published: dt.date | None, g: _Grammar) -> dt.date | None:
    """A date with no deadline word is the act's own date, if it is still to come."""
    if not published:
        return None
    if m.group("period"):
        period = g.periods[_BLANKS.sub(" ", m.group("period"))]
        if period not in ("tomorrow", "after_tomorrow"):
            return None  # "العام المقبل" alone is when, not by when
        return _resolve_period(m, published, g, end=False)
    month = g.months[_BLANKS.sub(" ", m.group("month"))]
    try:
        if m.group("coming"):
            year = published.year + (1 if month <= published.month else 0)
            return _last_day(year, month)
        year = _year_of(m, month, published, g)
        if year is None or (
            not m.group("year") and not m.group("rel_year") and month < published.month
        ):
            return None  # "في 12 مارس" in a June article is past, not next year
        due = dt.date(year, month, int(m.group("day2") or m.group("day")))
    except ValueError:
        return None
    return due if due >= published else None


def _parse_free(phrase: str, published: dt.date | None) -> dt.date | None:
    """An explicit date that the idioms do not cover, read by dateparser (Arabic only)."""
    import dateparser  # imported here: commands that do not extract never pay for it

    settings: dict[str, object] = {"PREFER_DAY_OF_MONTH": "last", "DATE_ORDER": "DMY"}
    if published:
        settings["RELATIVE_BASE"] = dt.datetime.combine(published, dt.time())
    parsed = dateparser.parse(phrase, languages=["ar"], settings=settings)  # type: ignore[arg-type]
    return parsed.date() if parsed else None
