"""`bhxh allocate` through levels in one run: when the communes table says which district (or group) each
commune is under (a `parent` column, or `Mã huyện` / `Huyện`), the plan's targets go first to the districts
(weighted, floored and capped by the sums of their communes) and each district's target then to its communes,
exact at every level (core/levels.py). Written as a table, csv, json, or a version 2 plan with the tree."""

from __future__ import annotations

from typing import Any, TextIO

from bhxh_cli import i18n
from bhxh_cli.commands.output import Report, deliver, plan_header, plan_title
from bhxh_cli.diagnostics import Diagnostic, InputError
from bhxh_cli.messages import tr, trn
from bhxh_cli.output.render import Column, Table

KEYS = ["code", "name", "level", "parent", "scheme", "eligible", "enrolled", "target", "rate"]
EXPLAIN_KEYS = ["quota", "remainder", "priority", "bound", "tie"]


def allocate_through_levels(plan, table, chosen: list[str], *, method: str, basis: str, floor: bool | None,
                            fmt: str, output: str | None, kind: str | None, force: bool, lang: str, out: TextIO,
                            err: TextIO, inputs: list[str], signer: str | None = None,
                            appendix: str | None = None, explain: bool = False) -> int:
    from bhxh_cli.core.allocation import AllocationError
    from bhxh_cli.core.levels import Unit, allocate_levels, level_of

    from bhxh_cli.commands.allocate_v2 import parent_kind, table_tree

    parents, of_row = table_tree(table)
    level = "group" if plan.plan.year > 2025 else "district"  # no districts since the 2025 reform
    # each parent's kind, written into the plan -o makes, and its level as gap will read that plan back
    kinds = {key: parent_kind(name, plan.plan.year) for key, _, name in parents}
    district = dict(plan.schemes.items())
    results: dict[str, list] = {}
    problems = []
    floored = False
    for scheme in chosen:
        keep = floor is not False and basis == "eligible" and f"{scheme}_enrolled" in table.columns
        floored = floored or keep
        units = [Unit(key, name, level_of(kinds[key]), None) for key, _, name in parents]
        units += [Unit(f"row {r.row}", r.name, "commune", of_row[r.row], r.counts[f"{scheme}_eligible"],
                       r.counts.get(f"{scheme}_enrolled")) for r in table.rows]
        try:
            results[scheme] = allocate_levels(scheme, district[scheme].enrolled, units, method=method, basis=basis,
                                              floor_enrolled=keep, reasons=explain)
        except AllocationError as error:
            owner = getattr(error, "parent", None)  # a district's own split: named before the reason
            from bhxh_cli.commands.inputs import allocation_problem

            reason = allocation_problem(error, tr(f"scheme.{scheme}"))
            message = reason if owner is None else tr("levels.infeasible_in", unit=owner, error=reason)
            problems.append(Diagnostic(table.file, None, None, "", message, "infeasible"))
    if problems:
        raise InputError(problems)
    codes = {key: code for key, code, _ in parents}
    codes.update({f"row {r.row}": r.code for r in table.rows})
    flat = [{"code": codes[u.code] or None, "name": u.name, "level": u.level,
             "parent": (codes[u.parent] or u.parent) if u.parent is not None else None, "scheme": u.scheme,
             "eligible": u.eligible, "enrolled": u.enrolled, "target": u.target, "rate": u.rate,
             **(_reasons(u) if explain else {})}
            for scheme in chosen for u in results[scheme]]
    document = {"plan": plan_header(plan), "method": method, "basis": basis,
                "floor": "enrolled" if floored else None, "units": flat}
    if kind == "yaml":
        from bhxh_cli.output.files import write_atomic

        text = _plan_text(plan, parents, table, results, codes, kinds, inputs[-1], method, output)
        write_atomic(output, text.encode("utf-8"), force=force, inputs=inputs)
    else:
        def tables(explained: bool = explain) -> list[Table]:
            return [_table(plan, scheme, results[scheme], codes, lang, explained, method) for scheme in chosen]

        def workbook():  # one appendix sheet per scheme, as for a version 2 plan
            from bhxh_cli.commands.v2_sheets import appendix_sheets

            return appendix_sheets(plan, tables(False), lang, signer=signer, appendix=appendix)

        report = Report(tables, KEYS + (EXPLAIN_KEYS if explain else []), flat, document, workbook)
        deliver(report, fmt=fmt, lang=lang, out=out, output=output, kind=kind, force=force, inputs=inputs)
    if output is not None:
        err.write(trn("levels.wrote", len(chosen), file=output, parents=len(parents), schemes=len(chosen),
                      level=i18n.label(f"level.{level}", lang), communes=len(table.rows),
                      method=i18n.label(f"method.{method}", lang), basis=i18n.label(f"basis.{basis}", lang)) + "\n")
    return 0


def _reasons(unit) -> dict[str, Any]:
    """Why a unit got its target: the split's exact quota, remainder or priority, bound and tie."""
    from bhxh_cli.commands.allocate_v2 import exact

    return {"quota": exact(unit.quota), "remainder": exact(unit.remainder), "priority": exact(unit.priority),
            "bound": unit.bound, "tie": unit.tie}


