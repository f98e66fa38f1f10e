"""What each command does, between reading its inputs and rendering its outputs.

cli.py parses options and turns outcomes into exit codes; this module wires loaders, the pure core
and the renderers together. Functions take their output streams as parameters so that tests run
them in-process.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Callable, TextIO

from bhxh_cli import i18n, rates as rates_core
from bhxh_cli.diagnostics import REPORTERS, Diagnostic, InputError, UsageError, has_errors
from bhxh_cli.models import Plan, read_plan
from bhxh_cli.render import Column, Table, csv_text, json_text, markdown, print_tables


def plan_header(plan: Plan) -> dict[str, Any]:
    """The plan's identity, for json outputs."""
    return plan.plan.model_dump(mode="json")


def _title(plan: Plan, lang: str, what: str) -> str:
    info = plan.plan
    return f"{what}\n{info.number} · {info.area}"


def _emit(tables: list[Table], flat_keys: list[str], flat_rows: list[dict], document: dict,
          fmt: str, lang: str, out: TextIO) -> None:
    if fmt == "table":
        print_tables(tables, lang, out)
    elif fmt == "markdown":
        out.write(markdown(tables, lang))
    elif fmt == "csv":
        out.write(csv_text(flat_keys, flat_rows))
    else:
        out.write(json_text(document))


def _rate_dict(row: rates_core.SchemeRate) -> dict[str, Any]:
    return {
        "scheme": row.scheme, "eligible": row.eligible, "enrolled": row.enrolled, "rate": row.rate,
        "stated_rate": row.stated_rate, "rate_agrees": row.rate_agrees, "not_covered": row.not_covered,
        "baseline": row.baseline, "growth": row.growth,
    }


@dataclass
class Report:
    """What a command shows, in every form: human tables (built only when needed), flat rows for csv, a
    json document, and a workbook (built only when asked for)."""

    tables: Callable[[], list[Table]]
    keys: list[str]
    rows: list[dict[str, Any]]
    document: dict[str, Any]
    workbook: Callable[[], Any] | None = None


def deliver(report: Report, *, fmt: str, lang: str, out: TextIO, output: str | None, kind: str | None,
            force: bool, inputs: list[str]) -> None:
    """Print the report in `fmt`, or write it to `output` in the kind its extension names, atomically."""
    from bhxh_cli.writing import write_atomic

    if output is None:
        _emit(report.tables() if fmt in ("table", "markdown") else [], report.keys, report.rows, report.document,
              fmt, lang, out)
        return
    if kind == "xlsx":
        from bhxh_cli.xlsx import workbook_bytes

        data = workbook_bytes(report.workbook(), lang)
    elif kind == "csv":
        data = ("\ufeff" + csv_text(report.keys, report.rows)).encode("utf-8")  # a BOM: Excel reads UTF-8
    elif kind == "json":
        data = json_text(report.document).encode("utf-8")
    else:
        data = markdown(report.tables(), lang).encode("utf-8")
    write_atomic(output, data, force=force, inputs=inputs)


def rates(file: str | None, *, by_commune: bool, fmt: str, lang: str, out: TextIO,
          output: str | None = None, force: bool = False, err: TextIO | None = None) -> int:
    from bhxh_cli.models import bundled_plan
    from bhxh_cli.writing import TABLE_KINDS, check_target, output_kind

    kind = None
    if output is not None:
        kind = output_kind(output, TABLE_KINDS)
        check_target(output, force=force, inputs=[file or bundled_plan()])
    doc, plan, problems = read_plan(file, check_rates=False)
    if plan is None:
        raise InputError(problems)
    report = _rates_by_commune(doc.file, plan, lang) if by_commune else _rates_of_district(plan, lang)
    deliver(report, fmt=fmt, lang=lang, out=out, output=output, kind=kind, force=force, inputs=[doc.file])
    if output is not None and err is not None:
        err.write(f"wrote {output}\n")
    return _rate_disagreements(doc, err)


