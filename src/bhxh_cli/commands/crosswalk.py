"""`bhxh crosswalk --map MAP TABLE --output OUT`: a communes table or report in old units (before the 2025
mergers) written in the new units: merged units' counts added up, divided units' split exactly by their
shares; every count column's total kept, and said so."""

from __future__ import annotations

from typing import TextIO

from bhxh_cli import i18n
from bhxh_cli.core.schemes import ALL_SCHEMES
from bhxh_cli.diagnostics import UsageError
from bhxh_cli.messages import tr, trn
from bhxh_cli.output.files import check_target, output_kind, write_atomic
from bhxh_cli.output.safe import csv_cell, one_line, xlsx_cell
from bhxh_cli.tables.communes import CommuneTable, read_communes
from bhxh_cli.tables.crosswalk_map import crosswalk_table, read_crosswalk

# Every count column a communes table or report may have (eligible, enrolled, target of each scheme).
COUNT_KEYS = [f"{scheme}_{field}" for scheme in ALL_SCHEMES for field in ("eligible", "enrolled", "target")]
KINDS = {".csv": "csv", ".xlsx": "xlsx"}


def crosswalk(map_file: str, table_file: str, *, output: str, force: bool, lang: str, err: TextIO,
              sheet: str | None = None) -> int:
    if table_file.lower().endswith((".yaml", ".yml")):
        return _crosswalk_plan(map_file, table_file, output=output, force=force, lang=lang, err=err)
    kind = output_kind(output, KINDS)
    check_target(output, force=force, inputs=[map_file, table_file])  # before any work is done
    walk = read_crosswalk(map_file)
    table = read_communes(table_file, required=[], optional=COUNT_KEYS, sheet=sheet)
    result = crosswalk_table(table, walk)
    converted = result.table
    data = _csv(converted) if kind == "csv" else _xlsx(converted, lang)
    write_atomic(output, data, force=force, inputs=[map_file, table_file])
    for warning in walk.warnings + result.warnings:
        err.write(one_line(tr("crosswalk.warned", file=warning.location(), message=warning.message,
                              rule=warning.rule)) + "\n")
    if table.other_columns:  # never left out without a word
        err.write(one_line(tr("crosswalk.left_out", file=table_file,
                              columns=", ".join(f"'{text}'" for text in table.other_columns))) + "\n")
    keys = _count_keys(converted)
    totals = "; ".join(
        tr("crosswalk.column_total", column=one_line(converted.columns[key]),
           before=i18n.format_count(sum(row.counts[key] for row in table.rows), lang),
           after=i18n.format_count(sum(row.counts[key] for row in converted.rows), lang)) for key in keys)
    err.write(one_line(tr("crosswalk.wrote", file=output, units_in=i18n.format_count(result.units_in, lang),
                          units_out=i18n.format_count(result.units_out, lang),
                          totals=totals or tr("crosswalk.no_counts"))) + "\n")
    return 0