def _table(plan, scheme: str, rows: list, codes: dict[str, str], lang: str, explain: bool = False,
           method: str = "") -> Table:
    """The tree as it reads: each district, then its communes under it."""
    below: dict[str | None, list] = {}
    for unit in rows:
        below.setdefault(unit.parent, []).append(unit)
    ordered: list[dict[str, Any]] = []
    for parent in below.get(None, []):
        for unit in [parent] + below.get(parent.code, []):
            indent = "" if unit.parent is None else "  "  # a commune under its district
            ordered.append({"code": codes[unit.code], "name": indent + unit.name,
                            "level": _level(unit.level, lang), "eligible": unit.eligible,
                            "enrolled": unit.enrolled, "target": unit.target, "rate": unit.rate})
            if explain:
                from bhxh_cli.core.rates import round_half_up

                ordered[-1].update({
                    "quota": round_half_up(unit.quota, 2) if unit.quota is not None else None,
                    "remainder": round_half_up(unit.remainder, 3) if unit.remainder is not None else None,
                    "priority": round_half_up(unit.priority, 3) if unit.priority is not None else None,
                    "bound": i18n.label(f"bound.{unit.bound}", lang) if unit.bound else "",
                    "tie": i18n.label("tie.yes", lang) if unit.tie else ""})
    top = below.get(None, [])
    enrolled = [u.enrolled for u in top]
    total = {"name": i18n.label("total", lang), "eligible": sum(u.eligible for u in top),
             "enrolled": sum(enrolled) if None not in enrolled else None, "target": sum(u.target for u in top)}
    from bhxh_cli.core.rates import rate

    total["rate"] = rate(total["target"], total["eligible"])
    columns = [Column("code"), Column("name", "text", "unit_name"), Column("level"),
               Column("eligible", "count"), Column("enrolled", "count", "enrolled_now"),
               Column("target", "count", "target"), Column("rate", "percent", "target_rate")]
    if explain:
        columns += [Column("quota", "decimal"), Column("remainder" if method == "hamilton" else "priority", "decimal"),
                    Column("bound", "text"), Column("tie", "text")]
    title = i18n.label("allocate.levels.title", lang, scheme=i18n.label(scheme, lang))
    return Table(plan_title(plan, lang, title), columns, ordered, total,
                 notes=[i18n.label("allocate.levels.note", lang)])


def _level(level: str, lang: str) -> str:
    """A level's name in the user's language; a group's kind (nhóm) as it is."""
    return i18n.label(f"level.{level}", lang) if f"level.{level}" in i18n.LABELS else level


def _plan_text(plan, parents, table, results, codes, kinds, source: str, method: str, output: str) -> str:
    """The plan as format version 2 with the tree of targets; validated before it is written."""
    from bhxh_cli.plan.loading import parse
    from bhxh_cli.plan.planfile import _comment, _text
    from bhxh_cli.plan.reading import validate_v2
    from bhxh_cli.plan.upgrade import kind_from_name

    info = plan.plan
    lines = ["# " + _comment(tr("plan_comment.levels", file=source, method=method)), "version: 2", "plan:"]
    for key in ("number", "title", "issuer", "area"):
        value = getattr(info, key)
        if value is not None:
            lines.append(f"  {key}: {_text(value)}")
    lines.append(f"  year: {info.year}")
    if info.issued is not None:
        lines.append(f"  issued: {info.issued.isoformat()}")
    lines.append("schemes:")
    for scheme, counts in plan.schemes.items():
        if scheme in results:  # the plan's own figures, all kept: its printed rate and last year's count too
            extra = "".join(f", {key}: {value}" for key, value in (("rate", counts.rate), ("baseline", counts.baseline))
                            if value is not None)
            lines.append(f"  {scheme}: {{eligible: {counts.eligible}, target: {counts.enrolled}{extra}}}")
    by_unit: dict[str, dict[str, Any]] = {}
    for scheme, rows in results.items():
        for unit in rows:
            by_unit.setdefault(unit.code, {})[scheme] = unit
    lines.append("units:")
    children: dict[str, list[str]] = {}
    for row in table.rows:
        key = f"row {row.row}"
        parent = next(iter(by_unit[key].values())).parent
        children.setdefault(parent, []).append(key)

    def unit_lines(key: str, indent: str) -> list[str]:
        first = next(iter(by_unit[key].values()))
        out = []
        code = codes[key]
        out.append(f"{indent}- code: {_text(code)}" if code else f"{indent}- name: {_text(first.name)}")
        if code:
            out.append(f"{indent}  name: {_text(first.name)}")
        kind = kinds.get(key) or kind_from_name(first.name)
        if kind is not None:
            out.append(f"{indent}  kind: {kind}")
        out.append(f"{indent}  schemes:")
        for scheme, unit in by_unit[key].items():
            figures = f"eligible: {unit.eligible}" + (f", enrolled: {unit.enrolled}" if unit.enrolled is not None
                                                       else "") + f", target: {unit.target}"
            out.append(f"{indent}    {scheme}: {{{figures}}}")
        if key in children:
            out.append(f"{indent}  units:")
            for child in children[key]:
                out.extend(unit_lines(child, indent + "    "))
        return out

    for key, _, _ in parents:
        lines.extend(unit_lines(key, "  "))
    text = "\n".join(lines) + "\n"
    doc, problems, refused = parse(text, output)
    written, more = validate_v2(doc, refused)
    if written is None or problems or more:  # what bhxh writes, bhxh reads back: otherwise nothing is written
        from bhxh_cli.commands.allocate_v2 import unwritten

        raise InputError(unwritten(problems + more, table.file, output))
    return text
