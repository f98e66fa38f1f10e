"""Yearly milestones to a multi-year target: the core (exact arithmetic) and `bhxh milestones`."""

from __future__ import annotations

import json
from decimal import Decimal, localcontext
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bhxh_cli.core.milestones import Milestone, growth_rate, integer_root, milestone_value, milestones

# -- the core ------------------------------------------------------------------------------------------


def test_linear_milestones_of_the_issue():
    assert milestones(2025, 21400, 2030, 29500) == [
        Milestone(2026, 23020), Milestone(2027, 24640), Milestone(2028, 26260), Milestone(2029, 27880),
        Milestone(2030, 29500)]


def test_linear_rounds_halves_up():
    # 0 + 5 x 1/2 = 2.5 -> 3 (round() would give 2); 3 x 1/2 = 1.5 -> 2
    assert milestones(2025, 0, 2027, 5) == [Milestone(2026, 3), Milestone(2027, 5)]
    assert milestones(2025, 0, 2027, 3) == [Milestone(2026, 2), Milestone(2027, 3)]
    # a fall: 10 - 5 x 1/2 = 7.5 -> 8
    assert milestones(2025, 10, 2027, 5) == [Milestone(2026, 8), Milestone(2027, 5)]


def test_growth_milestones_of_the_issue():
    # 21400 x (29500/21400)^(k/5) = 22818.94, 24331.96, 25945.30, 27665.62, 29500
    assert milestones(2025, 21400, 2030, 29500, "growth") == [
        Milestone(2026, 22819), Milestone(2027, 24332), Milestone(2028, 25945), Milestone(2029, 27666),
        Milestone(2030, 29500)]


def test_growth_with_an_exact_rate():
    # 10% a year exactly: 1000, 1100, 1210, 1331
    assert milestones(2025, 1000, 2028, 1331, "growth") == [
        Milestone(2026, 1100), Milestone(2027, 1210), Milestone(2028, 1331)]


def test_growth_rounds_to_the_nearest_person():
    # year k of n is the n-th root of baseline^(n-k) x target^k; over 2 years, year 1 is sqrt(baseline x target)
    assert milestone_value(1, 4, 2, 1, "growth") == 2  # sqrt(4) = 2 exactly
    assert milestone_value(1, 6, 2, 1, "growth") == 2  # 2.449...
    assert milestone_value(1, 7, 2, 1, "growth") == 3  # 2.645...
    # N^(1/n) of an integer N is an integer or irrational, so a growth milestone is never an exact half:
    # floor(2x) alone decides the rounding (checked against 80-digit decimals in a property below)
    assert milestone_value(8, 125, 3, 1, "growth") == 20 and milestone_value(8, 125, 3, 2, "growth") == 50


@pytest.mark.parametrize("baseline,target", [(0, 10), (10, 0)])
def test_growth_needs_counts_above_zero(baseline, target):
    with pytest.raises(ValueError, match="a constant growth rate needs a baseline and a target above 0"):
        milestones(2025, baseline, 2030, target, "growth")


def test_the_target_year_must_come_after_the_baseline_year():
    with pytest.raises(ValueError, match="at least one year after the baseline, not 0"):
        milestones(2025, 1, 2025, 2)


def test_negative_counts_are_refused():
    with pytest.raises(ValueError, match=r"counts cannot be negative \(baseline -1, target 2\)"):
        milestones(2025, -1, 2030, 2)


def test_growth_rate():
    assert growth_rate(21400, 29500, 5) == Decimal("6.6")  # 1.0663...
    assert growth_rate(1000, 1331, 3) == Decimal("10.0")
    assert growth_rate(29500, 21400, 5) == Decimal("-6.2")
    # exact halves round away from zero: +0.05% -> 0.1, -0.05% -> -0.1
    assert growth_rate(10000, 10005, 1) == Decimal("0.1")
    assert growth_rate(10000, 9995, 1) == Decimal("-0.1")
    assert growth_rate(10000, 9996, 1) == Decimal("0.0")  # -0.04 rounds to 0
    assert growth_rate(10000, 10000, 4) == Decimal("0.0")


@given(st.integers(0, 10**40), st.integers(1, 12))
def test_integer_root_is_the_floor_of_the_real_root(value, n):
    root = integer_root(value, n)
    assert root**n <= value < (root + 1) ** n


def _decimal_growth(baseline: int, target: int, years: int, k: int) -> Decimal:
    with localcontext() as context:
        context.prec = 80
        return Decimal(baseline) * (Decimal(target) / Decimal(baseline)) ** (Decimal(k) / Decimal(years))


counts = st.integers(1, 30_000_000)


@settings(max_examples=200)
@given(counts, counts, st.integers(1, 30))
def test_growth_milestones_agree_with_80_digit_decimals(baseline, target, years):
    result = milestones(2025, baseline, 2025 + years, target, "growth")
    for k, milestone in enumerate(result, 1):
        x = _decimal_growth(baseline, target, years, k)
        # the rounded value is within half a person of the 80-digit value (ties are measure-zero here)
        assert abs(Decimal(milestone.target) - x) <= Decimal("0.5") + Decimal("1e-60")


@settings(max_examples=300)
@given(st.integers(0, 30_000_000), st.integers(0, 30_000_000), st.integers(1, 40),
       st.sampled_from(["linear", "growth"]))
def test_milestones_end_exactly_on_the_target_and_move_one_way(baseline, target, years, method):
    if method == "growth" and (baseline == 0 or target == 0):
        return
    result = milestones(2025, baseline, 2025 + years, target, method)
    assert [m.year for m in result] == list(range(2026, 2026 + years))
    assert result[-1].target == target
    values = [baseline] + [m.target for m in result]
    assert values == sorted(values) or values == sorted(values, reverse=True)


@given(st.integers(0, 10**7), st.integers(0, 10**7), st.integers(1, 40), st.data())
def test_linear_is_the_exact_line_rounded_half_up(baseline, target, years, data):
    k = data.draw(st.integers(0, years))
    exact = baseline + Fraction((target - baseline) * k, years)
    value = milestone_value(baseline, target, years, k)
    assert value - Fraction(1, 2) <= exact < value + Fraction(1, 2)
