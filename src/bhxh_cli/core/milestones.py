"""Yearly milestones from a baseline year's count to an end-year target (Resolution 403/NQ-CP sets 2030
targets; the yearly path is the province's to set). Pure: integers in, integers out, no float anywhere.

Every milestone is a whole number of people rounded half-up, and the last one is the target exactly.

- linear: baseline + (target - baseline) x k / n in year k of n: a Fraction, rounded half-up.
- growth: a constant yearly growth rate, so year k is baseline x (target / baseline)^(k/n). That is
  the n-th root of the integer N = baseline^(n-k) x target^k, irrational in general. Half-up rounding
  of x = N^(1/n) is floor(x + 1/2) = floor((floor(2x) + 1) / 2), and floor(2x) is the integer n-th
  root of 2^n x N, computed exactly with integer Newton steps: no precision to choose. (The n-th root
  of an integer is an integer or irrational, so a growth milestone is never an exact half.)
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

__all__ = ["METHODS", "Milestone", "milestones", "integer_root", "growth_rate"]

METHODS = ("linear", "growth")


@dataclass(frozen=True)
class Milestone:
    year: int
    target: int


def integer_root(value: int, n: int) -> int:
    """The largest integer r with r^n <= value (value >= 0, n >= 1), by integer Newton steps."""
    if value < 0 or n < 1:  # a programming error (milestones() passes counts >= 1 and years >= 1)
        raise ValueError(f"integer_root needs value >= 0 and n >= 1, not value={value}, n={n}")
    if value < 2 or n == 1:
        return value
    # start above the root (2^ceil(bits/n) > value^(1/n)); Newton's steps then fall monotonically to it
    root = 1 << -(-value.bit_length() // n)
    while True:
        smaller = ((n - 1) * root + value // root ** (n - 1)) // n
        if smaller >= root:
            return root
        root = smaller


def _half_up(value: Fraction) -> int:
    return (2 * value.numerator + value.denominator) // (2 * value.denominator)  # floor(value + 1/2)


def _check(baseline: int, target: int, years: int, method: str) -> None:
    # Arguments a caller must get right, in English for the programmer: no user reaches these, since
    # commands/milestones.py (read_options) refuses every such command line first, in the catalog's words.
    for name, count in (("baseline", baseline), ("target", target), ("years", years)):
        if not isinstance(count, int) or isinstance(count, bool):
            raise TypeError(f"{name} must be an int, not {type(count).__name__}")
    if baseline < 0 or target < 0:
        raise ValueError(f"counts cannot be negative (baseline {baseline}, target {target})")
    if years < 1:
        raise ValueError(f"the target must be at least one year after the baseline, not {years}")
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; choose linear or growth")
    if method == "growth" and (baseline == 0 or target == 0):
        raise ValueError("a constant growth rate needs a baseline and a target above 0")


def milestone_value(baseline: int, target: int, years: int, year: int, method: str = "linear") -> int:
    """The count `year` years after the baseline year (0 <= year <= years), rounded half-up."""
    _check(baseline, target, years, method)
    if not 0 <= year <= years:  # a programming error: milestones() asks only for the years in between
        raise ValueError(f"year {year} is outside 0..{years}")
    if method == "linear":
        return _half_up(baseline + Fraction((target - baseline) * year, years))
    power = baseline ** (years - year) * target ** year
    return (integer_root(power << years, years) + 1) // 2  # floor(2x) = root of 2^n N; then floor((.. + 1) / 2)


def milestones(baseline_year: int, baseline: int, target_year: int, target: int,
               method: str = "linear") -> list[Milestone]:
    """One milestone per year after the baseline year, up to and including the target year."""
    years = target_year - baseline_year
    _check(baseline, target, years, method)
    return [Milestone(baseline_year + k, milestone_value(baseline, target, years, k, method))
            for k in range(1, years + 1)]


def growth_rate(baseline: int, target: int, years: int, places: int = 1) -> Decimal:
    """The constant yearly growth, in percent, (target / baseline)^(1/years) - 1, rounded half-up to
    `places` decimals (halves away from zero), exactly: the factor's digits are an integer root."""
    _check(baseline, target, years, "growth")
    scale = 100 * 10**places  # the factor in these units: 100% = scale
    # floor(2 x scale x factor) = integer n-th root of floor(2^n scale^n target / baseline): the floor of
    # a real n-th root depends only on the floor of what is under the root
    twice = integer_root((target << years) * scale**years // baseline, years)
    if twice >= 2 * scale:  # no fall: floor(g + 1/2) with g = twice/2 - scale, and floor(twice) suffices
        units = (twice - 2 * scale + 1) // 2
    else:  # a fall: |g| rounds half-up, which needs the ceiling of 2 x scale x factor
        exact = twice ** years * baseline == (target << years) * scale**years
        ceiling = twice if exact else twice + 1
        units = -((2 * scale + 1 - ceiling) // 2)
    return Decimal(units).scaleb(-places)
