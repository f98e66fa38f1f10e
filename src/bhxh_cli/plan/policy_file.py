"""Policy files: a bundled policy by name (nq102, nq28, health) or a user's YAML file, read by the same strict
reader as plans (every problem at FILE:LINE:COL) and turned into the core's plain Policy."""

from __future__ import annotations

import os
from fractions import Fraction
from typing import Literal

from pydantic import Field, ValidationError, field_validator

from bhxh_cli.core.policies import Floor, Growth, Policy
from bhxh_cli.core.schemes import ALL_SCHEMES, DENOMINATORS
from bhxh_cli.diagnostics import Diagnostic, InputError, UsageError
from bhxh_cli.messages import tr
from bhxh_cli.plan.loading import Path, format_path, load_file
from bhxh_cli.plan.models import _message, _show, _Strict

BUNDLED = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "policies")
Percent = float | int


def _percent_ok(value: Percent) -> Percent:
    if isinstance(value, bool) or not 0 <= value <= 100:
        raise ValueError(tr("policy_file.floor_range"))
    return value


class FloorEntry(_Strict):
    """A floor: the schemes summed, the count their rate is of, and a percentage per year."""

    schemes: list[Literal[ALL_SCHEMES]] = Field(min_length=1)  # type: ignore[valid-type]
    of: Literal[DENOMINATORS] = "eligible"  # type: ignore[valid-type]
    percent: dict[str, Percent] = Field(min_length=1, description="Year -> floor, e.g. {2025: 45, 2030: 60}.")
    later_years: bool = True

    @field_validator("percent")
    @classmethod
    def _within_100(cls, percent: dict[str, Percent]) -> dict[str, Percent]:
        for value in percent.values():
            _percent_ok(value)
        return percent


class GrowthEntry(_Strict):
    scheme: Literal[ALL_SCHEMES]  # type: ignore[valid-type]
    low: Percent
    high: Percent | None = None


class PolicyFile(_Strict):
    """A policy: floors on rates and growth ranges that a plan's targets must meet."""

    policy: Literal[1] = Field(description="The policy file format version: 1.")
    name: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="Short name; rules are <name>-floor, <name>-growth.")
    document: str = Field(min_length=1, description="The document, as messages name it.")
    floors: list[FloorEntry] = Field(default_factory=list)
    growth: list[GrowthEntry] = Field(default_factory=list)


def bundled_names() -> list[str]:
    return sorted(name[:-5] for name in os.listdir(BUNDLED) if name.endswith(".yaml"))


def policy_path(name_or_file: str) -> str:
    """A bundled policy's file for its name; otherwise the user's file as given."""
    if os.sep not in name_or_file and "/" not in name_or_file and not name_or_file.endswith((".yaml", ".yml")):
        if name_or_file not in bundled_names():
            raise UsageError(tr("policy_file.no_such_policy", name=name_or_file, names=", ".join(bundled_names())))
        return os.path.join(BUNDLED, f"{name_or_file}.yaml")
    return name_or_file


def _value_before(data, loc: Path):
    """The value of the entry before the one at `loc` in its mapping: `{2026: 95,5}` is read by YAML as 2026: 95
    and 5: (nothing), so a decimal comma shows as that entry's value and the empty key after it."""
    for part in loc[:-1]:
        if isinstance(data, dict):
            data = next((v for k, v in data.items() if str(k) == str(part)), None)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    if not isinstance(data, dict):
        return None
    keys = [str(k) for k in data]
    at = keys.index(str(loc[-1])) if str(loc[-1]) in keys else 0
    return list(data.values())[at - 1] if at > 0 else None


def _exact(value: Percent) -> Fraction:
    return Fraction(str(value)) if isinstance(value, float) else Fraction(value)


def read_policy(name_or_file: str) -> Policy:
    """The policy, or InputError with every problem of its file at its line and column."""
    path = policy_path(name_or_file)
    doc, problems, refused = load_file(path)
    if problems:
        raise InputError(problems)
    if not isinstance(doc.data, dict):
        raise InputError([Diagnostic(path, 1, 1, "", tr("policy_file.not_a_mapping", found=_show(doc.data)),
                                     "wrong-type")])
    try:
        data = PolicyFile.model_validate(doc.data)
    except ValidationError as error:
        out, seen = [], set()
        for item in error.errors(include_url=False):
            # a percentage is an int or a float: one problem a place, named without pydantic's member names
            loc: Path = tuple(part for part in item["loc"] if part not in ("int", "float"))
            if loc in seen:
                continue
            seen.add(loc)
            if loc[-2:-1] == ("percent",) and item.get("input") is None:
                line, column = doc.position(loc, key=True)
                whole = _value_before(doc.data, loc)
                message = (tr("policy_file.no_percentage.split", whole=whole, part=loc[-1])
                           if type(whole) is int else tr("policy_file.no_percentage"))
                out.append(Diagnostic(path, line, column, format_path(loc), message, "wrong-type"))
                continue
            if item["type"] == "value_error":
                message, rule = item["msg"].removeprefix("Value error, "), "invalid"
            else:
                message, rule = _message(item, loc, root=PolicyFile)
            line, column = doc.position(loc[:-1] if item["type"] == "missing" else loc,
                                        key=item["type"] in ("missing", "extra_forbidden"))
            out.append(Diagnostic(path, line, column, format_path(loc), message, rule))
        raise InputError(out) from None
    wrong_years = [Diagnostic(path, *doc.position(("floors", i, "percent", year), key=True),
                              format_path(("floors", i, "percent", year)),
                              tr("policy_file.not_a_year", year=year), "invalid")
                   for i, entry in enumerate(data.floors) for year in entry.percent
                   if not (year.isascii() and year.isdigit() and 1990 <= int(year) <= 2100)]
    if wrong_years:
        raise InputError(wrong_years)
    floors = [Floor(tuple(f.schemes), f.of, {int(y): _exact(v) for y, v in f.percent.items()}, f.later_years)
              for f in data.floors]
    growth = [Growth(g.scheme, _exact(g.low), None if g.high is None else _exact(g.high)) for g in data.growth]
    return Policy(data.name, data.document, floors, growth)
