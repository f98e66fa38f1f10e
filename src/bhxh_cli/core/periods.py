"""Report periods: the month a report's file name names, and the dates a comparison is held to. Pure.

Offices name monthly reports in many ways: `bao_cao_2026-06.xlsx`, `2026_06.csv`, `06-2026.xls`,
`thang6_2026.xlsx`, `Tháng 6 năm 2026.xlsx`, `T6-2026.csv`, `30.06.2026.csv`. A name read as two different
months is not read at all: a guessed month is worse than none.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata

__all__ = ["date_in_name", "impossible_date_in_name", "month_end", "month_before", "year_before", "month_label"]

_YEAR = r"(20[0-9][0-9])"
_MONTH = r"(0?[1-9]|1[0-2])"
_DAY = r"(0?[1-9]|[12][0-9]|3[01])"
_SEP = r"[-_. ]"


# pragma: no mutate start
# (The patterns are built once, as the module is imported: before mutmut switches any mutant on, so a mutant
# here could never be seen. The tests of date_in_name and impossible_date_in_name state what they read.)
def _patterns(month: str, day: str, *, compact: bool) -> list[tuple[re.Pattern, str]]:
    """(pattern, the groups' order): full dates first, then months; every pattern stands between non-digits.
    A year and month are not read off a longer date (2026-06-32 is no June; 2026-01-2027 is neither January),
    nor, without a separator, off anything but exactly two month digits (202606; 20261 is no January)."""
    patterns = [
        (re.compile(rf"(?<![0-9]){_YEAR}{_SEP}{month}{_SEP}{day}(?![0-9])"), "ymd"),
        (re.compile(rf"(?<![0-9]){day}{_SEP}{month}{_SEP}{_YEAR}(?![0-9])"), "dmy"),
        (re.compile(rf"(?<![0-9]){_YEAR}{_SEP}{month}(?![0-9])(?!{_SEP}[0-9])"), "ym"),
        (re.compile(rf"(?<![0-9a-z])(?:thang|t){_SEP}*{month}(?:{_SEP}*(?:nam))?{_SEP}*{_YEAR}(?![0-9])"), "my"),
        (re.compile(rf"(?<![0-9])(?<![0-9]{_SEP}){month}{_SEP}{_YEAR}(?![0-9])"), "my"),
    ]
    if compact:
        patterns.insert(3, (re.compile(rf"(?<![0-9]){_YEAR}(0[1-9]|1[0-2])(?![0-9])"), "ym"))
    return patterns
# pragma: no mutate end


_PATTERNS = _patterns(_MONTH, _DAY, compact=True)


def _plain(text: str) -> str:
    """Lower case, without marks (tháng -> thang, năm -> nam; no pattern has a đ)."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def date_in_name(stem: str) -> tuple[dt.date, bool] | None:
    """The date a file name (without its extension) names, and whether it names a day (else the month's
    end is meant); None when it names none, or two different ones."""
    text = _plain(stem)
    found: set[tuple[dt.date, bool]] = set()
    taken: list[tuple[int, int]] = []  # spans already read: "2026-06-30" is not also "2026-06"
    for pattern, order in _PATTERNS:
        for match in pattern.finditer(text):
            if any(start < match.end() and match.start() < end for start, end in taken):
                continue
            groups = [int(g) for g in match.groups()]
            try:
                if order == "ymd":
                    found.add((dt.date(groups[0], groups[1], groups[2]), True))
                elif order == "dmy":
                    found.add((dt.date(groups[2], groups[1], groups[0]), True))
                elif order == "ym":
                    found.add((month_end(groups[0], groups[1]), False))
                else:
                    found.add((month_end(groups[1], groups[0]), False))
            except ValueError:  # 31-06-2026: not a date, so the name is not read as one
                return None
            taken.append(match.span())
    if len({(d.year, d.month) for d, _ in found}) != 1:
        return None
    return max(found, key=lambda item: item[1])  # a day named beats the same month named


# The same shapes with any one or two digits for the month and day: what a name meant as a date but wrote
# wrong (bao_cao_2025-13, 31-06-2026), to say so rather than call the file undated; a year and month need
# their separator here ("2026123" is no month 123).
_LOOSE = _patterns(r"([0-9][0-9]?)", r"([0-9][0-9]?)", compact=False)


def impossible_date_in_name(stem: str) -> str | None:
    """The part of a file name (without its extension) written as a date that no calendar has (2025-13,
    31-06-2026, thang0_2026), or None. Only for a name date_in_name could not read."""
    text = _plain(stem)
    for pattern, order in _LOOSE:
        for match in pattern.finditer(text):
            numbers = [int(g) for g in match.groups()]
            if order == "ymd":
                year, month, day = numbers
            elif order == "dmy":
                day, month, year = numbers
            elif order == "ym":
                (year, month), day = numbers, 1
            else:
                (month, year), day = numbers, 1
            try:
                dt.date(year, month, day)
            except ValueError:
                return match.group(0)
    return None


def month_before(date: dt.date) -> dt.date:
    """The end of the month before `date`'s month."""
    return date.replace(day=1) - dt.timedelta(days=1)


def year_before(date: dt.date) -> dt.date:
    """The same day a year earlier (29 February: the 28th)."""
    try:
        return date.replace(year=date.year - 1)
    except ValueError:
        return date.replace(year=date.year - 1, day=28)


def month_label(date: dt.date) -> str:
    """T6/2026: the month as an office writes it in a table's header."""
    return f"T{date.month}/{date.year}"
