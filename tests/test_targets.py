"""Rate targets as counts, increases, and progress as a ratio of rates: exact, half-up where printed."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bhxh_cli.core.targets import people_for_rate, share_of_target_rate


def test_a_rate_target_is_the_smallest_count_that_reaches_it():
    assert people_for_rate(Decimal("95"), 14361) == 13643  # 13,642.95 people: 13,643 reach 95%
    assert people_for_rate(Decimal("95"), 14360) == 13642  # exactly 95%: no one more
    assert people_for_rate(Decimal("95.15"), 100_000) == 95150
    assert people_for_rate(Decimal("0"), 500) == 0


@given(st.decimals(min_value=0, max_value=100, places=2), st.integers(0, 10**7))
def test_the_count_reaches_the_rate_and_one_fewer_does_not(percent, denominator):
    count = people_for_rate(percent, denominator)
    assert count <= denominator
    assert Fraction(count * 100, max(denominator, 1)) >= Fraction(percent) or denominator == 0
    if count > 0:
        assert Fraction((count - 1) * 100, denominator) < Fraction(percent)


def test_negative_rates_and_denominators_are_refused():
    with pytest.raises(ValueError, match="a rate target is 0% or more"):
        people_for_rate(Decimal("-1"), 10)
    with pytest.raises(ValueError, match="a denominator is a number of people, 0 or more"):
        people_for_rate(Decimal("1"), -10)


def test_health_progress_is_a_ratio_of_rates():
    # a ward at 88.25% coverage against a 95% target stands at 92.89% of target
    assert share_of_target_rate(8825, 10000, Decimal("95")) == Decimal("92.89")
    assert share_of_target_rate(9500, 10000, Decimal("95")) == Decimal("100.00")
    assert share_of_target_rate(1, 0, Decimal("95")) is None
    assert share_of_target_rate(1, 10, Decimal("0")) is None


def test_the_ratio_rounds_half_up():
    # 1/8 of 95% = 11.875% coverage -> exactly 12.5% of target; 0.0125%/1% = 1.25% -> one place 1.3
    assert share_of_target_rate(1, 8, Decimal("100"), places=1) == Decimal("12.5")
    assert share_of_target_rate(1, 8000, Decimal("1"), places=1) == Decimal("1.3")
