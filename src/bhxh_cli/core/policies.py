"""Policies as data: floors on rates and ranges of growth that a plan's targets must meet, checked on exact
(unrounded) rates. The policy itself is plain data (read from a bundled or a user's YAML file by the plan
layer); this module only evaluates it. Pure: plain data in, plain data out.

A floor names one scheme or several summed (Resolution 28-NQ/TW counts "social insurance" as mandatory and
voluntary together), the count its rate is of (eligible, labour_force, population) and a percentage per year;
a year the policy does not name takes the floor of the latest year before it that it names ("by 2025"
stays the floor in 2026), and years before the first are not checked. A growth range bounds a scheme's
target over its baseline (Resolution 102/NQ-CP: voluntary insurance 30-50% a year).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from bhxh_cli.core.area import Figures
from bhxh_cli.core.rates import exact_rate, growth, plain_decimal, round_half_up

DENOMINATOR_WORDS = {"eligible": "", "labour_force": " of the labour force", "population": " of the population"}


@dataclass(frozen=True)
class Floor:
    schemes: tuple[str, ...]  # summed when more than one
    of: str  # eligible | labour_force | population
    percent: dict[int, Fraction]  # year -> floor in percent
    later_years: bool = True  # a year after the last named one takes the last floor


@dataclass(frozen=True)
class Growth:
    scheme: str
    low: Fraction  # percent a year
    high: Fraction | None


@dataclass(frozen=True)
class Policy:
    name: str  # the rule names are <name>-floor and <name>-growth: stable, for CI scripts
    document: str  # as messages name it: "Resolution 102/NQ-CP"
    floors: list[Floor] = field(default_factory=list)
    growth: list[Growth] = field(default_factory=list)


@dataclass(frozen=True)
class Finding:
    scheme: str
    field: str  # the figure the finding is about: "enrolled" (the target) or "baseline"
    severity: str  # error | warning | note
    rule: str
    message: str


def floor_for(floor: Floor, year: int) -> tuple[Fraction | None, str]:
    """The floor that applies to a plan year, and how it was chosen."""
    if year in floor.percent:
        return floor.percent[year], f"for {year}"
    earlier = [y for y in floor.percent if y < year]
    if not earlier or not floor.later_years:
        return None, ""
    last = max(earlier)
    if last == max(floor.percent):
        return floor.percent[last], f"for {last}, the last year it sets (applied to {year})"
    return floor.percent[last], f"for {last}, the latest year before {year} that it sets"


def _percent(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else plain_decimal(value, 2).rstrip("0").rstrip(".")


def evaluate(policy: Policy, year: int, figures: dict[str, Figures]) -> list[Finding]:
    """The findings of a policy on a plan for `year` whose schemes have `figures`."""
    findings: list[Finding] = []
    for floor in policy.floors:
        findings += _floor(policy, floor, year, figures)
    for rule in policy.growth:
        findings += _growth(policy, rule, year, figures)
    return findings


def _floor(policy: Policy, floor: Floor, year: int, figures: dict[str, Figures]) -> list[Finding]:
    present = [s for s in floor.schemes if s in figures]
    if len(present) != len(floor.schemes):
        return []  # the plan does not set every scheme this floor sums: nothing to compare
    first = floor.schemes[0]
    percent, which = floor_for(floor, year)
    rule = f"{policy.name}-floor"
    if percent is None:
        named = min(floor.percent)
        return [Finding(first, "enrolled", "note", rule, f"{policy.document} sets floors from {named} on; none "
                        f"to check for {year}")]
    wholes = {getattr(figures[s], floor.of) for s in floor.schemes}
    if None in wholes:
        return [Finding(first, "enrolled", "note", rule, f"the floor of {policy.document} is a share of "
                        f"{floor.of.replace('_', ' ')}, which the plan does not give; add {floor.of} to check it")]
    if len(wholes) != 1:
        return [Finding(first, floor.of, "error", rule, f"the schemes {', '.join(floor.schemes)} give different "
                        f"{floor.of.replace('_', ' ')} counts ({', '.join(str(w) for w in sorted(wholes))}); "
                        f"they are one count of the area")]
    whole = wholes.pop()
    target = sum(figures[s].target for s in floor.schemes)
    exact = exact_rate(target, whole)
    if exact is None or exact >= percent:
        return []
    needed = -((-percent * whole / 100).numerator // (percent * whole / 100).denominator) - target
    rounding = (f"; it prints as {plain_decimal(exact)}% only after rounding"
                if round_half_up(exact) >= percent else "")
    summed = f" ({' + '.join(floor.schemes)})" if len(floor.schemes) > 1 else ""
    return [Finding(first, "enrolled", "error", rule,
                    f"{target}/{whole} = {plain_decimal(exact, 3)}%{DENOMINATOR_WORDS[floor.of]}{summed} is below "
                    f"the {_percent(percent)}% floor that {policy.document} sets {which}{rounding}; "
                    f"{needed} more enrolled would meet it")]


def _growth(policy: Policy, rule_data: Growth, year: int, figures: dict[str, Figures]) -> list[Finding]:
    scheme = rule_data.scheme
    if scheme not in figures:
        return []
    rule = f"{policy.name}-growth"
    low, high = rule_data.low, rule_data.high
    span = f"{_percent(low)}-{_percent(high)}%" if high is not None else f"at least {_percent(low)}%"
    baseline, target = figures[scheme].baseline, figures[scheme].target
    if baseline is None:
        return [Finding(scheme, "enrolled", "note", rule, f"no baseline (participants at the end of {year - 1}) "
                        f"is given, so the {span} growth of {policy.document} cannot be checked; add baseline")]
    grown = growth(target, baseline)
    if grown is None:
        return [Finding(scheme, "baseline", "note", rule, "the baseline is 0, so growth over it cannot be computed")]
    if grown < low:
        needed = baseline * (100 + low) / 100
        more = -((-needed.numerator) // needed.denominator) - target
        return [Finding(scheme, "enrolled", "error", rule,
                        f"growth {baseline} -> {target} is {plain_decimal(grown, 3)}%, below the {_percent(low)}% a "
                        f"year that {policy.document} asks; {more} more enrolled would meet it")]
    if high is not None and grown > high:
        return [Finding(scheme, "enrolled", "warning", rule,
                        f"growth {baseline} -> {target} is {plain_decimal(grown, 3)}%, above the {span} range of "
                        f"{policy.document}; check the baseline")]
    return []
