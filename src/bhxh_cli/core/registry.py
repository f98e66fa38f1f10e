"""Registries of official units: which code meant which unit at which date, and the checks of a plan's or a
report's units against them. Pure: codes, names and dates in; findings (a rule, a message key and its
values) out, worded by the command layer.

Codes are reused (15754 meant Thọ Cường in 2020 and Thọ Ngọc after the 2025 mergers), so a unit is looked
up by its code *at a date*: each unit of a registry has a period of validity (open at either end). Names are
compared as names (case, the tone mark's place, the unit prefix "Xã"/"Phường" written or left out).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from bhxh_cli.core.names import normalized_name, split_prefix

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    kind: str = ""
    parent: str = ""
    valid_from: dt.date | None = None  # None: since before any date a plan has
    valid_to: dt.date | None = None  # None: still valid

    def valid_at(self, date: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= date) and (self.valid_to is None or date <= self.valid_to)


@dataclass(frozen=True)
class Finding:
    """A unit of a plan or report (`index`: its place in the list checked) that the registry contradicts."""

    index: int
    rule: str
    key: str  # the message's key in the catalogs ("registry.<...>")
    values: dict = field(default_factory=dict)
    severity: str = ERROR


def same_name(one: str, other: str) -> bool:
    """Whether two names are one unit's: as normalized names, with the prefix optional on either side (but two
    different prefixes never the same)."""
    first, second = split_prefix(normalized_name(one)), split_prefix(normalized_name(other))
    return first[1] == second[1] and (not first[0] or not second[0] or first[0] == second[0])


class Registry:
    """Units by code and by name, each with its period of validity."""

    def __init__(self, units: Iterable[Unit], label: str = "", areas: dict[str, str] | None = None):
        self.label = label
        self.units = list(units)
        self.areas = dict(areas or {})  # code -> name of the units above that are not themselves listed (provinces)
        self.by_code: dict[str, list[Unit]] = {}
        self.by_rest: dict[str, list[Unit]] = {}
        for unit in self.units:
            self.by_code.setdefault(unit.code, []).append(unit)
            self.by_rest.setdefault(split_prefix(normalized_name(unit.name))[1], []).append(unit)

    def at(self, code: str, date: dt.date) -> Unit | None:
        """The unit `code` meant at `date`, or None."""
        return next((unit for unit in self.by_code.get(code, ()) if unit.valid_at(date)), None)

    def named(self, name: str, date: dt.date) -> list[Unit]:
        """The units valid at `date` that `name` can mean."""
        rest = split_prefix(normalized_name(name))[1]
        return [unit for unit in self.by_rest.get(rest, ()) if unit.valid_at(date) and same_name(unit.name, name)]

    def covers(self, date: dt.date) -> bool:
        """Whether the list has any unit at `date` (a list of 2025's units says nothing of 2020's)."""
        return any(unit.valid_at(date) for unit in self.units)

    def merged(self, other: Registry) -> Registry:
        return Registry(self.units + other.units, ", ".join(label for label in (self.label, other.label) if label),
                        {**self.areas, **other.areas})

    def ancestors(self, unit: Unit, date: dt.date) -> list[tuple[str, str]]:
        """(code, name) of the units above `unit` at `date`, nearest first, as far as the list knows them."""
        found, seen, parent = [], {unit.code}, unit.parent
        while parent and parent not in seen:
            seen.add(parent)
            above = self.at(parent, date)
            if above is not None:
                found.append((above.code, above.name))
                parent = above.parent
            else:
                if parent in self.areas:
                    found.append((parent, self.areas[parent]))
                break
        return found


def _hint(registry: Registry, name: str, date: dt.date, not_code: str) -> dict:
    """The unit `name` means at `date` (when exactly one does, with another code), to suggest."""
    found = [unit for unit in registry.named(name, date) if unit.code != not_code] if name.strip() else []
    return {"suggested_code": found[0].code, "suggested_name": found[0].name} if len(found) == 1 else {}


_AREA_PREFIXES = tuple(normalized_name(p).split() for p in ("Thành phố", "Tỉnh", "TP", "Huyện", "Quận", "Thị xã"))


def _area_key(name: str) -> str:
    """An area's name without the word for its kind: lists write "Quảng Ninh", plans "Tỉnh Quảng Ninh"."""
    words = normalized_name(name.replace(".", " ")).split()
    for prefix in _AREA_PREFIXES:
        if len(words) > len(prefix) and words[:len(prefix)] == prefix:
            return " ".join(words[len(prefix):])
    return " ".join(words)


