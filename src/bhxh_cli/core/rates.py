"""Participation rates with exact arithmetic.

A rate is participants / eligible x 100. Official tables print it with one decimal, rounding halves
up; Python's round() rounds halves to even on binary floats, so it is never used here. This module
is pure: integers, Fractions and Decimals in and out.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

# A stated rate agrees with the counts when it is within this many percentage points (one printed decimal).
AGREEMENT = Fraction(5, 100)


def exact_rate(part: int, whole: int) -> Fraction | None:
    """part / whole x 100, exactly; None when whole is 0 (no rate exists)."""
    if whole == 0:
        return None
    return Fraction(part * 100, whole)


def round_half_up(value: Fraction | Decimal | int, places: int = 1) -> Decimal:
    """Round to `places` decimals, halves away from zero, as Vietnamese official tables (and Excel) do."""
    if isinstance(value, Fraction):
        scale = 10**places
        scaled = abs(value) * scale
        units = (scaled.numerator * 2 + scaled.denominator) // (scaled.denominator * 2)
        result = Decimal(units).scaleb(-places)
        return -result if value < 0 else result
    return Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def rate(part: int, whole: int, places: int = 1) -> Decimal | None:
    """The rate as printed: part / whole x 100 rounded half-up to `places` decimals."""
    if whole == 0:
        return None
    scale = 100 * 10**places  # integers only: this runs once per commune and scheme
    units = (abs(part) * scale * 2 + whole) // (2 * whole)
    return Decimal(-units if part < 0 else units).scaleb(-places)


def as_fraction(number: float | int | Decimal) -> Fraction:
    """A stated decimal number (as written in a file) as an exact Fraction of its written digits."""
    if isinstance(number, float):
        number = Decimal(repr(number))  # repr gives the shortest digits that read back as this float
    return Fraction(number)


def rate_agrees(stated: float | int | Decimal, enrolled: int, eligible: int) -> bool:
    """Does a rate printed with one decimal agree with the counts (within +/-0.05 points)?"""
    exact = exact_rate(enrolled, eligible)
    if exact is None:
        return False
    return abs(as_fraction(stated) - exact) <= AGREEMENT


def growth(current: int, previous: int) -> Fraction | None:
    """Growth of current over previous, in percent, exactly; None when previous is 0."""
    if previous == 0:
        return None
    return Fraction((current - previous) * 100, previous)


def plain_decimal(value: Fraction | Decimal, places: int = 1) -> str:
    """A rate in plain machine form ("97.7"), rounded half-up."""
    return str(round_half_up(value, places))


@dataclass(frozen=True)
class SchemeRate:
    """One scheme's row of the rates table."""

    scheme: str
    eligible: int
    enrolled: int
    rate: Decimal | None  # rounded half-up to one decimal; None when eligible is 0
    stated_rate: Decimal | None
    rate_agrees: bool | None  # None when no rate is stated
    not_covered: int
    baseline: int | None
    growth: Decimal | None  # percent over baseline, one decimal


def scheme_rate(scheme: str, eligible: int, enrolled: int, stated: float | int | Decimal | None = None,
                baseline: int | None = None) -> SchemeRate:
    stated_decimal = None if stated is None else Decimal(repr(stated)) if isinstance(stated, float) else Decimal(stated)
    grown = None if baseline is None else growth(enrolled, baseline)
    return SchemeRate(
        scheme=scheme,
        eligible=eligible,
        enrolled=enrolled,
        rate=rate(enrolled, eligible),
        stated_rate=stated_decimal,
        rate_agrees=None if stated is None else rate_agrees(stated, enrolled, eligible),
        not_covered=eligible - enrolled,
        baseline=baseline,
        growth=None if grown is None else round_half_up(grown),
    )