def _rates_of_district(plan: Plan, lang: str) -> Report:
    rows = [rates_core.scheme_rate(name, c.eligible, c.enrolled, c.rate, c.baseline)
            for name, c in plan.schemes.items()]
    dicts = [_rate_dict(r) for r in rows]

    def tables() -> list[Table]:
        columns = [Column("scheme"), Column("eligible", "count"), Column("enrolled", "count"),
                   Column("rate", "percent"), Column("stated_rate", "stated"), Column("not_covered", "count")]
        if any(r.baseline is not None for r in rows):
            columns += [Column("baseline", "count"), Column("growth", "signed_percent")]
        shown = [dict(d, scheme=i18n.label(d["scheme"], lang)) for d in dicts]
        return [Table(_title(plan, lang, i18n.label("rates.title", lang, year=plan.plan.year)), columns, shown,
                      notes=[i18n.label("rates.denominator", lang)])]

    keys = ["scheme", "eligible", "enrolled", "rate", "stated_rate", "rate_agrees", "not_covered",
            "baseline", "growth"]
    return Report(tables, keys, dicts, {"plan": plan_header(plan), "schemes": dicts},
                  lambda: rates_workbook(plan, False, lang))


def _rate_disagreements(doc, err: TextIO | None) -> int:
    """Exit code 1 (with the reasons on stderr) when a stated rate disagrees with its counts."""
    import sys

    from bhxh_cli.models import validate_document

    _, problems = validate_document(doc)
    if problems:
        (err or sys.stderr).write("".join(d.text() + "\n" for d in problems))
        return 1
    return 0


def _rates_by_commune(file: str, plan: Plan, lang: str) -> Report:
    if not plan.communes:
        raise InputError([Diagnostic(file, None, None, "communes", "this plan has no communes; split it "
                                     "first with `bhxh allocate --communes FILE --output plan.yaml`",
                                     "no-communes")])
    tables, flat, totals = [], [], []
    for scheme, _ in plan.schemes.items():
        rows = []
        for commune in plan.communes:
            counts = getattr(commune, scheme)
            row = _rate_dict(rates_core.scheme_rate(scheme, counts.eligible, counts.enrolled, None, counts.baseline))
            rows.append({"code": commune.code, "name": commune.name, **row})
        baselines = [r["baseline"] for r in rows]
        total_baseline = sum(baselines) if all(b is not None for b in baselines) else None
        total = _rate_dict(rates_core.scheme_rate(
            scheme, sum(r["eligible"] for r in rows), sum(r["enrolled"] for r in rows), None, total_baseline))
        total = {"code": "", "name": i18n.label("total", lang), **total}
        columns = [Column("code"), Column("name"), Column("eligible", "count"), Column("enrolled", "count"),
                   Column("rate", "percent"), Column("not_covered", "count")]
        if any(b is not None for b in baselines):
            columns += [Column("baseline", "count"), Column("growth", "signed_percent")]
        scheme_label = i18n.label(scheme, lang)
        tables.append(Table(_title(plan, lang, i18n.label("by_commune.title", lang, scheme=scheme_label)),
                            columns, rows, total))
        flat.extend(rows)
        totals.append({key: value for key, value in total.items() if key not in ("code", "name")})
    tables[-1].notes = [i18n.label("rates.denominator", lang)]
    keys = ["code", "name", "scheme", "eligible", "enrolled", "rate", "not_covered", "baseline", "growth"]
    strip = ("stated_rate", "rate_agrees")
    document = {"plan": plan_header(plan),
                "communes": [{k: v for k, v in r.items() if k not in strip} for r in flat],
                "total": [{k: v for k, v in t.items() if k not in strip} for t in totals]}
    return Report(lambda: tables, keys, flat, document, lambda: rates_workbook(plan, True, lang))


def check(files: list[str], *, fmt: str, policy: str | None, out: TextIO, err: TextIO) -> int:
    diagnostics: list[Diagnostic] = []
    unreadable = False
    for file in files:
        try:
            doc, plan, problems = read_plan(file)
        except InputError as error:
            diagnostics.extend(error.diagnostics)
            continue
        except UsageError as error:
            unreadable = True
            diagnostics.append(Diagnostic(file, None, None, "", str(error).removeprefix(f"{file}: "),
                                          "unreadable"))
            continue
        diagnostics.extend(problems)
        if plan is not None and policy == "nq102":
            diagnostics.extend(_policy_diagnostics(doc, plan))
    out.write(REPORTERS[fmt](diagnostics))
    if fmt == "text":
        counts = [_plural(sum(d.severity == s for d in diagnostics), s) for s in ("error", "warning", "note")]
        summary = ", ".join(c for c in counts if c) or "no problems"
        err.write(f"checked {_plural(len(files), 'file')}: {summary}\n")
    if unreadable:
        return 2
    return 1 if has_errors(diagnostics) else 0


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}" if count else ""


