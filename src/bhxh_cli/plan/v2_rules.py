"""The rules of a version 2 plan that need more than one value, and what its targets mean: plain functions
over a plan as the models give it (plan/v2.py) or as plan/plain_v2.py's twins give it, so that a clean plan is
read and checked without importing pydantic. The rules across the tree (unique codes, each level adding up to
its parent) need the whole plan, as `commune_problems` does for version 1.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from bhxh_cli.core import rates
from bhxh_cli.core.names import name_key, normalized_name
from bhxh_cli.core.schemes import SCHEME_BY_KEY
from bhxh_cli.core.targets import people_for_rate
from bhxh_cli.messages import has, tr
from bhxh_cli.plan.loading import Path, format_path

if TYPE_CHECKING:  # or the models of plan/v2.py: the same attributes
    from bhxh_cli.plan.plain_v2 import PlanV2, SchemeFigures, Target


# -- what a target means ------------------------------------------------------------------------------

def denominator_of(scheme: str, figures: SchemeFigures, target: Target | None = None) -> str:
    """The count a rate of this scheme is of: the target's own `of`, the figures' `denominator`, or the
    scheme's default."""
    if target is not None and target.of is not None:
        return target.of
    return figures.denominator or SCHEME_BY_KEY[scheme].denominator


def target_count(scheme: str, figures: SchemeFigures, target: int | Target | None = None) -> int | None:
    """The target as a whole number of people: a count as it is, a rate as the smallest count that reaches it
    (ceiling), an increase added to the baseline; None when a count it needs is missing."""
    target = figures.target if target is None else target
    if target is None or isinstance(target, int):
        return target
    if target.count is not None:
        return target.count
    if target.increase is not None:
        return None if figures.baseline is None else figures.baseline + target.increase
    denominator = getattr(figures, denominator_of(scheme, figures, target))
    return None if denominator is None else people_for_rate(Fraction(str(target.rate)), denominator)


# -- rules across the tree --------------------------------------------------------------------------

def scheme_items(schemes) -> list[tuple[str, SchemeFigures]]:
    """(scheme, figures) for the schemes a set gives, in the scheme table's order (the order of its fields)."""
    return [(key, figures) for key, figures in schemes.__dict__.items() if figures is not None]


def _figure_problems(where: Path, scheme: str, figures: SchemeFigures) -> list[tuple[Path, str, str]]:
    """The rules within one scheme's figures that need more than one field."""
    problems = []
    here = where + (scheme,)
    target = figures.target
    if (target is None or type(target) is int) and figures.rate is None and not figures.other_targets:
        # most units of a large plan: counts and a count target (or none); the same rules, in the same order
        # the smallest count given caps everything: the exact finding is looked for only past it
        low, labour, population = figures.eligible, figures.labour_force, figures.population
        if labour is not None and (low is None or labour < low):
            low = labour
        if population is not None and (low is None or population < low):
            low = population
        declared = figures.denominator
        if declared is not None and getattr(figures, declared) is None:
            problems += _declared_problems(here, figures)
        if low is not None:
            enrolled, baseline = figures.enrolled, figures.baseline
            if (enrolled is not None and enrolled > low) or (baseline is not None and baseline > low):
                problems += _participant_problems(here, figures)
        if target is not None:
            if target < 0:
                return problems + [(here + ("target",), tr("v2.negative_target", count=target), "negative-count")]
            if low is not None and target > low:
                problems += _target_above(here + ("target",), target, declared or SCHEME_BY_KEY[scheme].denominator,
                                          figures)
        return problems
    denominator = denominator_of(scheme, figures)
    problems += _declared_problems(here, figures) + _participant_problems(here, figures)
    targets = [("target", figures.target)] + [(("other_targets", i), t)
                                              for i, t in enumerate(figures.other_targets or [])]
    for place, target in targets:
        if target is None:
            continue
        path = here + (place if isinstance(place, tuple) else (place,))
        if type(target) is not int:  # a Target (a model or its twin)
            needs = denominator_of(scheme, figures, target) if target.rate is not None else (
                "baseline" if target.increase is not None else None)
            if needs and getattr(figures, needs) is None:
                if target.of is None and needs == figures.denominator:
                    continue  # the declared denominator is missing: said once, at `denominator:`
                form = "rate" if target.rate is not None else "increase"
                problems.append((path, tr(f"v2.missing_denominator.{form}", needs=needs), "missing-denominator"))
                continue
        count = target_count(scheme, figures, target)
        if count is None:
            continue
        if count < 0:
            problems.append((path, tr("v2.negative_target", count=count), "negative-count"))
            continue
        limit_name = denominator if type(target) is int else denominator_of(scheme, figures, target)
        problems += _target_above(path, count, limit_name, figures)
        if place == "target" and figures.rate is not None:
            whole = getattr(figures, denominator)
            if whole is not None:
                if whole == 0:
                    problems.append((here + ("rate",), tr("v2.rate_without_denominator", rate=figures.rate, denominator=denominator), "rate-mismatch"))
                elif not rates.rate_agrees(figures.rate, count, whole):
                    exact = rates.exact_rate(count, whole)
                    problems.append((here + ("rate",), tr("v2.rate_mismatch", rate=figures.rate, denominator=denominator, count=count, whole=whole,
                                        exact=rates.plain_decimal(exact, 3), rounded=rates.plain_decimal(exact)), "rate-mismatch"))
    return problems


