"""Rules of core/progress.py that had no core-level test (mutation testing found them reached only through the
CLI): the change since an earlier report, and which communes are the laggards, each way."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from bhxh_cli.core.progress import MET, compare, laggards, no_report, progress

HALF = Fraction(1, 2)  # mid-year: a commune without baseline is expected at half its target


def at(target: int, actual: int):
    return progress(target=target, actual=actual, eligible=1000, baseline=None, elapsed=HALF)


def test_the_change_since_an_earlier_report_in_people_and_points_of_the_eligible():
    # 130 enrolled now, 100 before, of 400 eligible: 30 more, 7,5 points up; fewer is a fall
    assert compare(130, 100, 400) == (30, Decimal("7.5"))
    assert compare(100, 130, 400) == (-30, Decimal("-7.5"))


def test_the_change_of_a_rate_with_two_decimals_keeps_them():
    # health insurance's coverage of a population of 10,000: 9,475 -> 9,478 is 94,75% -> 94,78%, +0,03 points
    assert compare(9478, 9475, 10000, 2) == (3, Decimal("0.03"))
    assert compare(9478, 9475, 10000) == (3, Decimal("0.0"))


@pytest.mark.parametrize(("actual", "earlier"), [(None, 100), (130, None), (None, None)])
def test_no_change_where_either_count_is_unknown(actual, earlier):
    assert compare(actual, earlier, 400) == (None, None)


def test_laggards_by_share_reached_and_by_people_still_needed():
    rows = [
        at(100, 50),   # 0: half of its target, 50 still needed
        at(10, 2),     # 1: a fifth, 8 needed
        at(100, 120),  # 2: met (above its target): no laggard
        no_report(target=300, eligible=1000, baseline=None, elapsed=HALF),  # 3: no report: no laggard
        at(200, 100),  # 4: half, like 0 (the plan's order breaks the tie), 100 needed
        at(60, 40),    # 5: two thirds, 20 needed
    ]
    assert rows[2].status == MET
    assert laggards(rows, 2) == ([1, 0], [4, 0])
    assert laggards(rows, 10) == ([1, 0, 4, 5], [4, 0, 5, 1])


def test_a_met_target_of_0_is_no_laggard():
    rows = [at(0, 0), at(10, 9)]
    assert laggards(rows, 5) == ([1], [1])
