"""`bhxh gap`: where each commune stands against its target, or the coverage gap of the plan itself."""

from __future__ import annotations

from typing import Any, TextIO

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
from bhxh_cli.commands.rates import rates_workbook
from bhxh_cli.core import rates as rates_core
from bhxh_cli.diagnostics import Diagnostic, InputError, UsageError
from bhxh_cli.output.render import Column, Table
from bhxh_cli.plan.models import Plan, read_plan


def parse_date(text: str, option: str):
    """A date written YYYY-MM-DD or, as Vietnamese documents do, DD/MM/YYYY."""
    import datetime as dt
    import re

    text = text.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
            return dt.date(*map(int, text.split("-")))
        if re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", text):
            day, month, year = map(int, text.split("/"))
            return dt.date(year, month, day)
    except ValueError:
        raise UsageError(f"{option} {text}: not a real date") from None
    raise UsageError(f"{option} {text}: write the date as YYYY-MM-DD or DD/MM/YYYY")


def _match(plan: Plan, table, role: str) -> dict[str, Any]:
    """Report rows by the plan commune's code: matched by code, else by name; every mismatch listed."""
    from bhxh_cli.plan.models import normalized_name

    by_code = {c.code: c for c in plan.communes}
    by_name: dict[str, Any] | None = None  # built only if some code does not match
    matched: dict[str, Any] = {}
    problems = []
    for row in table.rows:
        commune = by_code.get(row.code)
        if commune is None:
            if by_name is None:
                by_name = {normalized_name(c.name): c for c in plan.communes}
            commune = by_name.get(normalized_name(row.name))
        if commune is None:
            problems.append(table.problem(row.row, "code", f"commune {row.code} ({row.name}) is not in the plan, "
                                          f"by code or by name; correct the code or name, or split the plan "
                                          f"again", "unknown-commune"))
        elif commune.code in matched:
            first = matched[commune.code]
            problems.append(table.problem(row.row, "code", f"commune {row.code} ({row.name}) is the plan's "
                                          f"{commune.code} ({commune.name}) again, already on row {first.row}",
                                          "duplicate-commune"))
        else:
            matched[commune.code] = row
    for commune in plan.communes:
        if commune.code not in matched:
            problems.append(table.problem(None, "", f"commune {commune.code} ({commune.name}) of the plan is "
                                          f"missing from this {role}; add its row", "missing-commune"))
    if problems:
        raise InputError(problems)
    return matched


