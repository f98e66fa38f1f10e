"""The plan file, version 1: pydantic models, and the checks a plan must pass.

Pydantic checks the shape and the types (strictly: 15.0, "15890" and true are not counts) and the
rules within one scheme's counts. The rules across communes (unique codes and names, sums equal to
the district's) need the whole plan, so they are a plain function over the validated model,
`commune_problems` (in plan/plain.py, which also reads a clean plan without the models).
`validate_document` turns both into Diagnostics that point at lines.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Annotated, Any, Callable, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from bhxh_cli.core import rates
from bhxh_cli.core.codes import code_problem, invisible_character
from bhxh_cli.core.schemes import SCHEMES
from bhxh_cli.diagnostics import Diagnostic
from bhxh_cli.messages import styled, tr
from bhxh_cli.plan.loading import Document, Path, format_path
# Re-exported: they need no model, so that a clean plan is read without importing pydantic (plan/plain.py).
from bhxh_cli.plan.plain import bundled_plan, commune_problems, load_plan_document  # noqa: F401

Count = Annotated[int, Field(ge=0, description="A number of people: a whole number, 0 or more.")]


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class SchemeCounts(_Strict):
    """Counts of one scheme, for the district or for one commune."""

    eligible: Count = Field(description="People who must or can take part (số người thuộc diện tham gia).")
    enrolled: Count = Field(description="Planned participants: the target (số người tham gia).")
    rate: float | None = Field(
        None, ge=0, le=100,
        description="The rate as printed in the plan, in percent; checked against enrolled/eligible (±0.05).")
    baseline: Count | None = Field(
        None, description="Participants at the end of the previous year (or, for a commune, enrolled now).")
    schedule: list[int | float] | None = Field(
        None, description="The schedule as 12 cumulative monthly shares of the year's increase, in percent "
                          "(e.g. [8, 16, ..., 100]); without it, a straight line over the year.")

    @field_validator("enrolled")
    @classmethod
    def _enrolled_within_eligible(cls, enrolled: int, info: ValidationInfo) -> int:
        eligible = info.data.get("eligible")
        if eligible is not None and enrolled > eligible:
            raise PydanticCustomError(
                "enrolled-above-eligible",
                tr("plan.enrolled_above_eligible"),
                styled("plan.enrolled_above_eligible", {"enrolled": enrolled, "eligible": eligible}))
        return enrolled

    @field_validator("rate")
    @classmethod
    def _rate_agrees(cls, rate: float | None, info: ValidationInfo) -> float | None:
        eligible, enrolled = info.data.get("eligible"), info.data.get("enrolled")
        if rate is None or eligible is None or enrolled is None:
            return rate
        if info.context and not info.context.get("check_rates", True):
            return rate  # `bhxh rates` shows the disagreement in its table instead
        if eligible == 0:
            raise PydanticCustomError(
                "rate-mismatch", tr("plan.rate_without_eligible"), {"rate": rate})
        if not rates.rate_agrees(rate, enrolled, eligible):
            exact = rates.exact_rate(enrolled, eligible)
            raise PydanticCustomError(
                "rate-mismatch",
                tr("plan.rate_mismatch"),
                styled("plan.rate_mismatch", {"rate": rate, "enrolled": enrolled, "eligible": eligible,
                                              "exact": rates.plain_decimal(exact, 3), "rounded": rates.plain_decimal(exact)}))
        return rate

    @field_validator("baseline")
    @classmethod
    def _baseline_within_eligible(cls, baseline: int | None, info: ValidationInfo) -> int | None:
        eligible = info.data.get("eligible")
        if baseline is not None and eligible is not None and baseline > eligible:
            raise PydanticCustomError(
                "baseline-above-eligible",
                tr("plan.baseline_above_eligible"),
                styled("plan.baseline_above_eligible", {"baseline": baseline, "eligible": eligible}))
        return baseline

    @field_validator("schedule")
    @classmethod
    def _schedule_shares(cls, schedule: list | None) -> list | None:
        return checked_schedule(schedule)


def checked_schedule(schedule: list | None) -> list | None:
    """A schedule's cumulative monthly shares, or the first problem with them (the others follow from it more
    often than not), worded from the catalog."""
    from bhxh_cli.core.schedules import check_shares

    findings = check_shares(schedule) if schedule is not None else []
    if findings:
        raise PydanticCustomError(findings[0].rule, tr(f"plan.{findings[0].rule}", **findings[0].values))
    return schedule


class _SchemeSet(_Strict):
    mandatory: SchemeCounts | None = Field(None, description="BHXH bắt buộc: mandatory social insurance.")
    voluntary: SchemeCounts | None = Field(None, description="BHXH tự nguyện: voluntary social insurance.")
    unemployment: SchemeCounts | None = Field(None, description="Bảo hiểm thất nghiệp (BHTN): unemployment insurance.")

    def items(self) -> list[tuple[str, SchemeCounts]]:
        """(scheme, counts) for the schemes present, in the fixed order mandatory, voluntary, unemployment."""
        return [(name, getattr(self, name)) for name in SCHEMES if getattr(self, name) is not None]


class Schemes(_SchemeSet):
    """The district's counts per scheme: one or more of mandatory, voluntary, unemployment."""

    @model_validator(mode="after")
    def _at_least_one(self) -> Schemes:
        if not self.items():
            raise PydanticCustomError(
                "no-scheme", tr("plan.no_scheme"))
        return self