def _policy_diagnostics(doc, plan: Plan) -> list[Diagnostic]:
    from bhxh_cli.policy import nq102

    rows = [(name, c.eligible, c.enrolled, c.baseline) for name, c in plan.schemes.items()]
    found = []
    for finding in nq102(plan.plan.year, rows):
        path = ("schemes", finding.scheme, finding.field)
        line, column = doc.position(path)
        found.append(Diagnostic(doc.file, line, column, f"schemes.{finding.scheme}", finding.message,
                                finding.rule, finding.severity))
    return found


def schema_text() -> str:
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **Plan.model_json_schema()}
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


# -- allocate ----------------------------------------------------------------------------------------

def allocate(communes_file: str, *, plan_file: str | None, schemes: list[str], method: str, basis: str,
             floor: bool, explain: bool, fmt: str, output: str | None, force: bool, lang: str,
             out: TextIO, err: TextIO, sheet: str | None = None) -> int:
    from bhxh_cli.allocation import AllocationError, CommuneCounts
    from bhxh_cli.allocation import allocate as split
    from bhxh_cli.apportion import canonical_method
    from bhxh_cli.loading import read_text
    from bhxh_cli.models import bundled_plan
    from bhxh_cli.tables import read_communes
    from bhxh_cli.writing import check_target, output_kind

    try:
        method = canonical_method(method)
    except ValueError as error:
        raise UsageError(f"--method: {error}") from None
    plan_path = plan_file if plan_file is not None else bundled_plan()
    kind = None
    if output is not None:
        kind = output_kind(output)
        check_target(output, force=force, inputs=[plan_path, communes_file])
    doc, plan, problems = read_plan(plan_path)
    if plan is None:
        raise InputError(problems)
    if plan.communes and not force:
        line, column = doc.position(("communes",), key=True)
        raise InputError([Diagnostic(doc.file, line, column, "communes", "this plan is already split among "
                                     f"{len(plan.communes)} communes; pass --force to split it again",
                                     "plan-has-communes")])
    district = dict(plan.schemes.items())
    chosen = list(dict.fromkeys(schemes)) or list(district)
    unknown = [s for s in chosen if s not in district]
    if unknown:
        raise UsageError(f"--scheme {unknown[0]}: the plan has no such scheme; it has {', '.join(district)}")
    if kind == "yaml" and len(chosen) != len(district):
        raise UsageError(f"{output}: a plan file needs every scheme of the district split "
                         f"({', '.join(district)}); drop --scheme, or write a .csv table")
    need_enrolled = basis == "headroom" or floor
    required = [f"{s}_eligible" for s in chosen] + ([f"{s}_enrolled" for s in chosen] if need_enrolled else [])
    optional = [] if need_enrolled else [f"{s}_enrolled" for s in chosen]
    table = read_communes(communes_file, required=required, optional=optional, sheet=sheet)
    results, problems = [], []
    for scheme in chosen:
        counts = [CommuneCounts(r.code, r.name, r.counts[f"{scheme}_eligible"], r.counts.get(f"{scheme}_enrolled"))
                  for r in table.rows]
        eligible = sum(c.eligible for c in counts)
        if eligible != district[scheme].eligible:
            difference = eligible - district[scheme].eligible
            err.write(f"warning: {communes_file}: the communes' {scheme} eligible add up to {eligible}, the "
                      f"plan's district count is {district[scheme].eligible} ({difference:+d}); the target is "
                      f"split all the same\n")
        try:
            results.append(split(scheme, district[scheme].enrolled, counts, method=method, basis=basis,
                                 floor_enrolled=floor, reasons=explain))
        except AllocationError as error:
            problems.append(Diagnostic(communes_file, None, None, "", str(error), "infeasible"))
    if problems:
        raise InputError(problems)
    if not floor and basis == "eligible":
        for result in results:
            below = sum(row.enrolled is not None and row.target < row.enrolled for row in result.rows)
            if below:
                err.write(f"note: {result.scheme}: {below} of {len(result.rows)} communes get a target below "
                          f"their enrolment now; --floor enrolled keeps each at least there\n")
    has_enrolled = all(row.enrolled is not None for result in results for row in result.rows)
    flat = [_allocation_dict(row, explain) for result in results for row in result.rows]
    keys = ["code", "name", "scheme", "eligible", "enrolled", "target", "rate"]
    if explain:
        keys += ["quota", "remainder", "priority", "bound", "tie"]
    document = {"plan": plan_header(plan), "method": method, "basis": basis, "floor": "enrolled" if floor else None,
                "allocations": flat}
    report = Report(lambda: [_allocation_table(plan, result, lang, has_enrolled, explain) for result in results],
                    keys, flat, document, lambda: allocation_workbook(plan, results, lang, has_enrolled))
    if kind == "yaml":
        from bhxh_cli.writing import write_atomic

        text = _plan_with_communes(doc, plan, results, table, read_text(plan_path), method, basis, communes_file)
        write_atomic(output, text.encode("utf-8"), force=force, inputs=[plan_path, communes_file])
    else:
        deliver(report, fmt=fmt, lang=lang, out=out, output=output, kind=kind, force=force,
                inputs=[plan_path, communes_file])
    if output is None:
        return 0
    err.write(f"wrote {output}: {len(table.rows)} communes, {len(results)} "
              f"scheme{'s' if len(results) != 1 else ''} ({method}, basis {basis})\n")
    return 0


