"""Splitting a target through the levels of an area in one run: a province's target to its districts and
each district's to its communes (before July 2025), or a province's straight to its communes and wards
(since), or through any groups in between. Pure: plain data in, plain data out.

Each parent is weighted, floored and capped by the sums of the communes under it, so a parent's target can
always be split among its own communes within their floors and caps, and every level adds up exactly: the
children's targets add up to their parent's, at every level, by construction (each split is exact). A unit
whose target the plan already gives keeps it; its siblings share what is left of their parent's.

Problems are raised with a stable key and values (TreeError, and the parent's name on an AllocationError):
the core has no catalogs, the command layer words them.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Any

from bhxh_cli.core.allocation import AllocationError, CommuneCounts, allocate
from bhxh_cli.core.apportion import apportion
from bhxh_cli.core.rates import rate

# The kinds of unit (as plans write them) and the level each stands at; a group's kind is its own level.
_LEVEL_OF_KIND = {"tỉnh": "province", "huyện": "district", "quận": "district", "thị xã": "district",
                  "thành phố": "district", "xã": "commune", "phường": "commune", "thị trấn": "commune",
                  "đặc khu": "commune", None: "commune"}


def level_of(kind: str | None) -> str:
    """The level a unit of this kind stands at: province, district, commune, or a group's own kind."""
    return _LEVEL_OF_KIND.get(kind, kind)  # type: ignore[arg-type]


@dataclass(slots=True)  # not frozen: a national plan makes 30,000 of each, and frozen init costs
class Unit:
    """A unit of the area's tree. Leaves (communes) carry counts; a parent's counts are the sums of the
    leaves under it, so they need not be given. `target`, when given, is kept as it is."""

    code: str
    name: str
    level: str  # "district", "commune", or a group's kind
    parent: str | None  # the parent's code; None under the area itself
    eligible: int | None = None  # the weight: the count the scheme's rates are of
    enrolled: int | None = None
    target: int | None = None
    cap: int | None = None  # eligible people, when the weight is another count (the labour force)


@dataclass(slots=True)
class UnitTarget:
    code: str
    name: str
    level: str
    parent: str | None
    scheme: str
    eligible: int
    enrolled: int | None
    target: int
    rate: object  # Decimal | None: target / eligible, half-up to `places`
    given: bool = False  # the target is the plan's own, not a share of the parent's
    quota: Any = None  # with reasons: the split's exact quota, remainder or priority, bound and tie
    remainder: Any = None
    priority: Any = None
    bound: str | None = None
    tie: bool = False


class TreeError(ValueError):
    """The units do not form a tree the targets can go down. `key` and `values` say why, for the catalogs:
    duplicate_code (code, first, second), unknown_parent (unit, parent), circle (units), no_count (unit, and
    its code), given_above (parent, its code (None for the area), given, total)."""

    def __init__(self, key: str, **values):
        super().__init__(key, values)
        self.key, self.values = key, values

    def __str__(self) -> str:
        return f"{self.key}: {self.values}"


def _children(units: list[Unit]) -> dict[str | None, list[Unit]]:
    by_code = {}
    for unit in units:
        if unit.code in by_code:
            raise TreeError("duplicate_code", code=unit.code, first=by_code[unit.code].name, second=unit.name)
        by_code[unit.code] = unit
    children: dict[str | None, list[Unit]] = {}
    for unit in units:
        if unit.parent is not None and unit.parent not in by_code:
            raise TreeError("unknown_parent", unit=unit.name, parent=unit.parent)
        children.setdefault(unit.parent, []).append(unit)
    # every unit must be reachable from the top: a unit that is its own ancestor never is
    seen, stack = set(), [None]
    while stack:
        for child in children.get(stack.pop(), []):
            seen.add(child.code)
            stack.append(child.code)
    if len(seen) != len(units):
        raise TreeError("circle", units=", ".join(sorted(u.code for u in units if u.code not in seen)))
    return children


def _sums(code: str | None, children: dict[str | None, list[Unit]],
          out: dict[str | None, tuple[int, int | None, int]], floor: bool,
          headroom: bool) -> tuple[int, int | None, int]:
    """(eligible, enrolled, cap) of a unit: its own for a leaf, the sums of its leaves for a parent. A
    leaf without a cap of its own is capped by its weight; on basis eligible a leaf of weight 0 gets no more
    than its floor, so a parent's cap counts only that much of it (on basis headroom the weights are the
    caps less the enrolled, and every cap counts)."""
    stack = [(code, False)]
    while stack:  # iterative post-order: deep trees must not hit the recursion limit
        current, done = stack.pop()
        below = children.get(current)
        if not below:
            continue
        if not done:
            stack.append((current, True))
            stack.extend((child.code, False) for child in below)
            continue
        eligible, enrolled, cap = 0, 0, 0
        for child in below:
            if child.code in children:
                e, n, c = out[child.code]
            else:
                if child.eligible is None:
                    raise TreeError("no_count", unit=child.name, code=child.code)
                e, n = child.eligible, child.enrolled
                c = e if child.cap is None else child.cap if e > 0 or headroom else (n or 0) if floor else 0
            eligible += e
            cap += c
            enrolled = None if enrolled is None or n is None else enrolled + n
        out[current] = (eligible, enrolled, cap)
    return out[code]


