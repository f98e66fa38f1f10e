"""The plan file, version 2: plans as they are written since 2025.

What v2 adds to v1: health insurance beside the three schemes (from the scheme table in core/schemes.py);
per scheme the counts it has (eligible, labour_force, population) and which of them its rates are of; a
target as a count, a rate of that denominator, or an increase over the baseline, possibly a minimum, and
other documents' targets for the same indicator; and units in a tree (districts then communes, communes
straight away, or groups), each with its own code, name, kind and counts.

Pydantic checks each value and the rules within one scheme's figures; the rules across the tree (unique
codes, each level adding up to its parent) need the whole plan and are `tree_problems`, a plain function
over the validated model (plan/v2_rules.py), as `commune_problems` is for v1. A clean plan is read without
these models (plan/plain_v2.py); they say what is wrong with any other, and give `bhxh schema`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field, create_model, field_validator, model_validator
from pydantic_core import PydanticCustomError

from bhxh_cli.core.schemes import DENOMINATORS, SCHEME_TABLE
from bhxh_cli.diagnostics import Diagnostic
from bhxh_cli.messages import tr
from bhxh_cli.plan import models
from bhxh_cli.plan.loading import Document, Path
from bhxh_cli.plan.models import Count, _message, _show, _Strict
from bhxh_cli.plan.plain_v2 import KINDS
# Re-exported: they need no model, so that a clean plan is read and checked without pydantic (plan/plain_v2.py).
from bhxh_cli.plan.v2_rules import (  # noqa: F401
    _denominator_words,
    _figure_problems,
    denominator_of,
    scheme_items,
    target_count,
    tree_problems,
)

Percent = Annotated[float, Field(ge=0, le=100, description="A percentage, as printed, e.g. 95.15.")]
Denominator = Literal["eligible", "labour_force", "population"]

Kind = Literal[KINDS]  # type: ignore[valid-type]


class Target(_Strict):
    """A target stated as a rate of a denominator or as an increase over the baseline, or a plain count with
    the document that set it."""

    count: Count | None = Field(None, description="The target as a number of people.")
    rate: Percent | None = Field(None, description="The target as a percentage of `of`.")
    increase: int | None = Field(None, description="The target as an increase over the scheme's baseline.")
    of: Denominator | None = Field(
        None, description="The count the rate is of; defaults to the scheme's denominator.")
    minimum: bool = Field(False, description="A floor (tối thiểu): reaching it or more meets it.")
    document: str | None = Field(None, description="The document that set this target, e.g. 45/KH-UBND.")

    @model_validator(mode="after")
    def _one_form(self) -> Target:
        given = [name for name in ("count", "rate", "increase") if getattr(self, name) is not None]
        if len(given) != 1:
            raise PydanticCustomError(
                "target-form", tr("v2.target_form"),
                {"given": ", ".join(given) if given else tr("v2.target_form.none")})
        if self.of is not None and self.rate is None:
            raise PydanticCustomError("target-form", tr("v2.of_without_rate"), {})
        return self


class SchemeFigures(_Strict):
    """One scheme's figures for one unit (or for the plan's whole area)."""

    eligible: Count | None = Field(None, description="People who must or can take part (thuộc diện tham gia).")
    labour_force: Count | None = Field(None, description="The working-age labour force (lực lượng lao động).")
    population: Count | None = Field(None, description="The population (dân số), for health insurance.")
    denominator: Denominator | None = Field(
        None, description="Which count the rates are of; by default eligible, and population for health.")
    baseline: Count | None = Field(None, description="Participants at the end of the previous year.")
    enrolled: Count | None = Field(None, description="Participants now, when known.")
    target: Count | Target | None = Field(
        None, description="The target: a count, or a mapping with a rate, a count or an increase.")
    rate: Percent | None = Field(
        None, description="The target's rate as printed in the plan; checked against the target (±0.05).")
    other_targets: list[Target] | None = Field(
        None, description="Other documents' targets for the same indicator; progress is measured against `target`.")
    schedule: list[int | float] | None = Field(
        None, description="The schedule as 12 cumulative monthly shares of the year's increase, in percent "
                          "(e.g. [8, 16, ..., 100]); without it, a straight line over the year.")

    @field_validator("schedule")
    @classmethod
    def _schedule_shares(cls, schedule: list | None) -> list | None:
        return models.checked_schedule(schedule)


def _scheme_set(name: str, doc: str):
    fields = {s.key: (SchemeFigures | None, Field(None, description=f"{s.vi}: {s.en}.")) for s in SCHEME_TABLE}
    return create_model(name, __base__=_Strict, __doc__=doc, **fields)


SchemeSet = _scheme_set("SchemeSet", "Figures per scheme, keyed by the scheme: "
                        + ", ".join(s.key for s in SCHEME_TABLE) + ".")


class Unit(_Strict):
    """A unit below the plan's area: a district, a commune or ward, a special zone, or a group."""

    code: str | None = Field(None, min_length=1, description="Official code (mã đơn vị hành chính), as text.")
    name: str = Field(min_length=1, description="Name, e.g. 'Xã Thọ Sơn'.")
    kind: Kind | None = Field(None, description="Kind of unit: " + ", ".join(KINDS) + ".")
    schemes: SchemeSet = Field(description="This unit's figures per scheme.")  # type: ignore[valid-type]
    units: list[Unit] | None = Field(None, description="The units under this one.")

    @field_validator("code")
    @classmethod
    def _code_as_tables_read_it(cls, code: str | None) -> str | None:
        return models.checked_code(code)