def _allocation_dict(row, explain: bool) -> dict[str, Any]:
    item = {"code": row.code, "name": row.name, "scheme": row.scheme, "eligible": row.eligible,
            "enrolled": row.enrolled, "target": row.target, "rate": row.rate}
    if explain:
        item.update({"quota": _exact(row.quota), "remainder": _exact(row.remainder),
                     "priority": _exact(row.priority), "bound": row.bound, "tie": row.tie})
    return item


def _exact(value) -> Any:
    """An exact Fraction as a Decimal with 6 places for machines and people (the decision used the Fraction)."""
    from decimal import Decimal
    from fractions import Fraction

    if isinstance(value, Fraction):
        return rates_core.round_half_up(value, 6)
    if isinstance(value, Decimal):
        return value.quantize(Decimal("0.000001"))
    return value


def _allocation_table(plan: Plan, result, lang: str, has_enrolled: bool, explain: bool) -> Table:
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
    columns = [Column("code"), Column("name"), Column("eligible", "count")]
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
    title = i18n.label("allocate.title", lang, scheme=i18n.label(result.scheme, lang))
    notes = [i18n.label(f"allocate.basis.{result.basis}", lang, method=i18n.label(f"method.{result.method}", lang))]
    if explain and result.rate is not None:
        shown = rates_core.round_half_up(result.rate * 100, 3)
        notes.append(i18n.label(f"allocate.rate.{result.basis}", lang, rate=i18n.format_decimal(shown, lang)))
    return Table(_title(plan, lang, title), columns, rows, total, notes)


def _plan_with_communes(doc, plan: Plan, results, table, text: str, method: str, basis: str, source: str) -> str:
    import os

    from bhxh_cli.models import commune_problems
    from bhxh_cli.planfile import communes_block, with_communes

    problems = []
    for result in results:
        district = getattr(plan.schemes, result.scheme)
        eligible = sum(r.eligible for r in result.rows)
        if eligible != district.eligible:
            problems.append(Diagnostic(source, None, None, "", f"{result.scheme}: the communes' eligible add up "
                                       f"to {eligible}, the plan's district count to {district.eligible}; a plan "
                                       f"file needs them equal: correct the table or the plan, or write a .csv "
                                       f"table instead", "sum-mismatch"))
    if problems:
        raise InputError(problems)
    by_code: dict[str, dict[str, dict[str, int]]] = {row.code: {} for row in table.rows}
    for result in results:
        for row in result.rows:
            counts = {"eligible": row.eligible, "enrolled": row.target}
            if row.enrolled is not None:
                counts["baseline"] = row.enrolled
            by_code[row.code][result.scheme] = counts
    comment = (f"split by bhxh allocate from {os.path.basename(source)}: method {method}, basis {basis}; "
               f"enrolled = target, baseline = enrolled now")
    block = communes_block(((row.code, row.name, by_code[row.code]) for row in table.rows), comment)
    written = with_communes(text, doc, plan, block)
    # Never write a plan that `check` would refuse. The text is built from validated parts, so checking the
    # data it holds (not parsing the text again, which costs seconds at 10,600 communes) is enough here;
    # tests parse it back.
    data = dict(doc.data, communes=[{"code": row.code, "name": row.name, **by_code[row.code]} for row in table.rows])
    try:
        checked = Plan.model_validate(data)
    except Exception as error:  # pragma: no cover - a bug if it happens
        raise InputError([Diagnostic(source, None, None, "", f"the plan with communes would not be valid: "
                                     f"{error}", "internal")]) from None
    left = commune_problems(checked)
    if left:  # pragma: no cover - sums and uniqueness were checked before
        raise InputError([Diagnostic(source, None, None, ".".join(map(str, path)), message, rule)
                          for path, message, rule in left])
    return written


