"""A crosswalk from old administrative units to new ones (the 2025 merger of communes: 10,600 -> 3,321),
and counts per old unit turned into counts per new unit. Pure: strings, integers and Fractions in;
plain data and findings out.

A crosswalk row says that old unit `old_code` (or a part of it) became part of new unit `new_code`.
A merged unit's counts add up in its new unit; a divided unit (several rows for one old code) is split
by its `share`s, exactly: the whole-number apportionment of `core.apportion` (largest remainder by
default: each part is its exact share rounded down or up) with the shares as weights, so the parts
add up to the old unit's count and every count is conserved.

Shares are read per old unit: all written as percents ("60%"), or all plain numbers that add up to
100 (percents: 60, 40) or to 1 (fractions: 0.6, 0.4, or 3/5, 2/5); "0,6" with a decimal comma is 0.6.
A unit in a single row needs no share (it went whole).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from math import lcm
from typing import Mapping, Sequence

from bhxh_cli.core.apportion import apportion, canonical_method
from bhxh_cli.core.registry import same_name

__all__ = ["Row", "Finding", "CrosswalkError", "Crosswalk", "build", "check_table", "convert", "parse_share"]

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Row:
    """One row of a crosswalk file, as read (share None or "" when the column is empty or absent)."""

    old_code: str
    old_name: str
    new_code: str
    new_name: str
    share: object = None


@dataclass(frozen=True)
class Finding:
    """A problem found in a crosswalk (`row`: the 1-based crosswalk row) or in a table checked against it
    (`row`: the 1-based table row). The core words nothing: the command turns `key` and `values` into a
    sentence of the catalogs (`crosswalk.<key>`) with the file's place."""

    row: int | None
    code: str
    rule: str
    values: dict = field(default_factory=dict)
    severity: str = ERROR
    key: str = ""  # the message's key when it is not the rule's name (one rule, two wordings)

    @property
    def message_key(self) -> str:
        return f"crosswalk.{self.key or self.rule}"


class CrosswalkError(ValueError):
    """convert() refused its input: the first finding that stops it (or a key and values of its own)."""

    def __init__(self, key: str, values: dict):
        super().__init__(key, values)
        self.key, self.values = key, values


@dataclass(frozen=True)
class Crosswalk:
    parts: dict[str, list[tuple[str, Fraction]]]  # old code -> [(new code, share of 1)], in row order
    old_names: dict[str, str]
    new_names: dict[str, str]
    new_order: list[str]  # new codes in the order the crosswalk first lists them
    sources: dict[str, list[str]]  # new code -> the old codes that go (wholly or in part) into it


_FRACTION = re.compile(r"([0-9]+)\s*/\s*([0-9]+)")