class Commune(_SchemeSet):
    """One commune or town (xã, thị trấn) with its share of the district's counts."""

    code: str | None = Field(None, min_length=1, description="Official code (mã đơn vị hành chính), always text: "
                             "quote it. Optional: a plan made from a table of names has none, and its communes "
                             "are then told apart by name alone.")
    name: str = Field(min_length=1, description="Name, e.g. 'Xã Thọ Sơn'.")

    @field_validator("code")
    @classmethod
    def _code_as_tables_read_it(cls, code: str | None) -> str | None:
        return checked_code(code)


def checked_code(code: str | None) -> str | None:
    """A unit's code as the tables read one (no spaces inside, digits 0-9, nothing invisible), for the models
    of both plan versions."""
    problem = code_problem(code) if code is not None else None  # a commune of a names-only table has none
    if problem:
        key, values, rule = problem
        raise PydanticCustomError(rule, "{message}", {"message": tr(f"code.{key}", **values)})
    return code


class PlanInfo(_Strict):
    """Who issued the plan, for which area and year."""

    number: str = Field(min_length=1, description="The plan's number, e.g. 519/KH-UBND.")
    title: str | None = Field(None, description="The plan's title, in Vietnamese.")
    issuer: str | None = Field(None, description="Who issued it, e.g. UBND huyện Triệu Sơn.")
    area: str = Field(min_length=1, description="The area it covers, e.g. Huyện Triệu Sơn, tỉnh Thanh Hóa.")
    issued: dt.date | None = Field(None, description="Date of issue, YYYY-MM-DD.")
    year: int = Field(ge=1990, le=2100, description="The year the targets are for.")
    implements: list[str] | None = Field(None, description="Documents it implements, e.g. [58/KH-UBND, 102/NQ-CP].")
    report_due: dt.date | None = Field(None, description="When the year's report is due, YYYY-MM-DD.")


class Plan(_Strict):
    """A yearly plan of social-insurance participation targets (bhxh plan format, version 1)."""

    model_config = ConfigDict(title="bhxh plan", strict=True, extra="forbid", frozen=True)

    version: Literal[1] = Field(description="The plan format version: 1.")
    plan: PlanInfo
    schemes: Schemes
    communes: list[Commune] | None = Field(
        None, description="The plan split per commune (written by `bhxh allocate`); optional.")


# -- turning pydantic's errors into messages in the user's terms ------------------------------------

_FIELD_HINT = {
    "eligible": "eligible: <count>", "enrolled": "enrolled: <count>", "version": "version: 1",
    "number": "number: 519/KH-UBND", "area": "area: <area>", "year": "year: 2020", "plan": "plan: <mapping>",
    "schemes": "schemes: <mapping>", "code": 'code: "15664"', "name": "name: <name>",
}