def outside_area(registry: Registry, units: Sequence[tuple[str, str]], date: dt.date, area: str) -> list[Finding]:
    """Units (code, name) of a plan for `area` that the list puts under another unit of the area's level: a
    Quảng Ninh plan listing wards of Cần Thơ. Nothing is said when the list does not know the area by name."""
    key = _area_key(area)
    areas = {code for code, name in registry.areas.items() if _area_key(name) == key}
    areas |= {unit.code for unit in registry.units if unit.valid_at(date) and _area_key(unit.name) == key}
    if not areas:
        return []
    findings = []
    for index, (code, name) in enumerate(units):
        unit = registry.at((code or "").strip(), date)
        if unit is None or (name.strip() and not same_name(unit.name, name)):
            continue  # a code the list lacks, or that is another unit's: check_units says so, once
        above = registry.ancestors(unit, date)
        if above and not any(code_above in areas for code_above, _ in above):
            findings.append(Finding(index, "unit-outside-area", "registry.outside_area",
                                    {"code": unit.code, "known": unit.name, "above": above[-1][1], "area": area}))
    return findings


def check_units(registry: Registry, units: Sequence[tuple[str, str]], date: dt.date,
                kinds: Sequence[str] | None = None) -> list[Finding]:
    """Findings for units (code, name) that should exist at `date`: a code the registry does not have
    (`unknown-unit`), a code that meant no unit at that date (`unit-not-valid-at-date`), a name that is not
    the code's (`unit-name-mismatch`); a unit without a code is looked up by its name. Each suggests the
    right unit when the name finds exactly one. With `kinds` (the units' kinds as written, "" for none), a
    kind that is not the registry's is a warning (`unit-kind-mismatch`)."""
    findings: list[Finding] = []
    for index, (code, name) in enumerate(units):
        code, name = (code or "").strip(), " ".join((name or "").split())
        if not code:
            if name and not registry.named(name, date):
                findings.append(Finding(index, "unknown-unit", "registry.unknown_name", {"name": name}, WARNING))
            continue
        unit = registry.at(code, date)
        if unit is not None:
            if name and not same_name(unit.name, name):
                findings.append(Finding(index, "unit-name-mismatch", "registry.name_mismatch",
                                        {"code": code, "name": name, "known": unit.name,
                                         **_hint(registry, name, date, code)}))
            elif kinds and kinds[index] and unit.kind and normalized_name(kinds[index]) != normalized_name(unit.kind):
                findings.append(Finding(index, "unit-kind-mismatch", "registry.kind_mismatch",
                                        {"code": code, "known": unit.name, "kind": kinds[index].strip(),
                                         "known_kind": unit.kind}, WARNING))
            continue
        others = registry.by_code.get(code)
        if others:
            other = min(others, key=lambda u: abs(((u.valid_from or u.valid_to or date) - date).days))
            findings.append(Finding(index, "unit-not-valid-at-date", "registry.not_valid",
                                    {"code": code, "name": name, "known": other.name,
                                     "valid_from": other.valid_from, "valid_to": other.valid_to,
                                     **_hint(registry, name, date, code)}))
            continue
        findings.append(Finding(index, "unknown-unit", "registry.unknown_code",
                                {"code": code, "name": name, **_hint(registry, name, date, code)}))
    return findings


__all__ = ["Unit", "Finding", "Registry", "check_units", "same_name", "ERROR", "WARNING"]