Unit.model_rebuild()


class PlanInfo(models.PlanInfo):
    """Who issued the plan, for which area (and its kind and code) and year."""

    kind: Kind | None = Field(None, description="The area's kind, e.g. tỉnh or huyện.")
    code: str | None = Field(None, min_length=1, description="The area's official code, as text.")


class PlanV2(_Strict):
    """A yearly plan of social- and health-insurance participation targets (bhxh plan format, version 2)."""

    model_config = ConfigDict(title="bhxh plan (version 2)", strict=True, extra="forbid", frozen=True)

    version: Literal[2] = Field(description="The plan format version: 2.")
    plan: PlanInfo
    schemes: SchemeSet = Field(description="The area's own figures per scheme.")  # type: ignore[valid-type]
    units: list[Unit] | None = Field(None, description="The units of the area, in a tree; optional.")


def validate_document(doc: Document, refused: set[Path] = frozenset()) -> tuple[PlanV2 | None, list[Diagnostic]]:
    """Validate loaded data as a version 2 plan; every problem as a Diagnostic pointing at its line."""
    return models.validate_with(doc, refused, PlanV2, tree_problems,
                                located=lambda item: _union_choice(item["loc"], doc.data), message=_v2_message)


def _v2_message(item: dict, loc: Path) -> tuple[str, str]:
    """(message, rule) for one pydantic error of a version 2 plan: its own rules, then version 1's wording."""
    field = loc[-1] if loc else ""
    if item["type"] == "target-form":
        return item["msg"], "target-form"
    if item["type"] == "literal_error" and field in _CHOICES:
        return (tr(f"v2.not_a.{field}", value=_show(item.get("input")), choices=", ".join(_CHOICES[field])),
                "unknown-value")
    return _message(item, loc, root=PlanV2)


_CHOICES = {"kind": KINDS, "denominator": DENOMINATORS, "of": DENOMINATORS}


_INT_MEMBER = {"int", "constrained-int"}


def _union_choice(loc: tuple, data) -> tuple[Path, bool]:
    """Pydantic's location without the union member it names ('constrained-int' or the Target model), and
    whether that member is the one the value meant: a mapping means a Target, anything else a count."""
    for index, part in enumerate(loc):
        if isinstance(part, str) and (part in _INT_MEMBER or "[" in part):
            value = data
            for step in loc[:index]:
                try:
                    value = value[step]
                except (KeyError, IndexError, TypeError):
                    value = None
                    break
            meant = isinstance(value, dict) != (part in _INT_MEMBER)
            return tuple(loc[:index]) + tuple(loc[index + 1:]), meant
    return tuple(loc), True
