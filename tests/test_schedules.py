"""Schedules: the expected count on a date, linear, by cumulative monthly shares, or by last year's series."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bhxh_cli.core.schedules import (
    Finding,
    check_shares,
    expected_count,
    expected_from_share,
    share_on,
    shares_from_series,
    year_elapsed,
)

EVEN = [8, 16, 25, 33, 41, 50, 58, 66, 75, 83, 91, 100]
D = dt.date


# -- linear --------------------------------------------------------------------------------------------

def test_linear_from_1_january_to_31_december():
    assert expected_count(1000, 2000, D(2026, 1, 1), 2026) == 1000
    assert expected_count(1000, 2000, D(2026, 12, 31), 2026) == 2000
    # 30 June 2026: 180 of 364 days; 1000 + 1000 x 180/364 = 1494.505 -> 1495
    assert year_elapsed(D(2026, 6, 30), 2026) == Fraction(180, 364)
    assert expected_count(1000, 2000, D(2026, 6, 30), 2026) == 1495


def test_linear_rounds_an_exact_half_up():
    # 2 July 2026: 182 of 364 days, exactly half: 0 + 1 x 1/2 -> 1; 2 + 1 x 1/2 = 2.5 -> 3 (round() gives 2)
    assert year_elapsed(D(2026, 7, 2), 2026) == Fraction(1, 2)
    assert expected_count(0, 1, D(2026, 7, 2), 2026) == 1
    assert expected_count(2, 3, D(2026, 7, 2), 2026) == 3
    # a fall: 3 - 1 x 1/2 = 2.5 -> 3
    assert expected_count(3, 2, D(2026, 7, 2), 2026) == 3


def test_a_date_outside_the_year_is_refused():
    with pytest.raises(ValueError, match="2027-01-01 is outside the plan year 2026"):
        expected_count(1, 2, D(2027, 1, 1), 2026)
    with pytest.raises(ValueError, match="2025-12-31 is outside the plan year 2026"):
        expected_count(1, 2, D(2025, 12, 31), 2026, EVEN)


def test_negative_counts_are_refused():
    with pytest.raises(ValueError, match=r"baseline cannot be negative \(-1\)"):
        expected_count(-1, 2, D(2026, 1, 1), 2026)


# -- monthly shares ------------------------------------------------------------------------------------

def test_monthly_shares_on_month_ends():
    assert share_on(D(2026, 1, 31), 2026, EVEN) == Fraction(8, 100)
    assert share_on(D(2026, 6, 30), 2026, EVEN) == Fraction(50, 100)
    assert expected_count(1000, 2000, D(2026, 6, 30), 2026, EVEN) == 1500
    assert expected_count(1000, 2000, D(2026, 3, 31), 2026, EVEN) == 1250


def test_a_date_inside_a_month_is_interpolated_by_days():
    # 15 June 2026: 15 of the 30 days from 31 May (41%) to 30 June (50%): 41 + 9 x 1/2 = 45.5%
    assert share_on(D(2026, 6, 15), 2026, EVEN) == Fraction(455, 1000)
    assert expected_count(1000, 2000, D(2026, 6, 15), 2026, EVEN) == 1455
    # 16 January: 15 of the 30 days from 1 January (0) to 31 January (8%): 4%
    assert share_on(D(2026, 1, 16), 2026, EVEN) == Fraction(4, 100)
    # a leap February: 14 February 2028 is 14 of 29 days from 31 January (8%) to 29 February (16%)
    assert share_on(D(2028, 2, 14), 2028, EVEN) == (8 + Fraction(8 * 14, 29)) / 100


def test_front_loaded_shares_and_decimal_shares():
    shares = [20, 35, 50, 60, 70, 80, 85, 90, 95, 97.5, Decimal("99"), Fraction(100)]
    assert check_shares(shares) == []
    assert share_on(D(2026, 10, 31), 2026, shares) == Fraction(975, 1000)
    assert expected_count(0, 1000, D(2026, 10, 31), 2026, shares) == 975


def test_shares_in_proportion_to_days_give_the_linear_schedule():
    year = 2026
    ends = [D(year, m + 1, 1) - dt.timedelta(days=1) for m in range(1, 12)] + [D(year, 12, 31)]
    shares = [year_elapsed(end, year) * 100 for end in ends]
    day = D(year, 1, 1)
    while day.year == year:
        assert share_on(day, year, shares) == year_elapsed(day, year)
        day += dt.timedelta(days=1)


@pytest.mark.parametrize("shares,findings", [
    (EVEN[:11], [Finding(None, "schedule-length", "a schedule has 12 cumulative monthly shares, one for the end "
                                                  "of each month; this one has 11")]),
    (EVEN[:11] + [99], [Finding(12, "schedule-end", "month 12: 99 is not 100; the shares are cumulative, so "
                                                    "December's is the whole increase, 100")]),
    ([8, 16, 2.5] + EVEN[3:], [Finding(3, "schedule-decreasing", "month 3: 2.5 is less than month 2's 16; the "
                                                                 "shares are cumulative, so they never go down")]),
    (EVEN[:8] + [175] + EVEN[9:], [Finding(9, "schedule-range", "month 9: 175 is outside 0..100; a share is a "
                                                                "percent of the year's increase")]),
    ([-1] + EVEN[1:], [Finding(1, "schedule-range", "month 1: -1 is outside 0..100; a share is a percent of the "
                                                    "year's increase")]),
    (EVEN[:4] + ["41%"] + EVEN[5:], [Finding(5, "schedule-number", "month 5: '41%' is not a number; write the "
                                                                   "percent of the year's increase reached by then")]),
    (EVEN[:4] + [True] + EVEN[5:], [Finding(5, "schedule-number", "month 5: True is not a number; write the "
                                                                  "percent of the year's increase reached by then")]),
    (EVEN[:2] + [Fraction(1, 3)] + EVEN[3:], [Finding(3, "schedule-decreasing", "month 3: 1/3 is less than month "
                                                                                "2's 16; the shares are cumulative, "
                                                                                "so they never go down")]),
])
def test_schedule_findings(shares, findings):
    assert check_shares(shares) == findings


def test_a_bad_schedule_is_not_used():
    with pytest.raises(ValueError, match="month 12: 99 is not 100"):
        share_on(D(2026, 5, 5), 2026, EVEN[:11] + [99])


# -- last year's series --------------------------------------------------------------------------------

SERIES_START = 1000  # end of the year before last
SERIES = [1010, 1030, 1060, 1100, 1150, 1200, 1260, 1320, 1380, 1440, 1480, 1500]


def test_shares_from_last_years_series():
    shares, findings = shares_from_series(SERIES_START, SERIES)
    assert findings == []
    assert shares == [2, 6, 12, 20, 30, 40, 52, 64, 76, 88, 96, 100]
    assert check_shares(shares) == []
    # this year: 2000 -> 3000; by 30 June, 40% of the increase, as last year
    assert expected_count(2000, 3000, D(2026, 6, 30), 2026, shares) == 2400


def test_uneven_series_give_exact_fraction_shares():
    shares, _ = shares_from_series(0, [1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3])
    assert shares[0] == Fraction(100, 3)
    assert expected_count(0, 10, D(2026, 1, 31), 2026, shares) == 3  # 3.33 -> 3
    assert expected_count(0, 11, D(2026, 7, 31), 2026, shares) == 7  # 11 x 2/3 = 7.33 -> 7


@pytest.mark.parametrize("start,months,findings", [
    (1000, SERIES[:11], [Finding(None, "series-length", "last year's series has 11 month-end counts; a schedule "
                                                        "needs all 12, January to December")]),
    (1000, SERIES[:5] + [1140] + SERIES[6:],
     [Finding(6, "series-falls", "month 6: last year's count 1140 is below month 5's 1150; a schedule's shares "
                                 "never go down: give the monthly shares instead")]),
    (1020, SERIES, [Finding(1, "series-falls", "month 1: last year's count 1010 is below the start of the year's "
                                               "1020; a schedule's shares never go down: give the monthly shares "
                                               "instead")]),
    (1000, SERIES[:10] + [1510, 1500],
     [Finding(12, "series-falls", "month 12: last year's count 1500 is below month 11's 1510; a schedule's shares "
                                  "never go down: give the monthly shares instead")]),
    (1500, SERIES, [Finding(None, "series-no-rise", "last year's series does not rise over the year (1500 at the "
                                                    "start, 1500 in December): it has no increase to share out; use "
                                                    "a linear schedule or give the monthly shares")]),
    (-1, SERIES, [Finding(None, "series-count", "the start of the year: -1 is not a count of people (a whole "
                                                "number, 0 or more)")]),
    (1000, SERIES[:3] + [1100.0] + SERIES[4:],
     [Finding(4, "series-count", "month 4: 1100.0 is not a count of people (a whole number, 0 or more)")]),
])
def test_series_findings(start, months, findings):
    assert shares_from_series(start, months) == (None, findings)


# -- properties ----------------------------------------------------------------------------------------

@st.composite
def monthly_shares(draw):
    """12 non-decreasing cumulative percents ending at 100, as ints or exact fractions."""
    cuts = sorted(draw(st.lists(st.fractions(0, 100, max_denominator=1000), min_size=11, max_size=11)))
    return cuts + [Fraction(100)]


years = st.integers(2000, 2100)
counts = st.integers(0, 10**7)


@given(counts, counts, years, st.one_of(st.none(), monthly_shares()), st.data())
def test_expected_is_monotone_in_the_date(baseline, target, year, shares, data):
    days = 366 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 365
    first = data.draw(st.integers(0, days - 1))
    second = data.draw(st.integers(first, days - 1))
    start = D(year, 1, 1)
    a = expected_count(baseline, target, start + dt.timedelta(days=first), year, shares)
    b = expected_count(baseline, target, start + dt.timedelta(days=second), year, shares)
    assert (a <= b) if target >= baseline else (a >= b)
    assert min(baseline, target) <= a <= max(baseline, target)


@given(counts, counts, years, st.one_of(st.none(), monthly_shares()))
def test_expected_is_the_baseline_on_1_january_and_the_target_on_31_december(baseline, target, year, shares):
    assert expected_count(baseline, target, D(year, 1, 1), year, shares) == baseline
    assert expected_count(baseline, target, D(year, 12, 31), year, shares) == target


@given(counts, counts, st.fractions(0, 1))
def test_expected_from_share_is_the_exact_value_rounded_half_up(baseline, target, share):
    exact = baseline + (target - baseline) * share
    value = expected_from_share(baseline, target, share)
    assert value - Fraction(1, 2) <= exact < value + Fraction(1, 2)


@given(st.integers(0, 10**6), st.lists(st.integers(0, 10**4), min_size=12, max_size=12))
def test_a_rising_series_gives_a_valid_schedule(start, steps):
    months, count = [], start
    for step in steps:
        count += step
        months.append(count)
    shares, findings = shares_from_series(start, months)
    if months[-1] == start:
        assert shares is None and findings[0].rule == "series-no-rise"
    else:
        assert findings == [] and check_shares(shares) == []
