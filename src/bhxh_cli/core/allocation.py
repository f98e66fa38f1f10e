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
    """The target cannot be split as asked. `key` and `values` say why, for the catalogs (the command layer
    words them, key "allocation.KEY"): needs_enrolled (scheme); enrolled_above_eligible (scheme, commune,
    enrolled, eligible); above_eligible (scheme, total, eligible); below_enrolled (scheme, total, enrolled,
    excess, holders: [(commune, enrolled)], the three most enrolled); headroom_decrease (scheme, total,
    enrolled, excess); headroom_short (scheme, increase, headroom)."""

    def __init__(self, key: str, **values):
        super().__init__(key, values)
        self.key, self.values = key, values

    def __str__(self) -> str:
        return f"{self.key}: {self.values}"


@dataclass(frozen=True)
class CommuneCounts:
    code: str
    name: str
    eligible: int
    enrolled: int | None  # people enrolled now, when the table gives them
    cap: int | None = None  # most people it can be given when not its weight (`eligible` is then the weight:
    # a scheme whose rate is of the labour force is weighted by it, and capped by the people eligible)


@dataclass(slots=True)  # not frozen: one is made per commune and scheme, and frozen ones are slower to make
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
    if basis not in BASES:  # a programming error: the command line offers only BASES
        raise ValueError(f"unknown basis {basis!r}; choose eligible or headroom")
    enrolled = [c.enrolled for c in communes]
    if basis == "headroom" or floor_enrolled:
        if any(e is None for e in enrolled):
            raise AllocationError("needs_enrolled", scheme=scheme)
        # the readers refuse such a row; a caller that did not is told which, not handed a negative headroom
        for c in communes:  # eligible people: the cap when one is given apart from the weight
            most = c.eligible if c.cap is None else c.cap
            if c.enrolled > most:
                raise AllocationError("enrolled_above_eligible", scheme=scheme, commune=_who(c), enrolled=c.enrolled,
                                      eligible=most)
    eligible = [c.eligible for c in communes]
    caps = [c.eligible if c.cap is None else c.cap for c in communes]
    if basis == "eligible":
        lower = enrolled if floor_enrolled else None
        try:
            method, seats, explanation = _split(total, eligible, method=method, lower=lower, upper=caps,
                                                reasons=reasons)
        except ValueError:
            why = _why(scheme, total, communes, floor_enrolled)
            if why is None:
                raise
            raise why from None
        base = [0] * len(communes)
    else:
        now = sum(enrolled)
        increase = total - now
        if increase < 0:
            # The advice is --basis eligible --no-floor (the floor is as impossible here), and it works: no
            # commune has more enrolled than eligible (checked above), so the eligible people suffice.
            raise AllocationError("headroom_decrease", scheme=scheme, total=total, enrolled=now, excess=-increase)
        headroom = [c - n for c, n in zip(caps, enrolled)]
        try:
            method, seats, explanation = _split(increase, headroom, method=method, upper=headroom, reasons=reasons)
        except ValueError:
            # every headroom is 0 or more (checked above) and caps its own share: only too small a sum fails
            raise AllocationError("headroom_short", scheme=scheme, increase=increase, headroom=sum(headroom)) from None
        base = enrolled
    # Each commune is capped by its weight (eligible, or not yet covered), and a share in proportion to the
    # weights never exceeds it: no bound but the floor (enrolled now) can decide a commune's target, unless a
    # cap separate from the weight (eligible people under a labour-force weight) holds it.
    if explanation is None:  # the common case, once per commune: no reasons to carry
        rows = [Allocation(commune.code, commune.name, scheme, commune.eligible, commune.enrolled, start + won,
                           rate(start + won, commune.eligible), None, None, None, None, False)
                for commune, won, start in zip(communes, seats, base)]
    else:
        rows = []
        for commune, won, start, unit in zip(communes, seats, base, explanation.units):
            target = start + won
            rows.append(Allocation(
                code=commune.code, name=commune.name, scheme=scheme, eligible=commune.eligible,
                enrolled=commune.enrolled, target=target, rate=rate(target, commune.eligible), quota=unit.quota,
                remainder=unit.remainder, priority=unit.last_priority,
                bound="enrolled" if unit.bound == "lower" else "eligible" if unit.bound == "upper" else None,
                tie=unit.tie))
    return SchemeAllocation(scheme, total, method, basis, explanation and explanation.rate, rows,
                            floor=basis == "eligible" and floor_enrolled)


def _why(scheme: str, total: int, communes: list[CommuneCounts], floor_enrolled: bool) -> AllocationError | None:
    """Why the eligible basis failed. With every commune's enrolment at most its eligible people (checked
    before), the split fails only when the eligible people are too few or the floors too many; anything
    else is a bug (None: the split's own error is raised as it is)."""
    # a unit of weight 0 (no labour force) gets nothing whatever its cap: only the others' caps can be reached
    eligible = sum(c.eligible if c.cap is None else c.cap for c in communes if c.eligible > 0)
    if eligible < total:
        return AllocationError("above_eligible", scheme=scheme, total=total, eligible=eligible)
    now = sum(c.enrolled or 0 for c in communes)
    if floor_enrolled and now > total:
        most = sorted(communes, key=lambda c: -(c.enrolled or 0))[:3]
        return AllocationError("below_enrolled", scheme=scheme, total=total, enrolled=now, excess=now - total,
                               holders=[(_who(c), c.enrolled) for c in most])
    return None


def _who(commune: CommuneCounts) -> str:
    return f"{commune.code} ({commune.name})" if commune.code else commune.name