def gap(*, plan_file: str | None, actual_file: str | None, as_of: str | None, previous_file: str | None,
        schemes: list[str], sort: str, only_behind: bool, fail_on_behind: bool, fmt: str, output: str | None,
        force: bool, lang: str, out: TextIO, err: TextIO, sheet: str | None = None, signer: str | None = None) -> int:
    import datetime as dt

    from bhxh_cli.core import progress as gap_core
    from bhxh_cli.commands.documents import progress_report, with_signature
    from bhxh_cli.output.files import GAP_KINDS, check_target, output_kind
    from bhxh_cli.plan.models import bundled_plan
    from bhxh_cli.tables.communes import read_communes

    plan_path = plan_file if plan_file is not None else bundled_plan()
    kind = None
    inputs = [plan_path, actual_file or "", previous_file or ""]
    if output is not None:
        kind = output_kind(output, GAP_KINDS)
        check_target(output, force=force, inputs=inputs)
    if previous_file and not actual_file:
        raise UsageError("--previous needs --actual: the change is between two reports")
    doc, plan, problems = read_plan(plan_path)
    if plan is None:
        raise InputError(problems)
    year = plan.plan.year
    district = dict(plan.schemes.items())
    unknown = [s for s in schemes if s not in district]
    if unknown:
        raise UsageError(f"--scheme {unknown[0]}: the plan has no such scheme; it has {', '.join(district)}")
    date = parse_date(as_of, "--as-of") if as_of else dt.date(year, 12, 31)
    if date.year != year:
        raise UsageError(f"--as-of {date.isoformat()}: outside the plan year {year}; give a date in {year}")
    elapsed = gap_core.year_elapsed(date, year)
    if actual_file is None:
        if kind == "docx":
            raise UsageError(f"{output}: a drafted report (.docx) is of progress; give --actual FILE")
        return _coverage(plan, list(dict.fromkeys(schemes)) or list(district), fmt, output, kind, force, inputs,
                         lang, out, err)
    if not plan.communes:
        raise InputError([Diagnostic(doc.file, None, None, "communes", "this plan has no communes to compare a "
                                     "report with; split it first: bhxh allocate --communes FILE --output "
                                     "plan.yaml", "no-communes")])
    wanted = list(dict.fromkeys(schemes)) or list(district)
    columns = [f"{s}_enrolled" for s in wanted]
    required = columns if schemes else []
    actual = read_communes(actual_file, required=required, optional=[c for c in columns if c not in required],
                           sheet=sheet)
    chosen = [s for s in wanted if f"{s}_enrolled" in actual.columns]
    if not chosen:
        raise InputError([Diagnostic(actual_file, None, None, "", f"no enrolment column for any scheme of the "
                                     f"plan; name one of: {', '.join(columns)}", "missing-column")])
    matched = _match(plan, actual, "report")
    previous_rows = None
    if previous_file:
        previous = read_communes(previous_file, required=[f"{s}_enrolled" for s in chosen],
                                 sheet=sheet if previous_file.lower().endswith((".xlsx", ".xlsm")) else None)
        previous_rows = _match(plan, previous, "previous report")
    results = {scheme: _progress(plan, scheme, matched, previous_rows, elapsed) for scheme in chosen}
    any_behind = any(p.status == gap_core.BEHIND for rows, _ in results.values() for _, p in rows)
    shown = {scheme: (_sorted([r for r in rows if not only_behind or r[1].status == gap_core.BEHIND], sort), total)
             for scheme, (rows, total) in results.items()}
    flat = [_gap_dict(commune.code, commune.name, scheme, p) for scheme, (rows, _) in shown.items()
            for commune, p in rows]
    document = {"plan": plan_header(plan), "as_of": date.isoformat(), "rows": flat,
                "total": {scheme: _gap_dict(None, None, scheme, total) for scheme, (_, total) in shown.items()}}
    keys = ["code", "name", "scheme", "target", "actual", "gap", "achieved", "rate_points", "still_needed",
            "expected", "status", "change"]
    with_baseline = {scheme: all(p.baseline is not None for _, p in rows) for scheme, (rows, _) in results.items()}
    share = i18n.format_decimal(rates_core.round_half_up(elapsed * 100), lang)
    note = i18n.label("gap.schedule" if all(with_baseline.values()) else "gap.schedule.nobaseline", lang,
                      share=share)
    report = Report(
        lambda: [_gap_table(plan, scheme, rows, total, date, elapsed, with_baseline[scheme],
                            previous_rows is not None, lang) for scheme, (rows, total) in shown.items()],
        keys, flat, document,
        lambda: with_signature(gap_workbook(plan, results, date, only_behind, previous_rows is not None, lang,
                                            [note]), plan, signer),
        lambda: progress_report(plan, document, date, lang, signer))
    deliver(report, fmt=fmt, lang=lang, out=out, output=output, kind=kind, force=force, inputs=inputs)
    if output is not None:
        err.write(f"wrote {output}: {len(flat)} rows\n")
    if fail_on_behind and any_behind:
        behind = sum(p.status == gap_core.BEHIND for rows, _ in results.values() for _, p in rows)
        err.write(f"{behind} commune row{'s are' if behind != 1 else ' is'} behind schedule on "
                  f"{date.isoformat()} (--fail-on behind)\n")
        return 1
    return 0