def allocate_levels(scheme: str, total: int, units: list[Unit], *, method: str, basis: str = "eligible",
                    floor_enrolled: bool = False, reasons: bool = False, places: int = 1) -> list[UnitTarget]:
    """Split `total` down the tree: every unit's target, parents before their children (breadth first),
    each level adding up exactly to the level above. A unit with its own target keeps it; its siblings
    share the rest. With `reasons`, each split unit carries its quota, remainder or priority, bound and tie.
    An infeasible split raises AllocationError, with `parent` set to the name of the unit whose target it
    was (None for the area's), `total` the target split, and `eligible` and `enrolled` the sums of the units
    that share it (their caps and floors)."""
    children = _children(units)
    sums: dict[str | None, tuple[int, int | None, int]] = {}
    if children:
        _sums(None, children, sums, floor_enrolled, basis == "headroom")
    plain = basis == "eligible" and not reasons
    out: list[UnitTarget] = []
    queue: deque[tuple[str | None, int]] = deque([(None, total)])
    while queue:
        parent, parent_total = queue.popleft()
        below = children.get(parent)
        if not below:
            continue
        counts = [sums[u.code] if u.code in sums else (u.eligible, u.enrolled, u.cap) for u in below]
        targets = [u.target for u in below]  # the plan's own; the others' shares are filled in below
        free = [i for i, target in enumerate(targets) if target is None]
        rows = None
        if free:
            given = parent_total - sum(target for target in targets if target is not None)
            if given < 0:
                raise TreeError("given_above", parent=_name(units, parent), code=parent, given=parent_total - given,
                                total=parent_total)
            seats = None
            if plain:  # the common case, without the rows and rates of a full allocation (same seats)
                seats = _seats(given, [counts[i] for i in free], method, floor_enrolled)
            if seats is None:
                shared = [CommuneCounts(below[i].code, below[i].name, *counts[i]) for i in free]
                try:
                    result = allocate(scheme, given, shared, method=method, basis=basis,
                                      floor_enrolled=floor_enrolled, reasons=reasons)
                except AllocationError as error:
                    # what the command layer needs to word it: whose target, and the sums that bound the split
                    error.parent = _name(units, parent)
                    error.total = given
                    error.eligible = sum(row.eligible if row.cap is None else row.cap for row in shared)
                    error.enrolled = sum(row.enrolled or 0 for row in shared)
                    error.floor = floor_enrolled
                    raise
                rows = result.rows
                seats = [row.target for row in rows]
            for i, seat in zip(free, seats):
                targets[i] = seat
        made = [UnitTarget(unit.code, unit.name, unit.level, unit.parent, scheme, eligible, enrolled, target,
                           rate(target, eligible, places), unit.target is not None)
                for unit, (eligible, enrolled, _), target in zip(below, counts, targets)]
        if reasons and rows is not None:
            for i, row in zip(free, rows):
                made[i].quota, made[i].remainder, made[i].priority = row.quota, row.remainder, row.priority
                made[i].bound, made[i].tie = row.bound, row.tie
        out += made
        queue.extend(zip([unit.code for unit in below], targets))
    return out


def _name(units: list[Unit], code: str | None) -> str | None:
    """The name of the unit of this code (None for the area's), for a problem's words."""
    return next((unit.name for unit in units if unit.code == code), None) if code is not None else None


def _seats(total: int, counts: list[tuple[int, int | None, int]], method: str, floor: bool) -> list[int] | None:
    """The targets core/allocation.allocate gives on basis eligible without reasons, or None when it would raise
    (it then raises, with its own words): the split of `total` by the weights, floored by the enrolled (with
    the floor) and capped by the caps. (A unit enrolled above its cap makes apportion refuse: None too.)"""
    caps = [eligible if cap is None else cap for eligible, _, cap in counts]
    lower = None
    if floor:
        lower = [enrolled for _, enrolled, _ in counts]
        if None in lower:  # apportion would take it for a bad argument: allocation says what is missing
            return None
    try:
        return apportion(total, [eligible for eligible, _, _ in counts], method=method, lower=lower, upper=caps)
    except ValueError:
        return None
