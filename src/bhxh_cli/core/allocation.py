"""Splitting one scheme's district target among communes. Pure: plain data in, plain data out.

Basis `eligible`: targets in proportion to each commune's eligible people, never above them, and (with
the floor, the default when enrolment is known) never below the people enrolled now. Basis `headroom`: the district's increase over what the
communes have now is split in proportion to each commune's people not yet covered (eligible - enrolled),
capped by them, and added to what it has now.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from bhxh_cli.core.apportion import Explanation, apportion, canonical_method, explain
from bhxh_cli.core.rates import rate

BASES = ("eligible", "headroom")


class AllocationError(ValueError):
    """The target cannot be split as asked; the message says why, in the user's terms."""


@dataclass(frozen=True)
class CommuneCounts:
    code: str
    name: str
    eligible: int
    enrolled: int | None  # people enrolled now, when the table gives them
    cap: int | None = None  # most people it can be given when not its weight (`eligible` is then the weight:
    # a scheme whose rate is of the labour force is weighted by it, and capped by the people eligible)


@dataclass(frozen=True)
class Allocation:
    code: str
    name: str
    scheme: str
    eligible: int
    enrolled: int | None
    target: int
    rate: Decimal | None  # target / eligible, one decimal, half-up
    quota: Fraction | Decimal | None  # the exact share before rounding (of the increase, for basis headroom)
    remainder: Fraction | None  # Hamilton: the fractional part that ranked it
    priority: Fraction | Decimal | None  # divisor methods: the priority of its last unit
    bound: str | None  # "enrolled" (floored) or None
    tie: bool


@dataclass(frozen=True)
class SchemeAllocation:
    scheme: str
    total: int
    method: str
    basis: str
    rate: Fraction | Decimal | None  # the common rate: target per eligible person (or per uncovered person)
    rows: list[Allocation]
    floor: bool = False  # no commune below its enrolment now


def _split(total: int, weights: list[int], *, method: str, lower=None, upper=None,
           reasons: bool) -> tuple[str, list[int], Explanation | None]:
    """(method, seats, explanation): the explanation only when asked (it costs more than the split itself)."""
    if reasons:
        explanation = explain(total, weights, method=method, lower=lower, upper=upper)
        return explanation.method, [unit.seats for unit in explanation.units], explanation
    return canonical_method(method), apportion(total, weights, method=method, lower=lower, upper=upper), None


def allocate(scheme: str, total: int, communes: list[CommuneCounts], *, method: str, basis: str = "eligible",
             floor_enrolled: bool = False, reasons: bool = False) -> SchemeAllocation:
    """Split `total` among `communes`; with `reasons`, each row carries its quota, remainder, bound and tie."""
    if basis not in BASES:
        raise ValueError(f"unknown basis {basis!r}; choose eligible or headroom")
    enrolled = [c.enrolled for c in communes]
    if (basis == "headroom" or floor_enrolled) and any(e is None for e in enrolled):
        raise AllocationError(f"{scheme}: the people enrolled now are needed for this (column {scheme}_enrolled)")
    eligible = [c.eligible for c in communes]
    caps = [c.eligible if c.cap is None else c.cap for c in communes]
    if basis == "eligible":
        lower = enrolled if floor_enrolled else None
        try:
            method, seats, explanation = _split(total, eligible, method=method, lower=lower, upper=caps,
                                                reasons=reasons)
        except ValueError as error:
            raise AllocationError(_why(scheme, total, communes, floor_enrolled, error)) from None
        base = [0] * len(communes)
    else:
        now = sum(enrolled)
        increase = total - now
        if increase < 0:
            # Only suggest what would work: --basis eligible keeps communes at their enrolment by default,
            # which is as impossible here; without the floor it works when the eligible people suffice.
            other = ("--basis eligible --no-floor" if sum(eligible) >= total
                     else "check the numbers: the communes' eligible people add up to less than the target")
            raise AllocationError(f"{scheme}: the communes have {now} enrolled now, {-increase} more than the "
                                  f"district's target {total}; basis headroom only splits an increase "
                                  f"(use {other})")
        headroom = [c - n for c, n in zip(caps, enrolled)]
        try:
            method, seats, explanation = _split(increase, headroom, method=method, upper=headroom, reasons=reasons)
        except ValueError as error:
            raise AllocationError(f"{scheme}: cannot add {increase} to what the communes have now: their "
                                  f"people not yet covered add up to {sum(headroom)} ({error})") from None
        base = enrolled
    # Each commune is capped by its weight (eligible, or not yet covered), and a share in proportion to the
    # weights never exceeds it: no bound but the floor (enrolled now) can decide a commune's target, unless a
    # cap separate from the weight (eligible people under a labour-force weight) holds it.
    units = explanation.units if explanation is not None else [None] * len(communes)
    rows = []
    for commune, won, start, unit in zip(communes, seats, base, units):
        target = start + won
        rows.append(Allocation(
            code=commune.code, name=commune.name, scheme=scheme, eligible=commune.eligible,
            enrolled=commune.enrolled, target=target, rate=rate(target, commune.eligible),
            quota=unit and unit.quota, remainder=unit and unit.remainder, priority=unit and unit.last_priority,
            bound="enrolled" if unit and unit.bound == "lower" else "eligible" if unit and unit.bound == "upper" else None, tie=bool(unit and unit.tie)))
    return SchemeAllocation(scheme, total, method, basis, explanation and explanation.rate, rows,
                            floor=basis == "eligible" and floor_enrolled)


def _why(scheme: str, total: int, communes: list[CommuneCounts], floor_enrolled: bool, error: ValueError) -> str:
    eligible = sum(c.eligible if c.cap is None else c.cap for c in communes)
    if eligible < total:
        return (f"{scheme}: cannot split the target {total}: the communes' eligible people add up to only "
                f"{eligible}, and no commune can be given more than it has eligible")
    if floor_enrolled:
        now = sum(c.enrolled or 0 for c in communes)
        if now > total:
            most = sorted(communes, key=lambda c: -(c.enrolled or 0))[:3]
            holders = ", ".join(f"{_who(c)}: {c.enrolled}" for c in most)
            return (f"{scheme}: cannot keep every commune at or above its enrolment now: the communes have {now} "
                    f"enrolled now, {now - total} more than the district's target {total} (most enrolled: "
                    f"{holders}); correct the enrolment or the target, or pass --no-floor to split without "
                    f"keeping them")
    return f"{scheme}: cannot split the target {total}: {error}"


def _who(commune: CommuneCounts) -> str:
    return f"{commune.code} ({commune.name})" if commune.code else commune.name