def _crosswalk_plan(map_file: str, plan_file: str, *, output: str, force: bool, lang: str, err: TextIO) -> int:
    """A version 1 plan's communes in the new units: each scheme's eligible, enrolled (the target) and
    baseline converted like a table's columns; the district's figures, comments and the rest kept."""
    import os

    from bhxh_cli.core.crosswalk import CrosswalkError, check_table, convert
    from bhxh_cli.diagnostics import Diagnostic, InputError
    from bhxh_cli.plan.models import Plan
    from bhxh_cli.plan.planfile import communes_block, with_communes
    from bhxh_cli.plan.reading import read_any_plan, version_of

    output_kind(output, {".yaml": "yaml", ".yml": "yaml"})
    check_target(output, force=force, inputs=[map_file, plan_file])
    walk = read_crosswalk(map_file)
    doc, plan, problems = read_any_plan(plan_file)
    if problems:
        raise InputError(problems)
    if version_of(doc) == 2:
        return _crosswalk_plan_v2(walk, doc, plan, map_file, plan_file, output=output, force=force, lang=lang,
                                  err=err)
    if not plan.communes:
        raise UsageError(tr("crosswalk.plan_no_communes", file=plan_file))
    units = [(c.code or "", c.name, {f"{scheme}.{field}": value for scheme, counts in c.items()
                                     for field in ("eligible", "enrolled", "baseline")
                                     if (value := getattr(counts, field)) is not None}) for c in plan.communes]
    found, warnings = [], []
    for finding in check_table(walk.crosswalk, [(code, name) for code, name, _ in units]):
        message = tr(finding.message_key, **finding.values)
        if finding.row is None:  # said once the plan is written
            warnings.append(tr("crosswalk.warned", file=plan_file, message=message, rule=finding.rule))
            continue
        field = "name" if finding.rule == "name-mismatch" else "code"
        line, column = doc.position(("communes", finding.row - 1, field))
        found.append(Diagnostic(plan_file, line, column, f"communes[{finding.row - 1}].{field}", message,
                                finding.rule))
    if found:
        raise InputError(found)
    try:
        converted = convert(walk.crosswalk, units, checked=True)
    except CrosswalkError as error:  # communes with different schemes or fields: no column adds up
        raise InputError([Diagnostic(plan_file, None, None, "communes", tr(error.key, **error.values),
                                     "crosswalk")]) from None
    communes = []
    for code, name, counts in converted:
        schemes: dict[str, dict[str, int]] = {}
        for column, value in counts.items():
            scheme, field = column.split(".")
            schemes.setdefault(scheme, {})[field] = value
        communes.append((code, name, schemes))
    try:  # never write a plan that `check` would refuse
        Plan.model_validate(dict(doc.data, communes=[{"code": code, "name": name, **schemes}
                                                     for code, name, schemes in communes]))
    except ValueError as error:
        raise InputError([Diagnostic(plan_file, None, None, "communes", tr("crosswalk.plan_invalid",
                                                                           error=one_line(str(error))),
                                     "crosswalk")]) from None
    comment = tr("crosswalk.plan_comment", map=os.path.basename(map_file), units_in=len(units),
                 units_out=len(communes))
    text = with_communes(doc.source, doc, plan, communes_block(communes, comment))
    write_atomic(output, text.encode("utf-8"), force=force, inputs=[map_file, plan_file])
    for warning in warnings:
        err.write(one_line(warning) + "\n")
    columns = list(units[0][2])
    totals = "; ".join(tr("crosswalk.column_total", column=column,
                          before=i18n.format_count(sum(u[2][column] for u in units), lang),
                          after=i18n.format_count(sum(c[2][column] for c in converted), lang)) for column in columns)
    err.write(one_line(tr("crosswalk.wrote", file=output, units_in=i18n.format_count(len(units), lang),
                          units_out=i18n.format_count(len(communes), lang),
                          totals=totals or tr("crosswalk.no_counts"))) + "\n")
    return 0


# A v2 unit's counts that a crosswalk converts (a rate target as the count that reaches it, `target`).
V2_FIELDS = ("eligible", "labour_force", "population", "baseline", "enrolled")