def parse_share(value: object) -> tuple[Fraction, bool] | None:
    """(number, written as a percent?) for a share as written, or None when it is not a number."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float):
        value = Decimal(repr(value))
    if isinstance(value, (int, Fraction)):
        return Fraction(value), False
    if isinstance(value, Decimal):
        return (Fraction(value), False) if value.is_finite() else None
    if not isinstance(value, str):
        return None
    text = value.strip()
    percent = text.endswith("%")
    text = text.rstrip("%").strip()
    match = _FRACTION.fullmatch(text)
    if match:
        if int(match[2]) == 0:
            return None
        return Fraction(int(match[1]), int(match[2])), percent
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")  # 0,6: the Vietnamese decimal comma
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    if not number.is_finite() or not re.fullmatch(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)", text):
        return None  # no exponents, nan or inf
    return Fraction(number), percent


def _given(share: object) -> bool:
    return share is not None and not (isinstance(share, str) and not share.strip())


def _written(share: object) -> str:
    """A share as the file wrote it, for a message (Decimal('0.6') as 0.6)."""
    return share.strip() if isinstance(share, str) else str(share)


def _show(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    decimal = Decimal(value.numerator) / Decimal(value.denominator)
    return format(decimal.normalize(), "f") if Fraction(decimal) == value else str(value)


def build(rows: Sequence[Row]) -> tuple[Crosswalk | None, list[Finding]]:
    """The crosswalk of `rows`, or None and the findings that stop it (every one, in row order)."""
    findings: list[Finding] = []
    old_names: dict[str, tuple[str, int]] = {}
    new_names: dict[str, tuple[str, int]] = {}
    links: dict[str, list[tuple[int, str, object]]] = {}
    seen: dict[tuple[str, str], int] = {}
    new_order: dict[str, None] = {}  # an ordered set
    for number, row in enumerate(rows, 1):
        old, new = row.old_code.strip(), row.new_code.strip()
        for what, code, name in (("old", old, row.old_name), ("new", new, row.new_name)):
            if not code:
                findings.append(Finding(number, code, f"{what}-code-missing"))
            elif not name.strip():
                findings.append(Finding(number, code, f"{what}-name-missing", {"code": code}))
        if not old or not new:
            continue
        for what, code, name, names in (("old", old, row.old_name.strip(), old_names),
                                        ("new", new, row.new_name.strip(), new_names)):
            if not name:
                continue
            if code not in names:
                names[code] = (name, number)
            elif names[code][0] != name and not same_name(names[code][0], name):
                first, at = names[code]
                findings.append(Finding(number, code, f"{what}-name-conflict",
                                        {"code": code, "name": name, "first": first, "at": at}))
        if (old, new) in seen:
            findings.append(Finding(number, old, "duplicate-link",
                                    {"old": old, "new": new, "first": seen[(old, new)], "row": number}))
            continue
        seen[(old, new)] = number
        links.setdefault(old, []).append((number, new, row.share))
        new_order.setdefault(new, None)
    parts: dict[str, list[tuple[str, Fraction]]] = {}
    for old, items in links.items():
        shares = _unit_shares(old, old_names.get(old, ("", 0))[0], items, findings)
        if shares is not None:
            parts[old] = [(new, share) for (_, new, _), share in zip(items, shares)]
    findings.sort(key=lambda f: (f.row or 0))
    if any(f.severity == ERROR for f in findings):
        return None, findings
    sources: dict[str, list[str]] = {}
    for old, pieces in parts.items():
        for new, _ in pieces:
            sources.setdefault(new, []).append(old)
    return Crosswalk(parts, {c: n for c, (n, _) in old_names.items()}, {c: n for c, (n, _) in new_names.items()},
                     list(new_order), sources), findings


def _unit_shares(old: str, name: str, items: list[tuple[int, str, object]],
                 findings: list[Finding]) -> list[Fraction] | None:
    """The shares (of 1) of one old unit's rows, or None after adding the findings that stop them."""
    label = f"{old} ({name})" if name else old
    if len(items) == 1 and not _given(items[0][2]):
        return [Fraction(1)]
    parsed, ok = [], True
    for number, new, share in items:
        if not _given(share):
            findings.append(Finding(number, old, "share-missing", {"unit": label, "count": len(items), "new": new}))
            ok = False
            continue
        value = parse_share(share)
        if value is None:
            findings.append(Finding(number, old, "share-number", {"share": _written(share), "old": old, "new": new}))
            ok = False
        elif value[0] < 0:
            findings.append(Finding(number, old, "share-negative", {"share": _written(share), "old": old, "new": new}))
            ok = False
        else:
            parsed.append(value)
    if not ok:
        return None
    first_row = items[0][0]
    marks = {percent for _, percent in parsed}
    if len(marks) > 1:
        findings.append(Finding(first_row, old, "share-mixed", {"unit": label}))
        return None
    total = sum(value for value, _ in parsed)
    if marks == {True}:
        if total != 100:
            findings.append(Finding(first_row, old, "shares-total", {"unit": label, "total": _show(total)},
                                    key="shares-total-percent"))
            return None
        return [value / 100 for value, _ in parsed]
    if total == 100:
        return [value / 100 for value, _ in parsed]
    if total == 1:
        return [value for value, _ in parsed]
    findings.append(Finding(first_row, old, "shares-total", {"unit": label, "total": _show(total)}))
    return None


