"""Registries of official units: a user's dated list (CSV or workbook: code, name, kind, parent, valid_from,
valid_to; or Vietnamese headers "Mã", "Tên", "Loại", "Trực thuộc", "Từ ngày", "Đến ngày"), or `vn`: the 34
provinces' 3,321 communes, wards and special zones since 1 July 2025, from the `vietnam-provinces` package.
And the wording of core.registry's findings, for plans (check) and reports (gap) alike.
"""

from __future__ import annotations

import datetime as dt
import re

from bhxh_cli.core.codes import invisible_character
from bhxh_cli.core.registry import WARNING, Finding, Registry, Unit, check_units
from bhxh_cli.diagnostics import Diagnostic, InputError, UsageError
from bhxh_cli.messages import tr
from bhxh_cli.sources import collector_paused
from bhxh_cli.tables.communes import CommuneTable, sheet_with
from bhxh_cli.tables.headers import HEADER_SEARCH_ROWS, fold_header
from bhxh_cli.tables.positions import Places, no_header_said
from bhxh_cli.tables.records import cells_beyond_header, read_records_under

BUILT_IN = "vn"
REFORM = dt.date(2025, 7, 1)  # the two-level local government (no districts) since 1 July 2025
_ALIASES = {
    "code": ("code", "ma", "ma_don_vi", "ma_dvhc", "ma_xa", "ma_so", "ma_don_vi_hanh_chinh"),
    "name": ("name", "ten", "ten_don_vi", "ten_xa", "ten_don_vi_hanh_chinh", "don_vi"),
    "kind": ("kind", "loai", "cap", "loai_don_vi", "cap_hanh_chinh"),
    "parent": ("parent", "truc_thuoc", "ma_cap_tren", "ma_huyen", "ma_tinh", "cap_tren"),
    "valid_from": ("valid_from", "tu_ngay", "hieu_luc_tu", "hieu_luc_tu_ngay", "ngay_hieu_luc"),
    "valid_to": ("valid_to", "den_ngay", "hieu_luc_den", "hieu_luc_den_ngay", "het_hieu_luc"),
}
_KEY_OF = {alias: key for key, aliases in _ALIASES.items() for alias in aliases}
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[T ]00:00(?::00)?)?")
_DMY = re.compile(r"([0-9]{1,2})([/.-])([0-9]{1,2})\2([0-9]{4})")


def read_registries(sources: list[str]) -> Registry:
    """One registry of every source named: `vn` or a file."""
    registry: Registry | None = None
    for source in sources:
        found = builtin_registry() if source.strip().lower() == BUILT_IN else read_registry(source)
        registry = found if registry is None else registry.merged(found)
    return registry if registry is not None else Registry([])


def builtin_registry() -> Registry:
    """The communes, wards and special zones since 1 July 2025 (vietnam-provinces), codes as the official
    list writes them (five digits: 03408), each under its province's code."""
    import importlib.util
    import json
    import os

    # The package's data file, read without importing the package (its enums of 3,321 codes cost time).
    spec = importlib.util.find_spec("vietnam_provinces")
    if spec is None or not spec.submodule_search_locations:
        raise UsageError(tr("registry.no_package"))
    path = os.path.join(list(spec.submodule_search_locations)[0], "data", "nested-divisions.json")
    with open(path, encoding="utf-8") as handle:
        provinces = json.load(handle)
    units = [Unit(f"{ward['code']:05d}", ward["name"], ward["division_type"], f"{province['code']:02d}", REFORM)
             for province in provinces for ward in province["wards"]]
    areas = {f"{province['code']:02d}": province["name"] for province in provinces}
    return Registry(units, BUILT_IN, areas)


def read_registry(path: str, *, sheet: str | None = None) -> Registry:
    with collector_paused():
        return _read_registry(path, sheet)