def _crosswalk_plan_v2(walk, doc, plan, map_file: str, plan_file: str, *, output: str, force: bool, lang: str,
                       err: TextIO) -> int:
    """A version 2 plan's communes (the leaves of its tree) in the new units, straight under the area as
    since the 2025 reform: every count converted, targets too (a rate target as the count that reaches it);
    the area's figures, comments and the rest of the file kept."""
    import os

    from bhxh_cli.core.crosswalk import CrosswalkError, check_table, convert
    from bhxh_cli.diagnostics import Diagnostic, InputError
    from bhxh_cli.plan.loading import parse
    from bhxh_cli.plan.planfile import units_block, with_units
    from bhxh_cli.plan.reading import validate_v2
    from bhxh_cli.plan.v2_rules import scheme_items, target_count
    from bhxh_cli.plan.upgrade import kind_from_name

    leaves, above = [], 0
    stack = [(("units", i), unit) for i, unit in reversed(list(enumerate(plan.units or [])))]
    while stack:  # the leaves in the plan's order
        path, unit = stack.pop()
        if unit.units:
            above += 1
            stack.extend((path + ("units", i), child) for i, child in reversed(list(enumerate(unit.units))))
        else:
            leaves.append((path, unit))
    if not leaves:
        raise UsageError(tr("crosswalk.plan_no_communes", file=plan_file))
    uncoded = []
    for path, unit in leaves:  # the crosswalk matches units by their codes
        if not (unit.code or "").strip():
            line, column = doc.position(path + ("name",))
            uncoded.append(Diagnostic(plan_file, line, column, ".".join(map(str, path)) + ".name",
                                      tr("crosswalk.v2_no_code", name=unit.name, map=os.path.basename(map_file)),
                                      "unmapped"))
    if uncoded:
        raise InputError(uncoded)
    units = []
    for _, unit in leaves:
        counts: dict[str, int] = {}
        for scheme, figures in scheme_items(unit.schemes):
            counts.update({f"{scheme}.{field}": value for field in V2_FIELDS
                           if (value := getattr(figures, field)) is not None})
            target = target_count(scheme, figures)
            if target is not None:
                counts[f"{scheme}.target"] = target
        units.append((unit.code or "", unit.name, counts))
    found, warnings = [], []
    for finding in check_table(walk.crosswalk, [(code, name) for code, name, _ in units]):
        message = tr(finding.message_key, **finding.values)
        if finding.row is None:
            warnings.append(tr("crosswalk.warned", file=plan_file, message=message, rule=finding.rule))
            continue
        field = "name" if finding.rule == "name-mismatch" else "code"
        path = leaves[finding.row - 1][0]
        line, column = doc.position(path + (field,))
        found.append(Diagnostic(plan_file, line, column, ".".join(map(str, path)) + f".{field}", message,
                                finding.rule))
    if found:
        raise InputError(found)
    try:
        # Sainte-Laguë, a divisor method: a divided unit's parts never see a smaller count grow past a larger
        # one (house monotone), so no part's target or enrolment exceeds its eligible people or population
        converted = convert(walk.crosswalk, units, method="sainte-lague", checked=True)
    except CrosswalkError as error:
        raise InputError([Diagnostic(plan_file, None, None, "units", tr(error.key, **error.values),
                                     "crosswalk")]) from None
    declared = {scheme: figures.denominator for scheme, figures in scheme_items(plan.schemes)
                if figures.denominator is not None}
    written = []
    for code, name, counts in converted:
        schemes: dict[str, dict[str, object]] = {}
        for column, value in counts.items():
            scheme, field = column.split(".")
            schemes.setdefault(scheme, {"denominator": declared[scheme]} if scheme in declared else {})[field] = value
        written.append((code, name, kind_from_name(name), schemes))
    comment = tr("crosswalk.plan_comment", map=os.path.basename(map_file), units_in=len(units),
                 units_out=len(written))
    text = with_units(doc.source, doc, units_block(written, comment))
    parsed, problems, refused = parse(text, output)  # never write a plan that `check` would refuse
    _, more = validate_v2(parsed, refused) if not problems else (None, [])
    if problems or more:
        first = (problems + more)[0]
        raise InputError([Diagnostic(plan_file, None, None, "units", tr("crosswalk.plan_invalid",
                                                                         error=one_line(first.message)),
                                     "crosswalk")])
    write_atomic(output, text.encode("utf-8"), force=force, inputs=[map_file, plan_file])
    for warning in warnings:
        err.write(one_line(warning) + "\n")
    if above:
        err.write(one_line(trn("crosswalk.v2_levels", above, file=plan_file, area=plan.plan.area)) + "\n")
    columns = list(dict.fromkeys(column for _, _, counts in units for column in counts))
    totals = "; ".join(tr("crosswalk.column_total", column=column,
                          before=i18n.format_count(sum(u[2].get(column, 0) for u in units), lang),
                          after=i18n.format_count(sum(c[2].get(column, 0) for c in converted), lang))
                       for column in columns)
    err.write(one_line(tr("crosswalk.wrote", file=output, units_in=i18n.format_count(len(units), lang),
                          units_out=i18n.format_count(len(written), lang),
                          totals=totals or tr("crosswalk.no_counts"))) + "\n")
    return 0


def _count_keys(table: CommuneTable) -> list[str]:
    return [key for key in table.columns if key not in ("code", "name")]


def _headers(table: CommuneTable) -> list[str]:
    """The headers as the input wrote them (so that the office's own words stay), one row."""
    return [table.columns[key] for key in table.columns]


def _csv(table: CommuneTable) -> bytes:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([csv_cell(text) for text in _headers(table)])
    keys = _count_keys(table)
    for row in table.rows:
        writer.writerow([csv_cell(row.code), csv_cell(row.name), *(row.counts[key] for key in keys)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # a BOM: Excel reads the file as UTF-8


def _xlsx(table: CommuneTable, lang: str) -> bytes:
    import io

    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet(tr("crosswalk.sheet", lang))
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top", "border": 1})
    count = book.add_format({"num_format": "#,##0", "border": 1})
    text = book.add_format({"border": 1})
    for column, header in enumerate(_headers(table)):
        sheet.write_string(0, column, xlsx_cell(header), bold)
    keys = _count_keys(table)
    for number, row in enumerate(table.rows, start=1):
        sheet.write_string(number, 0, xlsx_cell(row.code), text)  # codes are text: 03199 keeps its 0
        sheet.write_string(number, 1, xlsx_cell(row.name), text)
        for column, key in enumerate(keys, start=2):
            sheet.write_number(number, column, row.counts[key], count)
    sheet.set_column(0, 0, 10)
    sheet.set_column(1, 1, max([len(row.name) for row in table.rows] + [12]) + 2)
    sheet.set_column(2, 1 + len(keys), 14)
    sheet.freeze_panes(1, 2)
    book.close()
    return buffer.getvalue()


__all__ = ["crosswalk"]
