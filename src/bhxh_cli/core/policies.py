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
    """What a policy finds, as a message key ("policy.<key>") and its values: the command layer words it in
    the language of the run (the core has no words of its own)."""

    scheme: str
    field: str  # the figure the finding is about: "enrolled" (the target) or "baseline"
    severity: str  # error | warning | note
    rule: str
    key: str
    values: dict = field(default_factory=dict)


def floor_for(floor: Floor, year: int) -> tuple[Fraction | None, tuple[str, int] | None]:
    """The floor that applies to a plan year, and how it was chosen: ("year", year) when the policy names
    the year, ("last", y) the last year it names, ("latest", y) the latest year before it that it names."""
    if year in floor.percent:
        return floor.percent[year], ("year", year)
    earlier = [y for y in floor.percent if y < year]
    if not earlier or not floor.later_years:
        return None, None
    last = max(earlier)
    return floor.percent[last], ("last" if last == max(floor.percent) else "latest", last)


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
        return [Finding(first, "enrolled", "note", rule, "floor.not_yet",
                        dict(document=policy.document, first=named, year=year))]
    # the count a summed floor is of (the area's labour force) is one number: given on any of its schemes it is
    # given, and where two give it they must agree; the labour force and the population are the area's, so a
    # plan that gives them on another scheme gives them for this one too (eligible people are each scheme's own)
    wholes = {getattr(figures[s], floor.of) for s in floor.schemes} - {None}
    if not wholes and floor.of != "eligible":
        wholes = {getattr(f, floor.of) for f in figures.values()} - {None}
    if not wholes:
        return [Finding(first, "enrolled", "note", rule, "floor.no_count", dict(document=policy.document, of=floor.of))]
    if len(wholes) != 1:
        return [Finding(first, floor.of, "error", rule, "floor.counts_differ",
                        dict(schemes=", ".join(floor.schemes), of=floor.of,
                             counts=", ".join(str(w) for w in sorted(wholes))))]
    whole = wholes.pop()
    target = sum(figures[s].target for s in floor.schemes)
    exact = exact_rate(target, whole)
    if exact is None or exact >= percent:
        return []
    needed = -((-percent * whole / 100).numerator // (percent * whole / 100).denominator) - target
    printed = plain_decimal(exact) if round_half_up(exact) >= percent else None  # at the floor only once rounded
    return [Finding(first, "enrolled", "error", rule, "floor.below",
                    dict(target=target, whole=whole, exact=plain_decimal(exact, 3), of=floor.of,
                         schemes=floor.schemes, percent=_percent(percent), document=policy.document, which=which,
                         year=year, printed=printed, needed=needed))]


def _growth(policy: Policy, rule_data: Growth, year: int, figures: dict[str, Figures]) -> list[Finding]:
    scheme = rule_data.scheme
    if scheme not in figures:
        return []
    rule = f"{policy.name}-growth"
    low, high = rule_data.low, rule_data.high
    span = dict(low=_percent(low), high=_percent(high) if high is not None else None)
    baseline, target = figures[scheme].baseline, figures[scheme].target
    if baseline is None:
        return [Finding(scheme, "enrolled", "note", rule, "growth.no_baseline",
                        dict(span, year=year - 1, document=policy.document))]
    grown = growth(target, baseline)
    if grown is None:
        return [Finding(scheme, "baseline", "note", rule, "growth.zero_baseline")]
    if grown < low:
        needed = baseline * (100 + low) / 100
        more = -((-needed.numerator) // needed.denominator) - target
        return [Finding(scheme, "enrolled", "error", rule, "growth.low",
                        dict(baseline=baseline, target=target, growth=plain_decimal(grown, 3), low=_percent(low),
                             document=policy.document, needed=more))]
    if high is not None and grown > high:
        return [Finding(scheme, "enrolled", "warning", rule, "growth.high",
                        dict(span, baseline=baseline, target=target, growth=plain_decimal(grown, 3),
                             document=policy.document))]
    return []
