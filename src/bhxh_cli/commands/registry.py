"""A plan's units (version 1: `communes`; version 2: `units`, at every level) checked against registries of
official units at the plan's date (`bhxh check --registry vn|FILE`): every code must mean, at that date, the
unit the plan names; a wrong one is told with the right one."""

from __future__ import annotations

import datetime as dt

from bhxh_cli.core.registry import outside_area, WARNING, Registry, check_units
from bhxh_cli.diagnostics import ERROR, Diagnostic
from bhxh_cli.messages import tr
from bhxh_cli.tables.registry import message


def plan_date(data: object) -> dt.date | None:
    """The date a plan's units are checked at: its date of issue, else the first day of its year."""
    info = data.get("plan") if isinstance(data, dict) else None
    if not isinstance(info, dict):
        return None
    issued = info.get("issued")
    if isinstance(issued, dt.date):
        return issued
    if isinstance(issued, str):
        try:
            return dt.date.fromisoformat(issued.strip())
        except ValueError:
            pass  # the plan's own check says what is wrong with it
    year = info.get("year")
    return dt.date(year, 1, 1) if type(year) is int and 1900 < year < 2200 else None


def _units(data: object) -> list[tuple[tuple, str, str, str]]:
    """(path, code, name, kind) of every unit of a plan, in file order, whatever its version."""
    found: list[tuple[tuple, str, str, str]] = []

    def walk(items: object, path: tuple) -> None:
        if not isinstance(items, list):
            return
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            code, name, kind = item.get("code"), item.get("name"), item.get("kind")
            found.append((path + (index,), *(text if isinstance(text, str) else "" for text in (code, name, kind))))
            walk(item.get("units"), path + (index, "units"))

    if isinstance(data, dict):
        walk(data.get("communes"), ("communes",))
        walk(data.get("units"), ("units",))
    return found


def _dotted(path: tuple) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def plan_unit_diagnostics(doc, registry: Registry) -> list[Diagnostic]:
    units = _units(doc.data)
    if not units:
        return []
    date = plan_date(doc.data)
    if date is None:
        line, column = doc.position(("plan",))
        return [Diagnostic(doc.file, line, column, "plan", tr("registry.no_date"), "unit-not-valid-at-date")]
    if not registry.covers(date):  # every unit would be "unknown": say once which list is missing
        path = ("plan", "issued") if isinstance(doc.data.get("plan"), dict) and "issued" in doc.data["plan"] \
            else ("plan", "year")
        line, column = doc.position(path)
        starts = [unit.valid_from for unit in registry.units if unit.valid_from is not None]
        return [Diagnostic(doc.file, line, column, _dotted(path),
                           tr("registry.not_at_date", registry=registry.label, date=f"{date:%d/%m/%Y}",
                              start=f"{min(starts):%d/%m/%Y}" if starts else "?"), "registry-not-at-date")]
    found = []
    pairs = [(code, name) for _, code, name, _ in units]
    info = doc.data.get("plan") if isinstance(doc.data, dict) else None
    area = info.get("area") if isinstance(info, dict) else None
    outside = outside_area(registry, pairs, date, area) if isinstance(area, str) and area.strip() else []
    for finding in outside + check_units(registry, pairs, date, [kind for *_, kind in units]):
        path, code, _, _ = units[finding.index]
        field = {"unit-name-mismatch": "name", "unit-kind-mismatch": "kind"}.get(finding.rule,
                                                                               "code" if code else "name")
        line, column = doc.position(path + (field,))
        found.append(Diagnostic(doc.file, line, column, _dotted(path + (field,)), message(finding, registry, date),
                                finding.rule, WARNING if finding.severity == WARNING else ERROR))
    return found


__all__ = ["plan_date", "plan_unit_diagnostics"]
