"""A plan as the computations see it, whatever format version it was written in: the area's figures per
scheme and its units in a tree. Plain data, built by the plan layer (plan/view.py) from a validated plan;
every target is already a whole number of people."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction


@dataclass(frozen=True)
class OtherTarget:
    """Another document's target for the same indicator, kept beside the one progress is measured against."""

    target: int | None  # as a count (None when a count it needs is missing)
    rate: Fraction | None  # as stated, when stated as a rate
    of: str
    minimum: bool
    document: str | None


@dataclass(slots=True)
class Figures:
    """One scheme's figures for one unit or for the area. (Not frozen: a frozen dataclass sets each field
    through object.__setattr__, and a national plan makes 30,000 of these while it is read.)"""

    target: int | None  # whole people; a rate target already turned into the smallest count that reaches it
    denominator: str = "eligible"  # the count the scheme's rates are of
    eligible: int | None = None
    labour_force: int | None = None
    population: int | None = None
    baseline: int | None = None  # participants at the end of the previous year
    enrolled: int | None = None  # participants now, when the plan gives them
    target_rate: Fraction | None = None  # the target as stated, when stated as a rate
    minimum: bool = False
    stated_rate: float | None = None  # the target's rate as printed in the plan
    document: str | None = None
    others: tuple[OtherTarget, ...] = ()
    schedule: tuple | None = None  # cumulative monthly shares of the year's increase (percent); None: linear

    def count(self, name: str) -> int | None:
        """eligible, labour_force or population by name."""
        return getattr(self, name)

    @property
    def whole(self) -> int | None:
        """The count the rates are of."""
        return getattr(self, self.denominator)


@dataclass(slots=True)
class AreaUnit:
    code: str | None
    name: str
    kind: str | None
    figures: dict[str, Figures]
    units: list[AreaUnit] = field(default_factory=list)


@dataclass
class AreaPlan:
    version: int
    number: str
    area: str
    year: int
    figures: dict[str, Figures]  # scheme -> the area's figures, in the scheme table's order
    units: list[AreaUnit] = field(default_factory=list)
    title: str | None = None
    issuer: str | None = None
    kind: str | None = None
    code: str | None = None
    issued: dt.date | None = None
    implements: tuple[str, ...] = ()
    report_due: dt.date | None = None

    @property
    def plan(self) -> AreaPlan:
        """The plan's identity (number, area, year, issuer, issued ...), where a version 1 model keeps it under
        `plan`: the same fields, so that titles and headers are made one way for both."""
        return self

    def identity(self) -> dict:
        """The identity fields as json: a version 2 plan's `plan:` mapping."""
        return {"number": self.number, "title": self.title, "issuer": self.issuer, "area": self.area,
                "kind": self.kind, "code": self.code, "issued": self.issued.isoformat() if self.issued else None,
                "year": self.year, "implements": list(self.implements) or None,
                "report_due": self.report_due.isoformat() if self.report_due else None}

    def schemes(self) -> list[str]:
        return list(self.figures)

    def walk(self):
        """(depth, parent, unit) for every unit, parents before their children (depth 1 under the area)."""
        stack = [(1, None, unit) for unit in reversed(self.units)]
        while stack:
            depth, parent, unit = stack.pop()
            yield depth, parent, unit
            stack.extend((depth + 1, unit, child) for child in reversed(unit.units))
