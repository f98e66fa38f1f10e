"""What each command does, between reading its inputs and rendering its outputs.

cli.py parses options and turns outcomes into exit codes; this module wires loaders, the pure core
and the renderers together. Functions take their output streams as parameters so that tests run
them in-process.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

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


def rates(file: str | None, *, by_commune: bool, fmt: str, lang: str, out: TextIO) -> int:
    doc, plan, problems = read_plan(file, check_rates=False)
    if plan is None:
        raise InputError(problems)
    if by_commune:
        return _rates_by_commune(doc.file, plan, fmt, lang, out)
    rows = [rates_core.scheme_rate(name, c.eligible, c.enrolled, c.rate, c.baseline)
            for name, c in plan.schemes.items()]
    has_baseline = any(r.baseline is not None for r in rows)
    columns = [Column("scheme"), Column("eligible", "count"), Column("enrolled", "count"),
               Column("rate", "percent"), Column("stated_rate", "stated"), Column("not_covered", "count")]
    if has_baseline:
        columns += [Column("baseline", "count"), Column("growth", "signed_percent")]
    dicts = [_rate_dict(r) for r in rows]
    shown = [dict(d, scheme=i18n.label(d["scheme"], lang)) for d in dicts]
    table = Table(_title(plan, lang, i18n.label("rates.title", lang, year=plan.plan.year)), columns, shown,
                  notes=[i18n.label("rates.denominator", lang)])
    keys = ["scheme", "eligible", "enrolled", "rate", "stated_rate", "rate_agrees", "not_covered",
            "baseline", "growth"]
    _emit([table], keys, dicts, {"plan": plan_header(plan), "schemes": dicts}, fmt, lang, out)
    return _rate_disagreements(doc, plan)


def _rate_disagreements(doc, plan: Plan) -> int:
    """Exit code 1 (with the reasons on stderr) when a stated rate disagrees with its counts."""
    import sys

    from bhxh_cli.models import validate_document

    _, problems = validate_document(doc)
    if problems:
        sys.stderr.write("".join(d.text() + "\n" for d in problems))
        return 1
    return 0


def _rates_by_commune(file: str, plan: Plan, fmt: str, lang: str, out: TextIO) -> int:
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
            row = {"code": commune.code, "name": commune.name, **row}
            rows.append(row)
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
    keys = ["code", "name", "scheme", "eligible", "enrolled", "rate", "not_covered", "baseline", "growth"]
    for table in tables:
        table.notes = []
    tables[-1].notes = [i18n.label("rates.denominator", lang)]
    strip = ("stated_rate", "rate_agrees")
    document = {"plan": plan_header(plan),
                "communes": [{k: v for k, v in r.items() if k not in strip} for r in flat],
                "total": [{k: v for k, v in t.items() if k not in strip} for t in totals]}
    _emit(tables, keys, flat, document, fmt, lang, out)
    return 0


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
