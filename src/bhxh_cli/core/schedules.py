"""Schedules: where a scheme's count is expected to stand on a date of the plan year. Pure: integers,
Fractions and dates in; whole people and plain findings out.

A schedule gives the share of the year's increase (target - baseline) reached on a date, from 0 on
1 January (the baseline) to 1 on 31 December (the target). Three kinds:

- linear: the share of the year elapsed, (date - 1 January) / (31 December - 1 January).
- monthly shares, as a plan gives them (`schedule: [8, 16, ..., 100]`): 12 cumulative percents, one
  for the end of each month. A date inside a month is interpolated linearly, by days, between the end
  of the month before (1 January, share 0, for January) and the end of its own month: a report of
  15 June is held to half-way between May's and June's shares, not to June's end already. On a
  month's last day the share is exactly that month's. Shares proportional to the days elapsed give
  back the linear schedule exactly.
- last year's monthly series: the same share of the year's increase reached by the same month,
  (count at the end of month m - count at the start of the year) / (December's - start), as percents,
  then used as monthly shares.

The expected count is baseline + (target - baseline) x share, rounded half-up to whole people.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Sequence

__all__ = ["Finding", "year_elapsed", "check_shares", "shares_from_series", "share_on", "expected_count",
           "expected_from_share"]

MONTHS = 12


@dataclass(frozen=True)
class Finding:
    """A problem with a schedule: `month` is 1..12 (None for the whole schedule), `rule` a short name."""

    month: int | None
    rule: str
    message: str
    values: dict = field(default_factory=dict, compare=False)  # for the command layer's wording, from its catalog


def year_elapsed(as_of: dt.date, year: int) -> Fraction:
    """Share of the plan year elapsed on `as_of`: 0 on 1 January, 1 on 31 December."""
    if as_of.year != year:
        raise ValueError(f"{as_of.isoformat()} is outside the plan year {year}")
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return Fraction((as_of - start).days, (end - start).days)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, 12, 31) if month == 12 else dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def _number(value: object) -> Fraction | None:
    """A share as written (int, Fraction, Decimal, or a float from YAML, by its shortest digits)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        value = Decimal(repr(value))
        if not value.is_finite():
            return None
    if isinstance(value, (int, Fraction, Decimal)):
        return Fraction(value)
    return None