def check_table(crosswalk: Crosswalk, units: Sequence[tuple[str, str]]) -> list[Finding]:
    """Findings for a table of old units, (code, name) per row, against the crosswalk: a unit the crosswalk
    does not have (its people would be lost), a name that is not the crosswalk's (codes were reused, so
    the table may be in new units already), a unit listed twice; and, as warnings, new units only part
    of whose old units are in the table (their counts here are part of them)."""
    findings: list[Finding] = []
    seen: dict[str, int] = {}
    for number, (code, name) in enumerate(units, 1):
        code = code.strip()
        if code in seen:
            findings.append(Finding(number, code, "duplicate-unit",
                                    {"code": code, "name": name, "first": seen[code], "row": number}))
            continue
        seen[code] = number
        if code not in crosswalk.parts:
            findings.append(Finding(number, code, "unmapped", {"code": code, "name": name}))
            continue
        known = crosswalk.old_names.get(code, "")
        if known and known != name and not same_name(known, name):  # "Thọ Cường" is "Xã Thọ Cường"
            findings.append(Finding(number, code, "name-mismatch", {"code": code, "name": name, "known": known}))
    present = set(seen)
    reached: dict[str, None] = {}  # an ordered set
    for code in seen:
        for new, _ in crosswalk.parts.get(code, []):
            reached.setdefault(new, None)
    for new in reached:
        missing = [old for old in crosswalk.sources[new] if old not in present]
        if missing:
            findings.append(Finding(None, new, "partial-new-unit",
                                    {"code": new, "name": crosswalk.new_names.get(new, ""),
                                     "missing": ", ".join(missing)}, WARNING))
    return findings


def convert(crosswalk: Crosswalk, units: Sequence[tuple[str, str, Mapping[str, int]]],
            method: str = "hamilton", *, checked: bool = False) -> list[tuple[str, str, dict[str, int]]]:
    """Counts per old unit, (code, name, {column: count}), as counts per new unit, in the crosswalk's order
    of new units: merged units added up, divided units split exactly by their shares. Every column's total
    is kept. Raises CrosswalkError when check_table finds an error (`checked`: the caller ran it already and
    stopped on its errors), or the units' columns differ."""
    method = canonical_method(method)
    errors = [] if checked else [f for f in check_table(crosswalk, [(code, name) for code, name, _ in units])
                                 if f.severity == ERROR]
    if errors:
        raise CrosswalkError(errors[0].message_key, errors[0].values)
    columns = list(units[0][2]) if units else []
    totals: dict[str, dict[str, int]] = {}
    for code, name, counts in units:
        if list(counts) != columns:
            raise CrosswalkError("crosswalk.columns-differ", {"code": code, "name": name, "columns": ", ".join(counts),
                                                              "expected": ", ".join(columns)})
        pieces = crosswalk.parts[code.strip()]
        for column in columns:
            count = counts[column]
            if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                raise CrosswalkError("crosswalk.not-a-count", {"code": code, "name": name, "column": column,
                                                              "count": repr(count)})
        if len(pieces) == 1:
            new = pieces[0][0]
            into = totals.setdefault(new, dict.fromkeys(columns, 0))
            for column in columns:
                into[column] += counts[column]
            continue
        scale = lcm(*(share.denominator for _, share in pieces))
        weights = [share.numerator * (scale // share.denominator) for _, share in pieces]
        for column in columns:
            split = apportion(counts[column], weights, method=method)
            for (new, _), part in zip(pieces, split):
                totals.setdefault(new, dict.fromkeys(columns, 0))[column] += part
    return [(new, crosswalk.new_names[new], totals[new]) for new in crosswalk.new_order if new in totals]