def _read_registry(path: str, sheet: str | None) -> Registry:
    records, places, delimiter = read_records_under(path, sheet, _header)
    header, position, texts = _header(places, records)
    problems: list[Diagnostic] = cells_beyond_header(places, records, header, texts, delimiter)

    def problem(row: int, key: str, message: str, rule: str) -> None:
        index = position.get(key)
        problems.append(places.at(row, index, texts[index] if index is not None else "", key, message, rule))

    units: list[tuple[int, Unit]] = []
    for number, record in enumerate(records[header + 1:], start=header + 2):
        if not "".join(record).strip():
            continue
        cells = {key: (record[index].strip() if index < len(record) else "") for key, index in position.items()}
        if not cells["code"]:
            problem(number, "code", tr("registry.empty_code"), "missing-value")
        elif invisible_character(cells["code"]):
            problem(number, "code", tr("crosswalk.invisible", character=invisible_character(cells["code"])),
                    "invisible-character")
        if not cells["name"]:
            problem(number, "name", tr("registry.empty_name"), "missing-value")
        dates = {}
        for key in ("valid_from", "valid_to"):
            text = cells.get(key, "")
            dates[key] = _date(text) if text else None
            if text and dates[key] is None:
                problem(number, key, tr("registry.bad_date", text=text), "bad-date")
        if dates["valid_from"] and dates["valid_to"] and dates["valid_to"] < dates["valid_from"]:
            problem(number, "valid_to", tr("registry.period_reversed", start=_shown(dates["valid_from"]),
                                           end=_shown(dates["valid_to"])), "bad-date")
        units.append((number, Unit(cells["code"], " ".join(cells["name"].split()), cells.get("kind", ""),
                                   cells.get("parent", ""), dates["valid_from"], dates["valid_to"])))
    if not units and not problems:
        raise InputError([places.at(header + 1, None, "", "", tr("registry.empty"), "empty-table")])
    seen: dict[str, list[tuple[int, Unit]]] = {}
    for number, unit in units:
        for at, other in seen.get(unit.code, ()):
            if _overlap(unit, other):
                problem(number, "code", tr("registry.overlap", code=unit.code, row=at, name=other.name),
                        "registry-overlap")
                break
        seen.setdefault(unit.code, []).append((number, unit))
    if problems:
        raise InputError(sorted(problems, key=lambda d: d.line or 0))
    return Registry([unit for _, unit in units], path)


def _overlap(one: Unit, other: Unit) -> bool:
    start = max(one.valid_from or dt.date.min, other.valid_from or dt.date.min)
    end = min(one.valid_to or dt.date.max, other.valid_to or dt.date.max)
    return start <= end


def _date(text: str) -> dt.date | None:
    try:
        found = _ISO.fullmatch(text)
        if found:
            return dt.date(int(found[1]), int(found[2]), int(found[3]))
        found = _DMY.fullmatch(text)
        if found:
            return dt.date(int(found[4]), int(found[3]), int(found[1]))
    except ValueError:
        return None
    return None


def _shown(date: dt.date) -> str:
    return f"{date:%d/%m/%Y}"


def _header(places: Places, records: list[list[str]]) -> tuple[int, dict[str, int], list[str]]:
    for index, record in enumerate(records[:HEADER_SEARCH_ROWS]):
        keys = [_KEY_OF.get(fold_header(cell), "") for cell in record]
        if "code" not in keys or "name" not in keys:
            continue
        position: dict[str, int] = {}
        for column, key in enumerate(keys):
            if key and key not in position:
                position[key] = column
        return index, position, [cell.strip() for cell in record]
    other = sheet_with(places, _has_header) if places.sheet is not None else None
    message = (tr("registry.no_header", rows=HEADER_SEARCH_ROWS) if other is None else
               tr("registry.no_header.other_sheet", rows=HEADER_SEARCH_ROWS, sheet=places.sheet, other=other))
    raise InputError([places.at(1, None, "", "", no_header_said(places, message), "missing-column")])


def _has_header(places: Places, records: list[list[str]]) -> bool:
    return any({"code", "name"} <= {_KEY_OF.get(fold_header(cell), "") for cell in record}
               for record in records[:HEADER_SEARCH_ROWS])


# -- the findings, worded -------------------------------------------------------------------------------------

def message(finding: Finding, registry: Registry, date: dt.date) -> str:
    """A finding of core.registry as a sentence of the catalogs, with its suggestion."""
    values = dict(finding.values)
    code, name = values.pop("suggested_code", None), values.pop("suggested_name", None)
    hint = tr("registry.hint", code=code, name=name) if code else ""
    if finding.key == "registry.not_valid":
        start, end = values.pop("valid_from"), values.pop("valid_to")
        period = (tr("registry.period.between", start=_shown(start), end=_shown(end)) if start and end else
                  tr("registry.period.from", start=_shown(start)) if start else
                  tr("registry.period.to", end=_shown(end)))
        values["period"] = period
    return tr(finding.key, registry=registry.label, date=_shown(date), hint=hint, **values)


def report_problems(table: CommuneTable, registry: Registry, date: dt.date) -> list[Diagnostic]:
    """A report's (or any communes table's) units checked against a registry at `date` (the report's date),
    as problems at the table's rows: for `gap --registry`."""
    problems = []
    for finding in check_units(registry, [(row.code, row.name) for row in table.rows], date):
        row = table.rows[finding.index]
        key = "name" if finding.rule == "unit-name-mismatch" or not row.code else "code"
        found = table.problem(row.row, key, message(finding, registry, date), finding.rule)
        if finding.severity == WARNING:
            found = Diagnostic(found.file, found.line, found.column, found.path, found.message, found.rule,
                               WARNING, found.sheet)
        problems.append(found)
    return problems


__all__ = ["BUILT_IN", "builtin_registry", "message", "read_registries", "read_registry", "report_problems"]