# -- gap ---------------------------------------------------------------------------------------------

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
    from bhxh_cli.models import normalized_name

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
        force: bool, lang: str, out: TextIO, err: TextIO, sheet: str | None = None) -> int:
    import datetime as dt

    from bhxh_cli import gap as gap_core
    from bhxh_cli.models import bundled_plan
    from bhxh_cli.tables import read_communes
    from bhxh_cli.writing import TABLE_KINDS, check_target, output_kind

    plan_path = plan_file if plan_file is not None else bundled_plan()
    kind = None
    inputs = [plan_path, actual_file or "", previous_file or ""]
    if output is not None:
        kind = output_kind(output, TABLE_KINDS)
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
    results = {}
    for scheme in chosen:
        rows = []
        for commune in plan.communes:
            counts = getattr(commune, scheme)
            report = matched[commune.code]
            before = previous_rows[commune.code].counts.get(f"{scheme}_enrolled") if previous_rows else None
            rows.append((commune, gap_core.progress(
                target=counts.enrolled, actual=report.counts[f"{scheme}_enrolled"], eligible=counts.eligible,
                baseline=counts.baseline, elapsed=elapsed, previous=before)))
        baselines = [p.baseline for _, p in rows]
        total = gap_core.progress(
            target=sum(p.target for _, p in rows), actual=sum(p.actual for _, p in rows),
            eligible=sum(p.eligible for _, p in rows),
            baseline=sum(baselines) if all(b is not None for b in baselines) else None, elapsed=elapsed,
            previous=sum(p.actual - p.change for _, p in rows) if previous_rows else None)
        results[scheme] = (rows, total)
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
        lambda: gap_workbook(plan, results, date, only_behind, previous_rows is not None, lang, [note]))
    deliver(report, fmt=fmt, lang=lang, out=out, output=output, kind=kind, force=force, inputs=inputs)
    if output is not None:
        err.write(f"wrote {output}: {len(flat)} rows\n")
    if fail_on_behind and any_behind:
        behind = sum(p.status == gap_core.BEHIND for rows, _ in results.values() for _, p in rows)
        err.write(f"{behind} commune row{'s are' if behind != 1 else ' is'} behind schedule on "
                  f"{date.isoformat()} (--fail-on behind)\n")
        return 1
    return 0


def _sorted(rows, sort: str):
    from bhxh_cli.models import normalized_name

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
    return Table(_title(plan, lang, title), columns, shown, total_row, notes)


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
        tables.append(Table(_title(plan, lang, title), [Column("scheme")] + columns, shown))
    for scheme in chosen if plan.communes else []:
        rows = [row(c.code, c.name, scheme, getattr(c, scheme).eligible, getattr(c, scheme).enrolled)
                for c in plan.communes]
        total = row("", i18n.label("total", lang), scheme, sum(r["eligible"] for r in rows),
                    sum(r["target"] for r in rows))
        flat.extend(rows)
        title = i18n.label("coverage.title", lang, scheme=i18n.label(scheme, lang))
        tables.append(Table(_title(plan, lang, title), [Column("code"), Column("name")] + columns, rows, total))
    tables[-1].notes = [i18n.label("coverage.note", lang)]
    keys = ["code", "name", "scheme", "eligible", "target", "not_covered", "rate"]
    document = {"plan": plan_header(plan), "as_of": None, "rows": flat}
    report = Report(lambda: tables, keys, flat, document, lambda: rates_workbook(plan, bool(plan.communes), lang))
    deliver(report, fmt=fmt, lang=lang, out=out, output=output, kind=kind, force=force, inputs=inputs)
    if output is not None:
        err.write(f"wrote {output}: {len(flat)} rows\n")
    return 0


# -- workbooks ---------------------------------------------------------------------------------------

def _title_block(plan: Plan, what: str, lang: str) -> list[str]:
    info = plan.plan
    year = f"năm {info.year}" if lang == "vi" else f"{info.year}"
    return [what, f"{info.area} · {info.number} · {year}"]


