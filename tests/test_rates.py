"""Exact rates and half-up rounding, with property tests against an independent Decimal computation."""

from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from bhxh_cli.core import rates


def test_seed_rates():
    assert rates.rate(15530, 15890) == Decimal("97.7")
    assert rates.rate(1930, 71313) == Decimal("2.7")
    assert rates.rate(13640, 14360) == Decimal("95.0")
    assert rates.exact_rate(13640, 14360) < 95


def test_halves_round_up_not_to_even():
    assert rates.rate(1, 800) == Decimal("0.1")  # 0.125 -> 0.1 (not a half)
    assert rates.rate(1, 2000) == Decimal("0.1")  # 0.05 -> 0.1 (half up; round() on floats gives 0.1 or 0.0)
    assert rates.rate(3, 2000) == Decimal("0.2")  # 0.15 -> 0.2 (round(0.15, 1) == 0.1 in Python)
    assert rates.round_half_up(Fraction(-5, 100)) == Decimal("-0.1")


def test_zero_eligible_has_no_rate():
    assert rates.rate(0, 0) is None
    assert rates.growth(10, 0) is None


@given(st.integers(0, 10**9), st.integers(1, 10**9))
def test_rate_matches_decimal_half_up(part, whole):
    with localcontext() as context:
        context.prec = 60
        expected = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    assert rates.rate(part, whole) == expected


@given(st.integers(0, 10**6), st.integers(1, 10**6))
def test_printed_rate_always_agrees_with_its_counts(part, whole):
    printed = rates.rate(part, whole)
    assert rates.rate_agrees(float(printed), part, whole)
    assert not rates.rate_agrees(float(printed + Decimal("0.2")), part, whole)


def test_scheme_rate_row():
    row = rates.scheme_rate("voluntary", 1000, 130, 13.0, 100)
    assert (row.rate, row.stated_rate, row.rate_agrees, row.not_covered, row.growth) == (
        Decimal("13.0"), Decimal("13.0"), True, 870, Decimal("30.0"))
