"""`bhxh trend`: each commune's participation month by month, from a folder of dated reports, for one scheme;
the change since the month before, and the months a commune went down (health insurance is bought in 3-month
cycles: a commune can fall from 89% to 75% in a month, and offices need to see it)."""

from __future__ import annotations

from typing import Any, TextIO

from bhxh_cli import i18n
from bhxh_cli.commands.output import Report, deliver, plan_header, plan_title
from bhxh_cli.diagnostics import ERROR, Diagnostic, InputError
from bhxh_cli.messages import tr, trn
from bhxh_cli.output.render import Column, Table

KEYS = ["code", "name", "scheme", "month", "enrolled", "rate", "change", "change_points", "down"]
DOWN = "▼"


def trend(*, plan_file: str, reports_dir: str, scheme: str, fmt: str, output: str | None, force: bool, lang: str,
          out: TextIO, err: TextIO, crosswalk: str | None = None, registries: list[str] | None = None,
          sheet: str | None = None) -> int:
    from bhxh_cli.commands import reports as series
    from bhxh_cli.commands.gap_levels import places_of
    from bhxh_cli.core.progress import compare
    from bhxh_cli.commands.inputs import match_report_rows, parse_schemes
    from bhxh_cli.core.rates import rate
    from bhxh_cli.output.files import TABLE_KINDS, check_target, output_kind
    from bhxh_cli.plan.reading import read_area_plan

    kind = None
    if output is not None:
        kind = output_kind(output, TABLE_KINDS)
        check_target(output, force=force, inputs=[plan_file, crosswalk or "",
                                                  *(r for r in registries or [] if r.strip().lower() != "vn")])
    doc, plan, problems = read_area_plan(plan_file)
    if plan is None:
        raise InputError(problems)
    chosen = parse_schemes([scheme], plan.schemes())[0]
    column = f"{chosen}_enrolled"
    leaves = [unit for _, _, unit in plan.walk() if not unit.units and chosen in unit.figures]
    if not leaves:
        raise InputError([Diagnostic(doc.file, None, None, "", tr("trend.no_units"), "no-communes")])
    convert = series.Converter(crosswalk, {u.code: u.name for u in leaves if u.code}) if crosswalk else None
    inspect = series.UnitCheck(registries) if registries else None
    found: list[Diagnostic] = []  # the registry's findings on each month's report (--registry)
    folder = series.read_folder(reports_dir, required=[], optional=[column], read_all=True, convert=convert,
                                inspect=inspect, found=found, sheet=sheet, sheet_option=True)
    if any(d.severity == ERROR for d in found):
        raise InputError(found)
    lacking = [r.file for r in folder.reports if column not in r.table.columns]
    if lacking:
        raise InputError([Diagnostic(f, None, None, "", tr("trend.no_scheme_column", file=f, column=column),
                                     "missing-column") for f in lacking])
    # the plan year's months; the December before, when the folder has it, is where January's change starts
    months = [r for r in folder.reports if r.date.year == plan.year]
    if not months:
        raise InputError([Diagnostic(reports_dir, None, None, "", tr("trend.no_month", year=plan.year),
                                     "no-report-of-the-year")])
    start = folder.month(plan.year - 1, 12)
    counts: list[dict[int, int | None]] = []
    problems, warnings = [], []
    for entry in ([start] if start is not None else []) + months:
        matched, found = match_report_rows(leaves, entry.table, warnings)
        if not matched and len(entry.table.rows) > 3 and all(p.rule == "unknown-commune" for p in found):
            # a report of another area (or of the units before a merger): one line, not one a row, as gap says it
            found = [Diagnostic(entry.file, None, None, "", tr("gap.role_no_communes", option="--reports",
                                                                area=plan.area), "no-matching-commune")]
        problems += found
        counts.append({i: row.counts.get(column) for i, row in matched.items()})
    if problems:
        raise InputError(problems)
    err.writelines(d.text() + "\n" for d in warnings)
    if convert is not None:
        err.writelines(line + "\n" for line in convert.notes())
    base = counts.pop(0) if start is not None else None
    labels = [f"{r.date.year}-{r.date.month:02d}" for r in months]
    denominator = next(iter(leaves)).figures[chosen].denominator
    places = places_of(denominator)  # of the population (health insurance): 95,15%, as rates and gap print it

    def series_of(values: list[int | None], whole: int | None, before: int | None) -> list[dict[str, Any]]:
        cells = []
        for month, value in zip(labels, values):
            people, points = compare(value, before, whole or 0, places)
            cells.append({"month": month, "enrolled": value, "rate": rate(value, whole, places)
                          if value is not None and whole else None, "change": people, "change_points": points,
                          "down": people is not None and people < 0})
            before = value
        return cells

    rows = []
    for index, unit in enumerate(leaves):
        whole = unit.figures[chosen].whole
        cells = series_of([c.get(index) for c in counts], whole, base.get(index) if base is not None else None)
        rows.append({"code": unit.code, "name": unit.name, "months": cells,
                     "down_months": [c["month"] for c in cells if c["down"]]})
    # the total: the units every month reports, so that a month is never up only because a report was late
    complete = [i for i in range(len(leaves)) if all(i in c and c[i] is not None for c in counts)]
    total_whole = sum(leaves[i].figures[chosen].whole or 0 for i in complete)
    total_base = (sum(base[i] or 0 for i in complete) if base is not None and all(base.get(i) is not None for i in complete)
                  else None)
    total_cells = series_of([sum(c[i] for i in complete) for c in counts], total_whole, total_base)
    total = {"code": None, "name": None, "months": total_cells, "down_months": [c["month"] for c in total_cells if c["down"]],
             "units": len(complete)}
    flat = [{"code": r["code"], "name": r["name"], "scheme": chosen, **cell} for r in rows for cell in r["months"]]
    document = {"plan": plan_header(plan), "scheme": chosen, "months": labels,
                "files": [r.file for r in months], "rows": rows, "total": total}
    report = Report(lambda: [_table(plan, chosen, months, rows, total, len(leaves), denominator, lang)], KEYS, flat,
                    document, lambda: _workbook(plan, chosen, months, rows, total, len(leaves), denominator, lang))
    deliver(report, fmt=fmt, lang=lang, out=out, output=output, kind=kind, force=force,
            inputs=[plan_file, *(r.file for r in folder.reports)])
    if output is not None:
        communes = trn("unit.commune.wards" if plan.year > i18n.REFORM_YEAR else "unit.commune", len(rows))
        err.write(trn("trend.wrote", len(months), file=output, communes=communes) + "\n")
    return 0