def _show(value: Any) -> str:
    if isinstance(value, str):
        text = " ".join(value.split())
        return f"'{text[:40]}…'" if len(text) > 40 else f"'{text}'"
    if value is None:
        return tr("plan.show.empty")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return tr("plan.show.mapping")
    if isinstance(value, list):
        return tr("plan.show.list")
    return str(value)


def _count_hint(value: Any) -> str:
    if isinstance(value, bool):
        return tr("plan.count.not_a_count", value=_show(value))
    if isinstance(value, float):
        if value.is_integer():
            return tr("plan.count.fraction.whole", value=value, whole=int(value))
        return tr("plan.count.fraction", value=value)
    if isinstance(value, str):
        digits = value.replace(".", "").replace(",", "").replace(" ", "").replace("\u00a0", "")
        if digits.isdigit() and digits.isascii() and len(digits) > 18:
            return tr("plan.count.long_text", value=_show(value), digits=f"{len(digits):,}")
        if digits.isdigit() and digits.isascii():
            return tr("plan.count.text", value=_show(value), count=int(digits))
        return tr("plan.count.not_a_number", value=_show(value))
    if value is None:
        return tr("plan.count.empty")
    return tr("plan.count.not_whole", value=_show(value))


def _message(error: dict, loc: Path, root: type[BaseModel] | None = None) -> tuple[str, str]:
    """(message, rule) for one pydantic error, in a plan whose model is `root` (version 1 by default)."""
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    field = loc[-1] if loc else ""
    if kind == "missing":
        return tr("plan.missing_key", key=field, example=_FIELD_HINT.get(field, f'{field}: ...')), "missing-key"
    if kind == "extra_forbidden":
        parent = loc[:-1]
        allowed = _allowed_keys(parent, root or Plan)
        close = difflib.get_close_matches(str(field), allowed, n=1, cutoff=0.6)
        hidden = invisible_character(str(field))
        if hidden:
            visible = "".join(c for c in str(field) if not invisible_character(c))
            return (tr("plan.unknown_key.invisible", key=visible, character=hidden),
                    "invisible-character")
        if close:
            return tr("plan.unknown_key.close", key=field, close=close[0]), "unknown-key"
        return tr("plan.unknown_key", key=field, allowed=", ".join(allowed)), "unknown-key"
    if kind == "literal_error" and field == "version":
        return tr("plan.version", value=_show(value)), "version"
    if kind == "literal_error":  # a word from a fixed list (a scheme, a denominator): the list, and the closest
        allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        close = difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.6)
        if close:
            return tr("plan.not_one_of.close", value=_show(value), allowed=", ".join(allowed), close=close[0]), "invalid"
        return tr("plan.not_one_of", value=_show(value), allowed=", ".join(allowed)), "invalid"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return _count_hint(value), "not-a-count"
    if kind in ("greater_than_equal", "less_than_equal") and field == "year":
        return tr("plan.year", value=_show(value)), "out-of-range"
    if kind == "greater_than_equal":
        return tr("plan.negative", value=_show(value)), "negative-count"
    if kind == "less_than_equal":
        return tr("plan.rate_above", value=_show(value), most=ctx.get('le')), "out-of-range"
    if kind in ("float_type", "float_parsing"):
        return tr("plan.rate_not_a_number", value=_show(value)), "wrong-type"
    if kind == "string_type":
        return tr("plan.not_text", value=_show(value), text=value), "wrong-type"
    if kind == "string_too_short":
        return tr("plan.empty_value"), "missing-key"
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing"):
        return tr("plan.not_a_date", value=_show(value)), "wrong-type"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return tr("plan.expected_mapping", value=_show(value)), "wrong-type"
    if kind == "list_type":
        return tr("plan.expected_list", value=_show(value)), "wrong-type"
    if kind in ("enrolled-above-eligible", "baseline-above-eligible", "rate-mismatch", "no-scheme",
                "code-spaces", "code-digits", "invisible-character", "missing-value") or kind.startswith("schedule-"):
        return error["msg"], kind
    return f"{error['msg']} (got {_show(value)})", "invalid"