def _show(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    decimal = Decimal(value.numerator) / Decimal(value.denominator)
    return format(decimal.normalize(), "f") if Fraction(decimal) == value else str(value)


def check_shares(shares: Sequence[object]) -> list[Finding]:
    """Findings for cumulative monthly shares: 12 numbers, each within 0..100, never going down, the last 100."""
    if len(shares) != MONTHS:
        return [Finding(None, "schedule-length", f"a schedule has 12 cumulative monthly shares, one for the end "
                                                 f"of each month; this one has {len(shares)}", {"count": len(shares)})]
    findings, previous = [], None
    for month, raw in enumerate(shares, 1):
        value = _number(raw)
        if value is None:
            findings.append(Finding(month, "schedule-number", f"month {month}: {raw!r} is not a number; write the "
                                                              f"percent of the year's increase reached by then",
                                    {"month": month, "value": repr(raw)}))
            continue
        if not 0 <= value <= 100:
            findings.append(Finding(month, "schedule-range", f"month {month}: {_show(value)} is outside 0..100; "
                                                             f"a share is a percent of the year's increase",
                                    {"month": month, "value": _show(value)}))
        elif previous is not None and value < previous:
            findings.append(Finding(month, "schedule-decreasing",
                                    f"month {month}: {_show(value)} is less than month {month - 1}'s "
                                    f"{_show(previous)}; the shares are cumulative, so they never go down",
                                    {"month": month, "value": _show(value), "before": month - 1,
                                     "previous": _show(previous)}))
        elif month == MONTHS and value != 100:
            findings.append(Finding(month, "schedule-end", f"month 12: {_show(value)} is not 100; the shares are "
                                                           f"cumulative, so December's is the whole increase, 100",
                                    {"value": _show(value)}))
        if 0 <= value <= 100:
            previous = value  # one share out of range is one finding, not one for the month after too
    return findings


def _shares(shares: Sequence[object]) -> list[Fraction]:
    findings = check_shares(shares)
    if findings:
        raise ValueError(findings[0].message)
    return [_number(value) for value in shares]  # type: ignore[misc]


def shares_from_series(start: int, months: Sequence[int]) -> tuple[list[Fraction] | None, list[Finding]]:
    """Cumulative monthly shares (percents) from last year's counts: `start` at the start of the year (the
    end of the year before) and the 12 month-end counts. Findings (and no shares) when the series cannot
    give a schedule: not 12 months, a count that is not a whole number 0 or more, a fall, no rise."""
    if len(months) != MONTHS:
        return None, [Finding(None, "series-length", f"last year's series has {len(months)} month-end counts; "
                                                     f"a schedule needs all 12, January to December")]
    findings = []
    for month, count in [(None, start)] + list(enumerate(months, 1)):
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            where = "the start of the year" if month is None else f"month {month}"
            findings.append(Finding(month, "series-count", f"{where}: {count!r} is not a count of people (a whole "
                                                           f"number, 0 or more)"))
    if findings:
        return None, findings
    december = months[-1]
    if december <= start:
        return None, [Finding(None, "series-no-rise",
                              f"last year's series does not rise over the year ({start} at the start, {december} "
                              f"in December): it has no increase to share out; use a linear schedule or give "
                              f"the monthly shares", {"start": start, "december": december})]
    previous = start
    for month, count in enumerate(months, 1):
        if count < previous:
            before = "the start of the year" if month == 1 else f"month {month - 1}"
            findings.append(Finding(month, "series-falls",  # a count above December's falls later: one rule
                                    f"month {month}: last year's count {count} is below {before}'s {previous}; "
                                    f"a schedule's shares never go down: give the monthly shares instead",
                                    {"month": month, "count": count, "previous": previous}))
        previous = count
    if findings:
        return None, findings
    increase = december - start
    return [Fraction((count - start) * 100, increase) for count in months], []


def share_on(as_of: dt.date, year: int, shares: Sequence[object] | None = None) -> Fraction:
    """The share (0..1) of the year's increase expected on `as_of`: linear without shares, else interpolated
    by days between month ends of the cumulative monthly `shares` (percents)."""
    if shares is None:
        return year_elapsed(as_of, year)
    if as_of.year != year:
        raise ValueError(f"{as_of.isoformat()} is outside the plan year {year}")
    percents = _shares(shares)
    month = as_of.month
    start, before = (dt.date(year, 1, 1), Fraction(0)) if month == 1 else (_month_end(year, month - 1),
                                                                            percents[month - 2])
    end, after = _month_end(year, month), percents[month - 1]
    part = Fraction((as_of - start).days, (end - start).days)
    return (before + (after - before) * part) / 100


def expected_count(baseline: int, target: int, as_of: dt.date, year: int,
                   shares: Sequence[object] | None = None) -> int:
    """Where the count should stand on `as_of`: baseline + (target - baseline) x share, half-up to whole people."""
    for name, count in (("baseline", baseline), ("target", target)):
        if isinstance(count, bool) or not isinstance(count, int):
            raise TypeError(f"{name} must be an int, not {type(count).__name__}")
        if count < 0:
            raise ValueError(f"{name} cannot be negative ({count})")
    return expected_from_share(baseline, target, share_on(as_of, year, shares))


def expected_from_share(baseline: int, target: int, share: Fraction) -> int:
    """baseline + (target - baseline) x share, half-up: for many communes on one date, compute the share once."""
    part, whole = share.numerator, share.denominator
    exact = baseline * whole + (target - baseline) * part  # the expected count x whole
    return (2 * exact + whole) // (2 * whole)  # floor(exact / whole + 1/2)
