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
    counts = {u.code: sums[u.code] if u.code in sums else (u.eligible, u.enrolled, u.cap) for u in units}
    names = {u.code: u.name for u in units}
    out: list[UnitTarget] = []
    queue: deque[tuple[str | None, int]] = deque([(None, total)])
    while queue:
        parent, parent_total = queue.popleft()
        below = children.get(parent)
        if not below:
            continue
        free = [u for u in below if u.target is None]
        given = parent_total - sum(u.target for u in below if u.target is not None)
        split: dict[str, Any] = {}
        if free:
            if given < 0:
                raise TreeError("given_above", parent=names.get(parent), code=parent, given=parent_total - given,
                                total=parent_total)
            rows = [CommuneCounts(u.code, u.name, *counts[u.code]) for u in free]
            try:
                result = allocate(scheme, given, rows, method=method, basis=basis, floor_enrolled=floor_enrolled,
                                  reasons=reasons)
            except AllocationError as error:
                # what the command layer needs to word it: whose target, and the sums that bound the split
                error.parent = names.get(parent)
                error.total = given
                error.eligible = sum(row.eligible if row.cap is None else row.cap for row in rows)
                error.enrolled = sum(row.enrolled or 0 for row in rows)
                error.floor = floor_enrolled
                raise
            split = {u.code: row for u, row in zip(free, result.rows)}
        for unit in below:
            eligible, enrolled, _ = counts[unit.code]
            row = split.get(unit.code)
            target = unit.target if row is None else row.target
            extra = {} if row is None or not reasons else {
                "quota": row.quota, "remainder": row.remainder, "priority": row.priority, "bound": row.bound,
                "tie": row.tie}
            shown = row.rate if row is not None and places == 1 else rate(target, eligible, places)
            out.append(UnitTarget(unit.code, unit.name, unit.level, unit.parent, scheme, eligible, enrolled,
                                  target, shown, row is None, **extra))
            queue.append((unit.code, target))
    return out