# The counts a scheme can give: none of them can be exceeded by the people taking part, nor by a target
# (eligible is who can take part at all; a rate of the labour force can still come to more than that).
_COUNTS = ("eligible", "labour_force", "population")


def _declared_problems(here: Path, figures: SchemeFigures) -> list[tuple[Path, str, str]]:
    """A `denominator:` the figures declare but do not give: every rate of the scheme would be of nothing."""
    declared = figures.denominator
    if declared is None or getattr(figures, declared) is not None:
        return []
    return [(here + ("denominator",), tr("v2.missing_denominator.declared", needs=declared), "missing-denominator")]


def _participant_problems(here: Path, figures: SchemeFigures) -> list[tuple[Path, str, str]]:
    """Participants now and last year against each count given: one finding a value, the first count it exceeds."""
    problems = []
    for name in ("enrolled", "baseline"):
        value = getattr(figures, name)
        if value is None:
            continue
        for count in _COUNTS:
            limit = getattr(figures, count)
            if limit is not None and value > limit:
                message = (tr("v2.above_eligible", value=value, eligible=limit) if count == "eligible" else
                           tr("v2.above_count", count=value, limit=limit, cap=tr(f"v2.cap.{count}")))
                problems.append((here + (name,), message, f"{name}-above-{count.replace('_', '-')}"))
                break
    return problems


def _target_above(path: Path, count: int, denominator: str, figures: SchemeFigures) -> list[tuple[Path, str, str]]:
    """A target in people above its denominator, or else above another count the scheme gives."""
    limit = getattr(figures, denominator)
    if limit is not None and count > limit:
        return [(path, tr("v2.target_above", count=count, limit=limit, denominator=_denominator_words(denominator)),
                 "target-above-denominator")]
    for other in _COUNTS:
        limit = getattr(figures, other)
        if other != denominator and limit is not None and count > limit:
            return [(path, tr("v2.target_above_count", count=count, limit=limit, cap=tr(f"v2.cap.{other}")),
                     f"target-above-{other.replace('_', '-')}")]
    return []


_SUMMED = ("eligible", "labour_force", "population", "baseline", "enrolled")