def _workbook(plan, scheme: str, months, rows, total, units: int, denominator: str, lang: str):
    """The same table as a workbook: a rate per month (its own number format), the last change, the months
    down."""
    from bhxh_cli.commands.output import leading_columns, title_block
    from bhxh_cli.output.workbook import WideColumn, WideTable

    group = i18n.label("trend.months", lang)
    columns = leading_columns(lang)
    columns[2] = WideColumn("name", i18n.label(i18n.units_key("name", plan.year), lang))
    columns += [WideColumn(f"m{r.date.month}", i18n.label(f"month.{r.date.month}", lang),
                           "percent2" if denominator == "population" else "percent", group) for r in months]
    # a change of a rate with two decimals has two: +0,03 points, not +0,0
    columns += [WideColumn("change", i18n.label(_change_key(months), lang),
                           "points2" if denominator == "population" else "points"),
                WideColumn("down", i18n.label("trend.down", lang))]

    def values(row, index=None, name=None):
        item = {"code": row["code"] or "", "name": name or row["name"], "change": row["months"][-1]["change_points"],
                "down": _months(row["down_months"], lang)}
        if index is not None:
            item["index"] = index
        item.update({f"m{int(c['month'][5:])}": c["rate"] for c in row["months"]})
        return item

    total_name = (i18n.label("total", lang) if total["units"] == units else
                  i18n.label(i18n.units_key("total.partial", plan.year), lang, count=total["units"], of=units))
    title = i18n.label("trend.title", lang, scheme=i18n.label(scheme, lang))
    notes = [i18n.label("trend.note.book", lang, denominator=i18n.label(f"denominator.{denominator}", lang),
                        decimals=_decimals(denominator, lang))]
    return WideTable(title_block(plan, title, lang), "Xu huong" if lang == "vi" else "Trend", columns,
                     [values(r, i) for i, r in enumerate(rows, 1)], values(total, name=total_name), notes)


def _table(plan, scheme: str, months, rows, total, units: int, denominator: str, lang: str) -> Table:
    """One row a commune, one column a month (the rate, ▼ where it went down), the last change, the months
    down. The month cells are text aligned here: the renderer has no kind for a rate with a mark."""
    keys = [f"m{r.date.month}" for r in months]

    def shown(row, name=None):
        item = {"code": row["code"] or "", "name": name or row["name"]}
        for key, cell in zip(keys, row["months"]):
            # the mark before the number, so that right-aligned numbers stay aligned
            item[key] = (f"{DOWN} " if cell["down"] else "") + i18n.format_percent(cell["rate"], lang)
        last = row["months"][-1]
        item["change"], item["down"] = last["change_points"], _months(row["down_months"], lang)
        return item

    shown_rows = [shown(r) for r in rows]
    total_name = (i18n.label("total", lang) if total["units"] == units else
                  i18n.label(i18n.units_key("total.partial", plan.year), lang, count=total["units"], of=units))
    total_row = shown(total, total_name)
    columns = [Column("code"), Column("name", "text", i18n.units_key("name", plan.year))]
    # "shown": text of ours, laid out as a number (right-aligned, and split into parts on a narrow terminal)
    columns += [Column(key, "shown", f"month.{r.date.month}") for key, r in zip(keys, months)]
    columns += [Column("change", "points", _change_key(months)), Column("down", "text", "trend.down")]
    title = i18n.label("trend.title", lang, scheme=i18n.label(scheme, lang))
    notes = [i18n.label("trend.note", lang, denominator=i18n.label(f"denominator.{denominator}", lang),
                        decimals=_decimals(denominator, lang))]
    return Table(plan_title(plan, lang, title), columns, shown_rows, total_row, notes)


def _change_key(months) -> str:
    """The last change's label: since last month when the folder's last two reports are of consecutive months,
    else since the previous report (kỳ trước): a month missing from the folder is not "tháng trước"."""
    if len(months) < 2:
        return "trend.change"
    before, last = months[-2].date, months[-1].date
    return "trend.change" if before.year * 12 + before.month + 1 == last.year * 12 + last.month else "trend.change.period"


def _months(months: list[str], lang: str) -> str:
    """The months down ("2026-05") as the month columns name them: T5 in Vietnamese, May in English."""
    return ", ".join(i18n.label(f"month.{int(month[5:])}", lang) for month in months)


def _decimals(denominator: str, lang: str) -> str:
    from bhxh_cli.commands.gap_levels import places_of

    return i18n.label(f"decimals.{places_of(denominator)}", lang)
