"""Where a commune stands against its target. Pure: integers, Fractions and dates in; plain data out.

The schedule is a straight line over the plan year: from the baseline (enrolment at the start of the year)
on 1 January to the target on 31 December. Without a baseline, the line starts at 0: the share of the
target reached is compared with the share of the year elapsed. Which count is the baseline is the commands'
rule (the plan's, else the report of 31 December before, commands/gap_levels.year_start_rows).

"Expected" is defined once, in whole people (half-up), and the status is judged on that integer, so that a
status always agrees with the numbers printed beside it: enrolled >= target is met, enrolled >= expected is
on track, anything less is behind.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from bhxh_cli.core.rates import rate

MET, ON_TRACK, BEHIND = "met", "on track", "behind"
NO_REPORT = "no report"  # a commune of the plan that the report lacks: shown, left out of the totals


def year_elapsed(as_of: dt.date, year: int) -> Fraction:
    """Share of the plan year elapsed on `as_of`: 0 on 1 January, 1 on 31 December."""
    if as_of.year != year:
        raise ValueError(f"{as_of.isoformat()} is outside the plan year {year}")
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return Fraction((as_of - start).days, (end - start).days)


@dataclass(slots=True)  # not frozen: made once per commune and scheme, and frozen ones are slower to make
class Progress:
    target: int
    actual: int | None  # None: the report lacks the commune (status "no report")
    eligible: int
    baseline: int | None
    gap: int | None  # target - actual; negative when the target is exceeded
    achieved: Decimal | None  # actual / target in percent, one decimal; None when the target is 0
    rate_points: Decimal | None  # actual rate - target rate, in percentage points (exact, then rounded)
    still_needed: int | None  # max(0, gap)
    expected: int  # where the straight line stands on the date, rounded half-up to whole people
    shortfall: int | None  # (expected - actual) x the elapsed share's denominator: orders one report's rows exactly
    status: str  # met | on track | behind
    change: int | None  # actual - previous report's actual
    changes: dict | None = None  # role -> (change in people, change of the rate in points): see compare()


def progress(*, target: int, actual: int, eligible: int, baseline: int | None, elapsed: Fraction,
             previous: int | None = None) -> Progress:
    # Integers over the elapsed share's denominator: this runs once per commune and scheme.
    part, whole = elapsed.numerator, elapsed.denominator
    start = baseline if baseline is not None else 0
    scaled = start * whole + (target - start) * part  # the exact expected count x whole
    expected = (2 * scaled + whole) // (2 * whole)  # whole people, half-up: the number printed
    if actual >= target:
        status = MET
    elif actual >= expected:
        status = ON_TRACK
    else:
        status = BEHIND
    gap = target - actual
    return Progress(
        target=target, actual=actual, eligible=eligible, baseline=baseline, gap=gap,
        achieved=rate(actual, target), rate_points=rate(actual - target, eligible), still_needed=max(0, gap),
        expected=expected, shortfall=scaled - actual * whole,
        status=status, change=None if previous is None else actual - previous)


def no_report(*, target: int, eligible: int, baseline: int | None, elapsed: Fraction) -> Progress:
    """A commune the report lacks: its target and where the schedule expects it, and nothing made up."""
    expected = progress(target=target, actual=0, eligible=eligible, baseline=baseline, elapsed=elapsed).expected
    return Progress(target=target, actual=None, eligible=eligible, baseline=baseline, gap=None, achieved=None,
                    rate_points=None, still_needed=None, expected=expected, shortfall=None, status=NO_REPORT,
                    change=None)


def compare(actual: int | None, earlier: int | None, eligible: int,
            places: int = 1) -> tuple[int | None, Decimal | None]:
    """The change since an earlier report: in people, and of the rate (of this plan's eligible people, or of
    the scheme's denominator) in percentage points, the exact difference rounded half-up to `places` decimals,
    the rate's own (a health coverage of 94,75% to 94,78% is +0,03 points); None where a count is unknown."""
    if actual is None or earlier is None:
        return None, None
    return actual - earlier, rate(actual - earlier, eligible, places)


def laggards(rows: list[Progress], count: int) -> tuple[list[int], list[int]]:
    """The positions of the `count` laggards two ways, as offices name them: the lowest share of the target
    reached, and the most people still needed. A commune that met its target, or sent no report, is no
    laggard; a target of 0 has no share. The share is compared exactly, not as printed; ties keep the
    plan's order."""
    open_ = [i for i, p in enumerate(rows) if p.actual is not None and p.status != MET]
    by_share = sorted((i for i in open_ if rows[i].target), key=lambda i: Fraction(rows[i].actual, rows[i].target))
    by_people = sorted(open_, key=lambda i: -rows[i].still_needed)
    return by_share[:count], by_people[:count]
