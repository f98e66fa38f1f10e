"""`bhxh allocate`: split the district's targets among communes; tables, workbooks and plan files."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TextIO

from bhxh_cli import i18n
from bhxh_cli.commands.output import (
    Report,
    deliver,
    leading_columns,
    plan_header,
    plan_title,
    scheme_group,
    title_block,
)
from bhxh_cli.core import rates as rates_core
from bhxh_cli.diagnostics import Diagnostic, InputError, UsageError
from bhxh_cli.messages import tr, trn
from bhxh_cli.output.render import Column, Table

if TYPE_CHECKING:  # the models import pydantic, which a clean version-1 plan is read without (plan/plain.py)
    from bhxh_cli.plan.models import Plan


def allocate(communes_file: str | None, *, plan_file: str | None, schemes: list[str], method: str, basis: str,
             floor: bool | None, explain: bool, fmt: str, output: str | None, force: bool, lang: str,
             out: TextIO, err: TextIO, sheet: str | None = None, signer: str | None = None,
             appendix: str | None = None) -> int:
    from bhxh_cli.commands.inputs import not_bundled_area, parse_schemes, warn_unread
    from bhxh_cli.core.allocation import AllocationError, CommuneCounts
    from bhxh_cli.core.allocation import allocate as split
    from bhxh_cli.core.apportion import canonical_method
    from bhxh_cli.output.files import check_target, output_kind
    from bhxh_cli.plan.plain import bundled_plan
    from bhxh_cli.plan.reading import read_any_plan
    from bhxh_cli.tables.communes import read_communes

    try:
        method = canonical_method(method)
    except ValueError:
        from bhxh_cli.core.apportion import METHODS

        raise UsageError(tr("allocate.method", method=method, choices=", ".join(sorted(METHODS)))) from None
    plan_path = plan_file if plan_file is not None else bundled_plan()
    kind = None
    if output is not None:
        kind = output_kind(output)
        check_target(output, force=force, inputs=[plan_path] + ([communes_file] if communes_file else []))
    doc, plan, problems = read_any_plan(plan_path)
    if plan is None:
        raise InputError(problems)
    if plan.version != 1:  # format version 2: its own tree, or a table's communes
        from bhxh_cli.commands.allocate_v2 import allocate_v2
        from bhxh_cli.plan.view import from_v2

        return allocate_v2(doc, from_v2(plan), communes_file=communes_file, plan_path=plan_path, schemes=schemes,
                           method=method, basis=basis, floor=floor, explain=explain, fmt=fmt, output=output,
                           kind=kind, force=force, lang=lang, out=out, err=err, sheet=sheet, signer=signer,
                           appendix=appendix)
    if communes_file is None:
        raise UsageError(tr("allocate.needs_communes"))
    if plan.communes and not force:
        line, column = doc.position(("communes",), key=True)
        raise InputError([Diagnostic(doc.file, line, column, "communes", trn("allocate.has_communes", len(plan.communes)),
                                     "plan-has-communes")])
    district = dict(plan.schemes.items())
    chosen = parse_schemes(schemes, list(district)) or list(district)
    if kind == "yaml" and len(chosen) != len(district):
        raise UsageError(tr("allocate.yaml_needs_every_scheme", file=output, schemes=", ".join(district)))
    # The floor (no commune below its enrolment now) is the default wherever the table gives enrolment;
    # `--floor enrolled` also demands the columns, `--no-floor` (floor False) turns it off.
    need_enrolled = basis == "headroom" or floor is True
    required = [f"{s}_eligible" for s in chosen] + ([f"{s}_enrolled" for s in chosen] if need_enrolled else [])
    optional = [] if need_enrolled else [f"{s}_enrolled" for s in chosen]
    table = read_communes(communes_file, required=required, optional=optional + ["parent", "parent_name"],
                          sheet=sheet)
    warn_unread(table, err)
    if plan_file is None:
        foreign = not_bundled_area(plan, table, "table")
        if foreign is not None:
            raise InputError([foreign])
    if "parent" in table.columns or "parent_name" in table.columns:  # a tree: districts, then their communes
        from bhxh_cli.commands.allocate_levels import allocate_through_levels

        return allocate_through_levels(plan, table, chosen, method=method, basis=basis, floor=floor, fmt=fmt,
                                       output=output, kind=kind, force=force, lang=lang, out=out, err=err,
                                       inputs=[plan_path, communes_file], signer=signer, appendix=appendix,
                                       explain=explain)
    results, problems = [], []
    floored = []
    for scheme in chosen:
        counts = [CommuneCounts(r.code, r.name, r.counts[f"{scheme}_eligible"], r.counts.get(f"{scheme}_enrolled"))
                  for r in table.rows]
        keep = floor is not False and basis == "eligible" and f"{scheme}_enrolled" in table.columns
        if keep:
            floored.append(scheme)
        eligible = sum(c.eligible for c in counts)
        if eligible != district[scheme].eligible:
            difference = eligible - district[scheme].eligible
            err.write(tr("allocate.eligible_differs", file=communes_file, scheme=tr(f"scheme.{scheme}"), eligible=eligible,
                         district=district[scheme].eligible, difference=f"{difference:+d}") + "\n")
        try:
            results.append(split(scheme, district[scheme].enrolled, counts, method=method, basis=basis,
                                 floor_enrolled=keep, reasons=explain))
        except AllocationError as error:
            from bhxh_cli.commands.inputs import allocation_problem

            problems.append(Diagnostic(communes_file, None, None, "", allocation_problem(error, tr(f"scheme.{scheme}")),
                                       "infeasible"))
    if problems:
        raise InputError(problems)
    if floor is False and basis == "eligible":
        for result in results:
            below = sum(row.enrolled is not None and row.target < row.enrolled for row in result.rows)
            if below and sum(row.enrolled for row in result.rows) <= result.total:  # the floor would work
                err.write(trn("allocate.below_enrolled.floor", below, scheme=tr(f"scheme.{result.scheme}"),
                             of=len(result.rows)) + "\n")
            elif below:
                err.write(trn("allocate.below_enrolled", below, scheme=tr(f"scheme.{result.scheme}"),
                             of=len(result.rows)) + "\n")
    has_enrolled = all(row.enrolled is not None for result in results for row in result.rows)
    # the rows are made once: csv and json print them, the tables show them (--explain rounds its own copy)
    made = [[_allocation_dict(row, explain) for row in result.rows] for result in results]
    flat = [item for items in made for item in items]
    keys = ["code", "name", "scheme", "eligible", "enrolled", "target", "rate"]
    if explain:
        keys += ["quota", "remainder", "priority", "bound", "tie"]
    document = {"plan": plan_header(plan), "method": method, "basis": basis, "floor": "enrolled" if floored else None,
                "allocations": flat}
    report = Report(lambda: [_allocation_table(plan, result, lang, has_enrolled, explain, None if explain else rows)
                             for result, rows in zip(results, made)],
                    keys, flat, document, lambda: _document(allocation_workbook(plan, results, lang, has_enrolled), plan, signer, appendix))
    if kind == "yaml":
        from bhxh_cli.output.files import write_atomic

        text = _plan_with_communes(doc, plan, results, table, doc.source, method, basis, communes_file)
        write_atomic(output, text.encode("utf-8"), force=force, inputs=[plan_path, communes_file])
    else:
        deliver(report, fmt=fmt, lang=lang, out=out, output=output, kind=kind, force=force,
                inputs=[plan_path, communes_file])
    if output is None:
        return 0
    err.write(tr("allocate.wrote.one" if len(results) == 1 else "allocate.wrote", file=output,
                 communes=len(table.rows), schemes=len(results), method=i18n.label(f"method.{method}", lang),
                 basis=i18n.label(f"basis.{basis}", lang)) + "\n")
    return 0


def _document(table, plan, signer: str | None, appendix: str | None):
    from bhxh_cli.commands.documents import with_signature

    return with_signature(table, plan, signer, appendix)


def _allocation_dict(row, explain: bool) -> dict[str, Any]:
    item = {"code": row.code, "name": row.name, "scheme": row.scheme, "eligible": row.eligible,
            "enrolled": row.enrolled, "target": row.target, "rate": row.rate}
    if explain:  # (the import only here: this runs once a commune and scheme, 32,000 times for a country)
        from bhxh_cli.commands.allocate_v2 import exact as _exact

        item.update({"quota": _exact(row.quota), "remainder": _exact(row.remainder),
                     "priority": _exact(row.priority), "bound": row.bound, "tie": row.tie})
    return item


def _allocation_table(plan: Plan, result, lang: str, has_enrolled: bool, explain: bool,
                      rows: list[dict[str, Any]] | None = None) -> Table:
    if rows is None:
        rows = [_allocation_dict(row, explain) for row in result.rows]
    for row in rows:
        if explain:
            row["quota"] = rates_core.round_half_up(row["quota"], 2) if row["quota"] is not None else None
            row["bound"] = i18n.label(f"bound.{row['bound']}", lang) if row["bound"] else ""
            row["tie"] = i18n.label("tie.yes", lang) if row["tie"] else ""
    total = {"code": "", "name": i18n.label("total", lang),
             "eligible": sum(r.eligible for r in result.rows),
             "enrolled": sum(r.enrolled for r in result.rows) if has_enrolled else None,
             "target": sum(r.target for r in result.rows)}
    total["rate"] = rates_core.rate(total["target"], total["eligible"])
    columns = [Column("code"), Column("name", "text", i18n.units_key("name", plan.plan.year)),
               Column("eligible", "count")]
    if has_enrolled:
        columns.append(Column("enrolled", "count", "enrolled_now"))
    columns += [Column("target", "count"), Column("rate", "percent", "target_rate")]
    if explain:
        columns += [Column("quota", "decimal"),
                    Column("remainder" if result.method == "hamilton" else "priority", "decimal"),
                    Column("bound", "text"), Column("tie", "text")]
        for row in rows:
            key = "remainder" if result.method == "hamilton" else "priority"
            row[key] = rates_core.round_half_up(row[key], 3) if row[key] is not None else None
    title = i18n.label(i18n.units_key("allocate.title", plan.plan.year), lang, scheme=i18n.label(result.scheme, lang))
    basis = f"allocate.basis.{result.basis}" + (".floor" if result.floor else "")
    notes = [i18n.label(basis, lang, method=i18n.label(f"method.{result.method}", lang))]
    if explain and result.rate is not None:
        shown = rates_core.round_half_up(result.rate * 100, 3)
        notes.append(i18n.label(f"allocate.rate.{result.basis}", lang, rate=i18n.format_decimal(shown, lang)))
    if explain:
        notes += i18n.explain_notes(result.method, "commune", lang, tie=any(r.tie for r in result.rows),
                                    bound=any(r.bound for r in result.rows))
    return Table(plan_title(plan, lang, title), columns, rows, total, notes)


def _plan_with_communes(doc, plan: Plan, results, table, text: str, method: str, basis: str, source: str) -> str:
    import os

    from bhxh_cli.plan.planfile import communes_block, with_communes
    from bhxh_cli.plan.plain import clean_plan, commune_problems

    problems = []
    for result in results:
        district = getattr(plan.schemes, result.scheme)
        eligible = sum(r.eligible for r in result.rows)
        if eligible != district.eligible:
            problems.append(Diagnostic(source, None, None, "", tr("allocate.yaml_sum_mismatch", scheme=tr(f"scheme.{result.scheme}"),
                                          eligible=eligible, district=district.eligible), "sum-mismatch"))
    if problems:
        raise InputError(problems)
    # By position, not by code: a table of names only has no codes (each result lists the table's rows in order).
    by_row: list[dict[str, dict[str, int]]] = [{} for _ in table.rows]
    for result in results:
        for index, row in enumerate(result.rows):
            counts = {"eligible": row.eligible, "enrolled": row.target}
            if row.enrolled is not None:
                counts["baseline"] = row.enrolled
            by_row[index][result.scheme] = counts
    comment = tr("plan_comment.allocate", file=os.path.basename(source), method=method, basis=basis)
    block = communes_block(((row.code, row.name, counts) for row, counts in zip(table.rows, by_row)), comment)
    written = with_communes(text, doc, plan, block)
    # Never write a plan that `check` would refuse. The text is built from validated parts, so checking the
    # data it holds (not parsing the text again, which costs seconds at 10,600 communes) is enough here;
    # tests parse it back.
    data = dict(doc.data, communes=[{**({"code": row.code} if row.code else {}), "name": row.name, **counts}
                                    for row, counts in zip(table.rows, by_row)])
    try:
        checked = clean_plan(data)
        if checked is None:  # the models say why (a bug if it happens)
            from bhxh_cli.plan.models import Plan

            checked = Plan.model_validate(data)
    except Exception as error:  # pragma: no cover - a bug if it happens
        raise InputError([Diagnostic(source, None, None, "", f"the plan with communes would not be valid: "
                                     f"{error}", "internal")]) from None
    left = commune_problems(checked)
    if left:  # pragma: no cover - sums and uniqueness were checked before
        raise InputError([Diagnostic(source, None, None, ".".join(map(str, path)), message, rule)
                          for path, message, rule in left])
    return written


def allocation_workbook(plan: Plan, results, lang: str, has_enrolled: bool):
    from bhxh_cli.output.workbook import WideColumn, WideTable

    columns = leading_columns(lang)
    columns[2] = WideColumn("name", i18n.label(i18n.units_key("name", plan.plan.year), lang))
    for result in results:
        group = scheme_group(result.scheme, lang)
        columns.append(WideColumn(f"{result.scheme}.eligible", i18n.label("eligible", lang), "count", group))
        if has_enrolled:
            columns.append(WideColumn(f"{result.scheme}.enrolled", i18n.label("enrolled_now", lang), "count", group))
        columns += [WideColumn(f"{result.scheme}.target", i18n.label("target", lang), "count", group),
                    WideColumn(f"{result.scheme}.rate", i18n.label("target_rate", lang) + " (%)", "percent", group)]
    rows: dict[int, dict[str, Any]] = {}  # by position: a table of names only has no codes
    total: dict[str, Any] = {"name": i18n.label("total", lang)}
    for result in results:
        for position, row in enumerate(result.rows):
            item = rows.setdefault(position, {"index": position + 1, "code": row.code, "name": row.name})
            item.update({f"{result.scheme}.eligible": row.eligible, f"{result.scheme}.enrolled": row.enrolled,
                         f"{result.scheme}.target": row.target, f"{result.scheme}.rate": row.rate})
        eligible, target = sum(r.eligible for r in result.rows), sum(r.target for r in result.rows)
        total.update({f"{result.scheme}.eligible": eligible, f"{result.scheme}.target": target,
                      f"{result.scheme}.rate": rates_core.rate(target, eligible),
                      # left empty: communes type their enrolment over this column, and a total row is read
                      # back as a checksum, which a stale sum here would fail
                      f"{result.scheme}.enrolled": None})
    method = i18n.label(f"method.{results[0].method}", lang)
    # an official footnote names no method; the method and its explanation go on a second sheet
    notes = [i18n.label(f"allocate.official.{results[0].basis}", lang)]
    explained = [i18n.label("method.title", lang),
                 i18n.label(f"allocate.basis.{results[0].basis}" + (".floor" if all(r.floor for r in results) else ""),
                            lang, method=method)]
    title = i18n.label(i18n.units_key("allocate.book.title", plan.plan.year), lang, year=plan.plan.year)
    return WideTable(title_block(plan, title, lang), "Chi tieu" if lang == "vi" else "Targets", columns,
                     list(rows.values()), total, notes, method=explained,
                     method_sheet=i18n.label("method.sheet", lang))