def _allowed_keys(parent: Path, root: type[BaseModel]) -> list[str]:
    model: type[BaseModel] = root
    for part in parent:
        if isinstance(part, int):
            continue
        annotation = model.model_fields[part].annotation if part in model.model_fields else None
        model = next((t for t in _model_types(annotation)), None)
        if model is None:
            return []
    return list(model.model_fields)


def _model_types(annotation: Any):
    import typing

    stack = [annotation]
    while stack:
        current = stack.pop()
        if isinstance(current, type) and issubclass(current, BaseModel):
            yield current
        else:
            stack.extend(typing.get_args(current))


def validate_with(doc: Document, refused: set[Path], model: type[BaseModel], cross_rules: Callable, *,
                  context: dict | None = None, located: Callable | None = None,
                  message: Callable | None = None) -> tuple[Any, list[Diagnostic]]:
    """Validate loaded data as `model` (a plan of either version); every problem as a Diagnostic pointing at
    its line. `cross_rules(plan)` gives the rules across the plan as (path, message, rule); `located(item)`
    gives an error's path and whether to report it (a union's other member is not); `message(item, loc)` words
    it."""
    def diagnostic(loc: Path, text: str, rule: str, *, key: bool = False, at: Path | None = None) -> Diagnostic:
        line, column = doc.position(loc if at is None else at, key=key)
        return Diagnostic(doc.file, line, column, format_path(loc), text, rule)

    if not isinstance(doc.data, dict):
        return None, [diagnostic((), tr("plan.not_a_mapping", value=_show(doc.data)), "wrong-type")]
    try:
        plan = model.model_validate(doc.data, context=context)
    except ValidationError as error:
        out = []
        for item in error.errors(include_url=False):
            loc, reported = located(item) if located else (tuple(item["loc"]), True)
            if not reported:
                continue
            if item["type"] != "extra_forbidden" and any(
                    loc[: len(p)] == p or p[: len(loc)] == loc for p in refused):
                continue  # the loader already reported the value (or the part of it) this is about
            text, rule = message(item, loc) if message else _message(item, loc, root=model)
            if item["type"] == "missing":
                # A missing key has no place of its own: point at the mapping that lacks it.
                out.append(diagnostic(loc, text, rule, key=True, at=loc[:-1]))
            else:
                out.append(diagnostic(loc, text, rule, key=item["type"] == "extra_forbidden"))
        return None, out
    return plan, [diagnostic(loc, text, rule) for loc, text, rule in cross_rules(plan)]


def validate_document(doc: Document, refused: set[Path] = frozenset(), *,
                      check_rates: bool = True) -> tuple[Plan | None, list[Diagnostic]]:
    """Validate loaded data as a version 1 plan; every problem as a Diagnostic pointing at its line."""
    return validate_with(doc, refused, Plan, commune_problems, context={"check_rates": check_rates})


def read_plan(file: str | None, *, loader: type | None = None,
              check_rates: bool = True) -> tuple[Document, Plan | None, list[Diagnostic]]:
    """Read, parse and validate a version 1 plan file (the bundled plan when file is None).

    Returns the document (for positions), the plan (None when any problem was found) and the problems,
    in file order.
    """
    from bhxh_cli.sources import collector_paused

    path = file if file is not None else bundled_plan()
    with collector_paused():
        doc, problems, refused = load_plan_document(path, loader=loader)
        version = doc.data.get("version") if isinstance(doc.data, dict) else None
        if type(version) is int and version == 2:  # read by check, rates, gap --actual; not yet by the others
            line, column = doc.position(("version",))
            return doc, None, problems + [Diagnostic(doc.file, line, column, "version", tr("plan.version2_not_here"),
                                                     "version")]
        plan, more = validate_document(doc, refused, check_rates=check_rates)
    problems = sorted(problems + more, key=lambda d: (d.line or 0, d.column or 0))
    return doc, (None if problems else plan), problems
