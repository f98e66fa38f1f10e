"""A validated plan, version 1 or 2, as the computations see it (core/area.py): one shape for both, so that
a v1 file keeps meaning exactly what it meant. v1's `enrolled` of a scheme is its target; a v1 commune's
`baseline` is its participants now (v2's `enrolled`), the district's is last year's (v2's `baseline`)."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from bhxh_cli.core.area import AreaPlan, AreaUnit, Figures, OtherTarget
from bhxh_cli.core.schemes import SCHEME_BY_KEY
from bhxh_cli.plan.upgrade import kind_from_name
from bhxh_cli.plan.v2_rules import denominator_of, scheme_items, target_count

if TYPE_CHECKING:  # the models import pydantic, which a clean plan is read without (plan/plain.py, plain_v2.py)
    from bhxh_cli.plan import v2
    from bhxh_cli.plan.models import Plan


def _v1_figures(counts) -> Figures:
    return Figures(target=counts.enrolled, eligible=counts.eligible, baseline=counts.baseline,
                   stated_rate=counts.rate)


def from_v1(plan: Plan) -> AreaPlan:
    info = plan.plan
    units = [AreaUnit(c.code, c.name, kind_from_name(c.name),
                      {s: Figures(target=f.enrolled, eligible=f.eligible, enrolled=f.baseline, stated_rate=f.rate)
                       for s, f in c.items()})
             for c in plan.communes or []]
    return AreaPlan(1, info.number, info.area, info.year, {s: _v1_figures(f) for s, f in plan.schemes.items()},
                    units, info.title, info.issuer, None, None, info.issued, tuple(info.implements or ()),
                    info.report_due)


def _rate(value: float | None) -> Fraction | None:
    return None if value is None else Fraction(str(value))


def _v2_figures(scheme: str, figures: v2.SchemeFigures) -> Figures:
    target = figures.target
    denominator = figures.denominator or SCHEME_BY_KEY[scheme].denominator
    if target is None or type(target) is int:  # most units of a large plan: a count, or no target
        if not figures.other_targets and figures.schedule is None:
            return Figures(target, denominator, figures.eligible, figures.labour_force, figures.population,
                           figures.baseline, figures.enrolled, None, False, figures.rate)
    stated = target if target is not None and type(target) is not int else None  # a Target, model or twin
    others = tuple(OtherTarget(target_count(scheme, figures, other), _rate(other.rate),
                               denominator_of(scheme, figures, other), other.minimum, other.document)
                   for other in figures.other_targets or [])
    return Figures(
        target=target_count(scheme, figures), denominator=denominator,
        eligible=figures.eligible, labour_force=figures.labour_force, population=figures.population,
        baseline=figures.baseline, enrolled=figures.enrolled,
        target_rate=_rate(stated.rate) if stated is not None else None,
        minimum=stated.minimum if stated is not None else False, stated_rate=figures.rate,
        document=stated.document if stated is not None else None, others=others,
        schedule=tuple(figures.schedule) if figures.schedule is not None else None)


def _v2_schemes(schemes) -> dict[str, Figures]:
    return {key: _v2_figures(key, figures) for key, figures in scheme_items(schemes)}


def from_v2(plan: v2.PlanV2) -> AreaPlan:
    """A version 2 plan, as its models or as plan/plain_v2.py's twins give it."""
    from bhxh_cli.sources import collector_paused

    info = plan.plan

    def unit(u: v2.Unit) -> AreaUnit:
        return AreaUnit(u.code, u.name, u.kind, _v2_schemes(u.schemes), [unit(c) for c in u.units or []])

    with collector_paused():  # a national plan's 45,000 units and figures, kept: no collection walks them
        return AreaPlan(2, info.number, info.area, info.year, _v2_schemes(plan.schemes),
                        [unit(u) for u in plan.units or []], info.title, info.issuer, info.kind, info.code,
                        info.issued, tuple(info.implements or ()), info.report_due)