def _sum_problems(where: Path, owner: str, scheme: str, figures: SchemeFigures,
                  children: list[Unit]) -> list[tuple[Path, str, str]]:
    """A parent's counts against the sums of its children's, where every child gives the count."""
    problems = []
    below = [getattr(child.schemes, scheme) for child in children]
    if any(f is None for f in below):
        return problems  # reported as missing-scheme on the child
    for name in _SUMMED:
        own = getattr(figures, name)
        if own is None:
            continue
        total = 0
        for child in below:
            value = getattr(child, name)
            if value is None:
                break
            total += value
        else:
            if total == own:
                continue
            diff = total - own
            problems.append((where + (scheme, name), tr(f"v2.sum_mismatch.{'more' if diff > 0 else 'fewer'}", owner=owner, field=name, total=total,
                                difference=abs(diff), own=own), "sum-mismatch"))
    own = target_count(scheme, figures)
    values = [target_count(scheme, f) for f in below] if own is not None else []
    if own is not None and all(v is not None for v in values):
        total = sum(values)
        exact = isinstance(figures.target, int) and all(isinstance(f.target, int) for f in below)
        if exact and total != own:
            diff = total - own
            problems.append((where + (scheme, "target"), tr(f"v2.sum_mismatch.{'more' if diff > 0 else 'fewer'}", owner=owner, field=tr("v2.targets"), total=total,
                                difference=abs(diff), own=own), "sum-mismatch"))
        elif not exact and total < own:
            problems.append((where + (scheme, "target"), tr("v2.sum_below_target", owner=owner, total=total, difference=own - total, own=own), "sum-below-target"))
    return problems


def tree_problems(plan: PlanV2) -> list[tuple[Path, str, str]]:
    """Rules across the tree: every unit's figures, codes unique in the plan, names unique among siblings,
    each child with each of its parent's schemes and none other, and each level adding up to its parent."""
    problems: list[tuple[Path, str, str]] = []
    for scheme, figures in scheme_items(plan.schemes):
        problems += _figure_problems(("schemes",), scheme, figures)
    codes: dict[str, Path] = {}
    # (the parent's path to its schemes, its name, its schemes, its units' path, its units)
    stack = [(("schemes",), plan.plan.area, plan.schemes, ("units",), plan.units or [])]
    while stack:  # iterative: a deep tree must not reach the recursion limit
        schemes_path, owner, schemes, units_path, units = stack.pop()
        parent_schemes = dict(scheme_items(schemes))
        names: dict[str, list[int]] = {}  # name_key -> the siblings' indices
        for index, unit in enumerate(units):
            where = units_path + (index,)
            if unit.code is not None:
                first = codes.setdefault(unit.code, where)
                if first != where:
                    problems.append((where + ("code",), tr("v2.duplicate_code", code=unit.code, first=format_path(first)), "duplicate-code"))
            # names are one when their normalized_name is; name_key (cheaper) is one then too, so only
            # siblings that share it are compared
            alike = names.setdefault(name_key(unit.name), [])
            if alike:
                normalized = normalized_name(unit.name)
                first_index = next((i for i in alike if normalized_name(units[i].name) == normalized), None)
                if first_index is not None:
                    problems.append((where + ("name",), tr("v2.duplicate_name", name=unit.name, first=format_path(units_path + (first_index,))),
                                     "duplicate-name"))
            alike.append(index)
            own = dict(scheme_items(unit.schemes))
            for scheme in parent_schemes:
                if scheme not in own:
                    problems.append((where + ("schemes",), tr("v2.missing_scheme", unit=unit.name, scheme=tr(f"scheme.{scheme}") if has(f"scheme.{scheme}") else scheme,
                                        owner=owner), "missing-scheme"))
            for scheme, figures in own.items():
                if scheme not in parent_schemes:
                    problems.append((where + ("schemes", scheme), tr("v2.unknown_scheme", owner=owner, scheme=scheme), "unknown-scheme"))
                problems += _figure_problems(where + ("schemes",), scheme, figures)
            if unit.units:
                stack.append((where + ("schemes",), unit.name, unit.schemes, where + ("units",), unit.units))
        if units:
            for scheme, figures in parent_schemes.items():
                problems += _sum_problems(schemes_path, owner, scheme, figures, units)
    return problems



def _denominator_words(name: str) -> str:
    """eligible, labour_force, population as a person reads them, in the language of the run."""
    from bhxh_cli import i18n
    from bhxh_cli.messages import language

    return i18n.label(f"denominator.{name}", language())
