"""Splitting a target through the levels of an area in one run: a province's target to its districts and
each district's to its communes (before July 2025), or a province's straight to its communes and wards
(since), or through any groups in between. Pure: plain data in, plain data out.

Each parent is weighted, floored and capped by the sums of the communes under it, so a parent's target can
always be split among its own communes within their floors and caps, and every level adds up exactly: the
children's targets add up to their parent's, at every level, by construction (each split is exact).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from bhxh_cli.core.allocation import AllocationError, CommuneCounts, allocate
from bhxh_cli.core.rates import rate


@dataclass(frozen=True)
class Unit:
    """A unit of the area's tree as a table gives it. Leaves (communes) carry counts; a parent's counts
    are the sums of the leaves under it, so the table need not give them."""

    code: str
    name: str
    level: str  # "district", "commune", or a group's kind
    parent: str | None  # the parent's code; None under the area itself
    eligible: int | None = None
    enrolled: int | None = None


@dataclass(frozen=True)
class UnitTarget:
    code: str
    name: str
    level: str
    parent: str | None
    scheme: str
    eligible: int
    enrolled: int | None
    target: int
    rate: object  # Decimal | None: target / eligible, one decimal, half-up


class TreeError(ValueError):
    """The units do not form a tree the targets can go down (an unknown parent, a circle, a parent
    without communes under it)."""


def _children(units: list[Unit]) -> dict[str | None, list[Unit]]:
    by_code = {}
    for unit in units:
        if unit.code in by_code:
            raise TreeError(f"the code {unit.code!r} is used by two units: {by_code[unit.code].name!r} and "
                            f"{unit.name!r}")
        by_code[unit.code] = unit
    children: dict[str | None, list[Unit]] = {}
    for unit in units:
        if unit.parent is not None and unit.parent not in by_code:
            raise TreeError(f"{unit.name!r} names the parent {unit.parent!r}, which is not among the units")
        children.setdefault(unit.parent, []).append(unit)
    # every unit must be reachable from the top: a unit that is its own ancestor never is
    seen, stack = set(), [None]
    while stack:
        for child in children.get(stack.pop(), []):
            seen.add(child.code)
            stack.append(child.code)
    if len(seen) != len(units):
        circle = sorted(u.code for u in units if u.code not in seen)
        raise TreeError(f"the units {', '.join(circle)} are each other's parents; a unit cannot be under itself")
    return children


def _sums(code: str | None, children: dict[str | None, list[Unit]],
          out: dict[str | None, tuple[int, int | None]]) -> tuple[int, int | None]:
    """(eligible, enrolled) of a unit: its own for a leaf, the sums of its leaves for a parent."""
    stack = [(code, False)]
    while stack:  # iterative post-order: deep trees must not hit the recursion limit
        current, done = stack.pop()
        below = children.get(current, [])
        if not below:
            continue
        if not done:
            stack.append((current, True))
            stack.extend((child.code, False) for child in below)
            continue
        eligible, enrolled = 0, 0
        for child in below:
            if child.code in children:
                e, n = out[child.code]
            else:
                if child.eligible is None:
                    raise TreeError(f"{child.name!r} has no units under it and no eligible count")
                e, n = child.eligible, child.enrolled
            eligible += e
            enrolled = None if enrolled is None or n is None else enrolled + n
        out[current] = (eligible, enrolled)
    return out[code]


def allocate_levels(scheme: str, total: int, units: list[Unit], *, method: str, basis: str = "eligible",
                    floor_enrolled: bool = False) -> list[UnitTarget]:
    """Split `total` down the tree: every unit's target, parents before their children (breadth first),
    each level adding up exactly to the level above."""
    children = _children(units)
    sums: dict[str | None, tuple[int, int | None]] = {}
    _sums(None, children, sums)
    counts = {u.code: sums[u.code] if u.code in sums else (u.eligible, u.enrolled) for u in units}
    names = {u.code: u.name for u in units}
    out: list[UnitTarget] = []
    queue: deque[tuple[str | None, int]] = deque([(None, total)])
    while queue:
        parent, parent_total = queue.popleft()
        below = children.get(parent, [])
        if not below:
            continue
        rows = [CommuneCounts(u.code, u.name, *counts[u.code]) for u in below]
        try:
            split = allocate(scheme, parent_total, rows, method=method, basis=basis, floor_enrolled=floor_enrolled)
        except AllocationError as error:
            if parent is None:
                raise
            raise AllocationError(f"{names[parent]}: {error}") from None
        for unit, row in zip(below, split.rows):
            eligible, enrolled = counts[unit.code]
            out.append(UnitTarget(unit.code, unit.name, unit.level, unit.parent, scheme, eligible, enrolled,
                                  row.target, rate(row.target, eligible)))
            queue.append((unit.code, row.target))
    return out