def _progress(plan: Plan, scheme: str, matched: dict, previous: dict | None, elapsed):
    """(commune, Progress) for each commune of the plan, and the total computed from them."""
    from bhxh_cli.core.progress import progress

    key = f"{scheme}_enrolled"
    rows = []
    for commune in plan.communes:
        counts = getattr(commune, scheme)
        rows.append((commune, progress(
            target=counts.enrolled, actual=matched[commune.code].counts[key], eligible=counts.eligible,
            baseline=counts.baseline, elapsed=elapsed,
            previous=previous[commune.code].counts[key] if previous else None)))
    baselines = [p.baseline for _, p in rows]
    total = progress(
        target=sum(p.target for _, p in rows), actual=sum(p.actual for _, p in rows),
        eligible=sum(p.eligible for _, p in rows),
        baseline=sum(baselines) if all(b is not None for b in baselines) else None, elapsed=elapsed,
        previous=sum(p.actual - p.change for _, p in rows) if previous else None)
    return rows, total


def _sorted(rows, sort: str):
    from bhxh_cli.plan.models import normalized_name

    if sort == "code":
        return sorted(rows, key=lambda r: r[0].code)
    if sort == "name":
        return sorted(rows, key=lambda r: normalized_name(r[0].name))
    if sort == "gap":
        return sorted(rows, key=lambda r: (-r[1].gap, r[0].code))
    if sort == "achieved":  # least achieved first; a target of 0 has no share and goes last
        return sorted(rows, key=lambda r: (r[1].achieved is None, r[1].achieved or 0, r[0].code))
    # laggards first: the largest shortfall against the schedule
    return sorted(rows, key=lambda r: (-r[1].shortfall, r[0].code))


def _gap_dict(code, name, scheme: str, p) -> dict[str, Any]:
    item = {"code": code, "name": name, "scheme": scheme} if code is not None else {"scheme": scheme}
    item.update({"target": p.target, "actual": p.actual, "gap": p.gap, "achieved": p.achieved,
                 "rate_points": p.rate_points, "still_needed": p.still_needed, "expected": p.expected,
                 "status": p.status, "change": p.change})
    return item


def _gap_table(plan: Plan, scheme: str, rows, total, date, elapsed, with_baseline: bool, with_change: bool,
               lang: str) -> Table:
    shown = [dict(_gap_dict(c.code, c.name, scheme, p)) for c, p in rows]
    total_row = dict(_gap_dict("", i18n.label("total", lang), scheme, total))
    columns = [Column("code"), Column("name"), Column("target", "count"), Column("actual", "count"),
               Column("gap", "gap"), Column("achieved", "bar"), Column("rate_points", "points"),
               Column("still_needed", "count"), Column("expected", "count"), Column("status", "status")]
    if with_change:
        columns.append(Column("change", "signed_count"))
    title = i18n.label("gap.title", lang, scheme=i18n.label(scheme, lang),
                       date=date.strftime("%d/%m/%Y"))
    share = rates_core.round_half_up(elapsed * 100)
    notes = [i18n.label("gap.schedule" if with_baseline else "gap.schedule.nobaseline", lang,
                        share=i18n.format_decimal(share, lang))]
    return Table(plan_title(plan, lang, title), columns, shown, total_row, notes)