def _leading_columns(lang: str):
    from bhxh_cli.xlsx import WideColumn

    return [WideColumn("index", i18n.label("index", lang), "count"), WideColumn("code", i18n.label("code", lang)),
            WideColumn("name", i18n.label("name", lang))]


def _scheme_group(scheme: str, lang: str) -> str:
    return i18n.label(f"{scheme}.long", lang)


def rates_workbook(plan: Plan, by_commune: bool, lang: str):
    """The appendix itself: per scheme, eligible, enrolled and rate; the district's total row (and communes)."""
    from bhxh_cli.xlsx import WideColumn, WideTable

    schemes = [name for name, _ in plan.schemes.items()]
    columns = _leading_columns(lang)
    for scheme in schemes:
        group = _scheme_group(scheme, lang)
        columns += [WideColumn(f"{scheme}.eligible", i18n.label("eligible", lang), "count", group),
                    WideColumn(f"{scheme}.enrolled", i18n.label("enrolled", lang), "count", group),
                    WideColumn(f"{scheme}.rate", i18n.label("rate", lang) + " (%)", "percent", group)]

    def counts(holder) -> dict[str, Any]:
        row = {}
        for scheme in schemes:
            c = getattr(holder, scheme)
            row.update({f"{scheme}.eligible": c.eligible, f"{scheme}.enrolled": c.enrolled,
                        f"{scheme}.rate": rates_core.rate(c.enrolled, c.eligible)})
        return row

    rows = []
    if by_commune:
        rows = [{"index": i, "code": c.code, "name": c.name, **counts(c)} for i, c in enumerate(plan.communes, 1)]
    total = {"name": i18n.label("total", lang), **counts(plan.schemes)}
    title = i18n.label("rates.title", lang, year=plan.plan.year)
    return WideTable(_title_block(plan, title, lang), "Phu bieu" if lang == "vi" else "Appendix", columns, rows,
                     total, [i18n.label("rates.denominator", lang)])


def allocation_workbook(plan: Plan, results, lang: str, has_enrolled: bool):
    from bhxh_cli.xlsx import WideColumn, WideTable

    columns = _leading_columns(lang)
    for result in results:
        group = _scheme_group(result.scheme, lang)
        columns.append(WideColumn(f"{result.scheme}.eligible", i18n.label("eligible", lang), "count", group))
        if has_enrolled:
            columns.append(WideColumn(f"{result.scheme}.enrolled", i18n.label("enrolled_now", lang), "count", group))
        columns += [WideColumn(f"{result.scheme}.target", i18n.label("target", lang), "count", group),
                    WideColumn(f"{result.scheme}.rate", i18n.label("target_rate", lang) + " (%)", "percent", group)]
    rows: dict[str, dict[str, Any]] = {}
    total: dict[str, Any] = {"name": i18n.label("total", lang)}
    for result in results:
        for row in result.rows:
            item = rows.setdefault(row.code, {"index": len(rows) + 1, "code": row.code, "name": row.name})
            item.update({f"{result.scheme}.eligible": row.eligible, f"{result.scheme}.enrolled": row.enrolled,
                         f"{result.scheme}.target": row.target, f"{result.scheme}.rate": row.rate})
        eligible, target = sum(r.eligible for r in result.rows), sum(r.target for r in result.rows)
        total.update({f"{result.scheme}.eligible": eligible, f"{result.scheme}.target": target,
                      f"{result.scheme}.rate": rates_core.rate(target, eligible),
                      f"{result.scheme}.enrolled": sum(r.enrolled for r in result.rows) if has_enrolled else None})
    method = i18n.label(f"method.{results[0].method}", lang)
    notes = [i18n.label(f"allocate.basis.{results[0].basis}", lang, method=method)]
    title = i18n.label("allocate.book.title", lang, year=plan.plan.year)
    return WideTable(_title_block(plan, title, lang), "Chi tieu" if lang == "vi" else "Targets", columns,
                     list(rows.values()), total, notes)


def gap_workbook(plan: Plan, results: dict, date, only_behind: bool, with_change: bool, lang: str, notes):
    from bhxh_cli.gap import BEHIND
    from bhxh_cli.xlsx import WideColumn, WideTable

    columns = _leading_columns(lang)
    for scheme in results:
        group = _scheme_group(scheme, lang)
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
    return WideTable(_title_block(plan, title, lang), "Tien do" if lang == "vi" else "Progress", columns, shown,
                     total, notes)
