"""Targets as plans state them since 2025: a rate of a declared denominator (eligible people, the working-age
labour force or the population) turned into whole people; and health insurance's progress as a ratio of rates,
as offices report it. Pure: integers, Fractions and Decimals in and out."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from bhxh_cli.core.rates import round_half_up


def people_for_rate(percent: Decimal | Fraction | int, denominator: int) -> int:
    """The smallest whole number of people that reaches `percent` of `denominator` (a rate target turned
    into a count): ceiling(percent x denominator / 100), exactly. 95% of 14,361 is 13,643 (13,642.95 up)."""
    if denominator < 0:
        raise ValueError("a denominator is a number of people, 0 or more")
    share = Fraction(percent) * denominator / 100
    if share < 0:
        raise ValueError("a rate target is 0% or more")
    return -((-share.numerator) // share.denominator)


def share_of_target_rate(enrolled: int, denominator: int, target_percent: Decimal | Fraction | int,
                         places: int = 2) -> Decimal | None:
    """How far a unit is toward a rate target, as offices print it for health insurance: its rate over the
    target rate, in percent (88,25% coverage against a 95% target is 92,89% of target). Exact until the one
    half-up rounding; None when either rate does not exist (no population, a 0% target)."""
    if denominator == 0 or Fraction(target_percent) == 0:
        return None
    ratio = Fraction(enrolled * 100, denominator) / Fraction(target_percent) * 100
    return round_half_up(ratio, places)
