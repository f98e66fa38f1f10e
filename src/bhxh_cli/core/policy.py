"""Resolution 102/NQ-CP's floors, checked on exact (unrounded) rates. Pure: plain data in and out.

As summarised in DOMAIN.md: mandatory social insurance and unemployment insurance at least 90% of
eligible people by end-2019 and at least 95% by end-2020; voluntary social insurance growing 30-50%
a year over the previous year.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from bhxh_cli.core.rates import exact_rate, growth, plain_decimal, round_half_up

FLOORS = {2019: 90, 2020: 95}  # percent of eligible people, mandatory and unemployment
VOLUNTARY_GROWTH = (30, 50)  # percent a year


@dataclass(frozen=True)
class Finding:
    scheme: str
    field: str  # the count the finding is about: "enrolled" or "baseline"
    severity: str  # error | warning | note
    rule: str
    message: str


def floor_for(year: int) -> tuple[int | None, str]:
    """The floor that applies to a plan year, and how it was chosen."""
    if year in FLOORS:
        return FLOORS[year], f"for {year}"
    if year > max(FLOORS):
        last = max(FLOORS)
        return FLOORS[last], f"for {last}, the last year it sets (applied to {year})"
    return None, ""


def nq102(year: int, schemes: list[tuple[str, int, int, int | None]]) -> list[Finding]:
    """Findings for (scheme, eligible, enrolled, baseline) rows of a plan for `year`."""
    findings = []
    floor, which = floor_for(year)
    for scheme, eligible, enrolled, baseline in schemes:
        if scheme in ("mandatory", "unemployment"):
            if floor is None:
                findings.append(Finding(scheme, "enrolled", "note", "nq102-floor",
                                        f"102/NQ-CP sets floors from 2019 on; none to check for {year}"))
                continue
            exact = exact_rate(enrolled, eligible)
            if exact is None or exact >= floor:
                continue
            needed = -(-floor * eligible // 100) - enrolled  # ceiling: people still needed to reach it
            shown = plain_decimal(exact)
            rounding = (f"; it prints as {shown}% only after rounding"
                        if round_half_up(exact) >= floor else "")
            findings.append(Finding(
                scheme, "enrolled", "error", "nq102-floor",
                f"{enrolled}/{eligible} = {plain_decimal(exact, 3)}% is below the {floor}% floor that "
                f"Resolution 102/NQ-CP sets {which}{rounding}; {needed} more enrolled would meet it"))
        elif scheme == "voluntary":
            low, high = VOLUNTARY_GROWTH
            if baseline is None:
                findings.append(Finding(scheme, "enrolled", "note", "nq102-growth",
                                        f"no baseline (participants at the end of {year - 1}) is given, so "
                                        f"the {low}-{high}% growth of 102/NQ-CP cannot be checked; add baseline"))
                continue
            grown = growth(enrolled, baseline)
            if grown is None:
                findings.append(Finding(scheme, "baseline", "note", "nq102-growth",
                                        "the baseline is 0, so growth over it cannot be computed"))
            elif grown < low:
                findings.append(Finding(scheme, "enrolled", "error", "nq102-growth",
                                        f"growth {baseline} -> {enrolled} is {plain_decimal(grown, 3)}%, below "
                                        f"the {low}% a year that Resolution 102/NQ-CP asks; "
                                        f"{_people_for(baseline, low) - enrolled} more enrolled would meet it"))
            elif grown > high:
                findings.append(Finding(scheme, "enrolled", "warning", "nq102-growth",
                                        f"growth {baseline} -> {enrolled} is {plain_decimal(grown, 3)}%, above "
                                        f"the {low}-{high}% range of Resolution 102/NQ-CP; check the baseline"))
    return findings


def _people_for(baseline: int, percent: int) -> int:
    target = Fraction(baseline * (100 + percent), 100)
    return -(-target.numerator // target.denominator)