def _coverage(plan: Plan, chosen: list[str], fmt: str, output, kind, force: bool, inputs, lang: str,
              out: TextIO, err: TextIO) -> int:
    """Without a report: the coverage gap of the plan itself (eligible - planned enrolment)."""
    def row(code, name, scheme, eligible, target):
        return {"code": code, "name": name, "scheme": scheme, "eligible": eligible, "target": target,
                "not_covered": eligible - target, "rate": rates_core.rate(target, eligible)}

    columns = [Column("eligible", "count"), Column("target", "count"), Column("not_covered", "count"),
               Column("rate", "percent", "target_rate")]
    flat, tables = [], []
    if not plan.communes:  # one row per scheme
        for scheme in chosen:
            counts = getattr(plan.schemes, scheme)
            flat.append(row(None, None, scheme, counts.eligible, counts.enrolled))
        shown = [dict(r, scheme=i18n.label(r["scheme"], lang)) for r in flat]
        title = i18n.label("coverage.plan.title", lang, year=plan.plan.year)
        tables.append(Table(plan_title(plan, lang, title), [Column("scheme")] + columns, shown))
    for scheme in chosen if plan.communes else []:
        rows = [row(c.code, c.name, scheme, getattr(c, scheme).eligible, getattr(c, scheme).enrolled)
                for c in plan.communes]
        total = row("", i18n.label("total", lang), scheme, sum(r["eligible"] for r in rows),
                    sum(r["target"] for r in rows))
        flat.extend(rows)
        title = i18n.label("coverage.title", lang, scheme=i18n.label(scheme, lang))
        tables.append(Table(plan_title(plan, lang, title), [Column("code"), Column("name")] + columns, rows, total))
    tables[-1].notes = [i18n.label("coverage.note", lang)]
    keys = ["code", "name", "scheme", "eligible", "target", "not_covered", "rate"]
    document = {"plan": plan_header(plan), "as_of": None, "rows": flat}
    report = Report(lambda: tables, keys, flat, document, lambda: rates_workbook(plan, bool(plan.communes), lang))
    deliver(report, fmt=fmt, lang=lang, out=out, output=output, kind=kind, force=force, inputs=inputs)
    if output is not None:
        err.write(f"wrote {output}: {len(flat)} rows\n")
    return 0


def gap_workbook(plan: Plan, results: dict, date, only_behind: bool, with_change: bool, lang: str, notes):
    from bhxh_cli.core.progress import BEHIND
    from bhxh_cli.output.workbook import WideColumn, WideTable

    columns = leading_columns(lang)
    for scheme in results:
        group = scheme_group(scheme, lang)
        columns += [WideColumn(f"{scheme}.target", i18n.label("target", lang), "count", group),
                    WideColumn(f"{scheme}.actual", i18n.label("actual", lang), "count", group),
                    WideColumn(f"{scheme}.gap", i18n.label("gap", lang), "gap", group),
                    WideColumn(f"{scheme}.achieved", i18n.label("achieved", lang), "percent", group),
                    WideColumn(f"{scheme}.expected", i18n.label("expected", lang), "count", group),
                    WideColumn(f"{scheme}.status", i18n.label("status", lang), "status", group)]
        if with_change:
            columns.append(WideColumn(f"{scheme}.change", i18n.label("change", lang), "signed_count", group))

    def values(scheme: str, p) -> dict[str, Any]:
        return {f"{scheme}.target": p.target, f"{scheme}.actual": p.actual, f"{scheme}.gap": p.gap,
                f"{scheme}.achieved": p.achieved, f"{scheme}.expected": p.expected, f"{scheme}.status": p.status,
                f"{scheme}.change": p.change}

    rows: dict[str, dict[str, Any]] = {}
    behind: set[str] = set()
    total: dict[str, Any] = {"name": i18n.label("total", lang)}
    for scheme, (scheme_rows, scheme_total) in results.items():
        for commune, p in scheme_rows:
            rows.setdefault(commune.code, {"code": commune.code, "name": commune.name}).update(values(scheme, p))
            if p.status == BEHIND:
                behind.add(commune.code)
        total.update(values(scheme, scheme_total))
    order = [c.code for c in plan.communes if not only_behind or c.code in behind]
    shown = [dict(rows[code], index=i) for i, code in enumerate(order, 1)]
    title = i18n.label("gap.book.title", lang, date=date.strftime("%d/%m/%Y"))
    from bhxh_cli.commands.documents import progress_charts

    return WideTable(title_block(plan, title, lang), "Tien do" if lang == "vi" else "Progress", columns, shown,
                     total, notes, charts=progress_charts(results, shown, lang))
