"""`bhxh check` and `bhxh schema`: validating plan files, Resolution 102/NQ-CP's floors, the JSON Schema."""

from __future__ import annotations

import json
from typing import TextIO

from bhxh_cli.diagnostics import (
    REPORTERS,
    Diagnostic,
    InputError,
    UsageError,
    has_errors,
)
from bhxh_cli.plan.models import Plan, read_plan


def plan_files(paths: list[str]) -> list[str]:
    """The files to check: each file as given, and the .yaml/.yml files under each folder, in name order."""
    import os

    files = []
    for path in paths:
        if not os.path.isdir(path):
            files.append(path)
            continue
        for folder, subfolders, names in os.walk(path):
            subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
            files.extend(os.path.join(folder, n) for n in sorted(names) if n.endswith((".yaml", ".yml")))
    return files


def check(paths: list[str], *, fmt: str, policy: str | None, out: TextIO, err: TextIO) -> int:
    diagnostics: list[Diagnostic] = []
    unreadable = False
    files = plan_files(paths)
    if not files:
        raise UsageError(f"no .yaml or .yml files in {', '.join(paths)}")
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
        found = list(problems)
        if policy == "nq102":
            # The policy findings come with every other problem of the file, never hidden behind one: a plan
            # that fails validation is still checked on the district counts that can be read.
            found += _policy_diagnostics(doc, plan)
        diagnostics.extend(sorted(found, key=lambda d: (d.line or 0, d.column or 0)))
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


def _count(value) -> int | None:
    return value if type(value) is int and value >= 0 else None


def _district_counts(doc) -> tuple[int | None, list[tuple[str, int, int, int | None]]]:
    """The plan year and the district's (scheme, eligible, enrolled, baseline) as the file gives them, for a
    plan that does not validate; a scheme whose counts cannot be read is left out (its problem is reported)."""
    from bhxh_cli.core.schemes import SCHEMES

    data = doc.data if isinstance(doc.data, dict) else {}
    info = data.get("plan") if isinstance(data.get("plan"), dict) else {}
    year = info.get("year") if type(info.get("year")) is int else None
    schemes = data.get("schemes") if isinstance(data.get("schemes"), dict) else {}
    rows = []
    for name in SCHEMES:
        counts = schemes.get(name)
        if not isinstance(counts, dict):
            continue
        eligible, enrolled = _count(counts.get("eligible")), _count(counts.get("enrolled"))
        baseline = _count(counts.get("baseline"))
        if eligible is None or enrolled is None or (counts.get("baseline") is not None and baseline is None):
            continue
        rows.append((name, eligible, enrolled, baseline))
    return year, rows


def _policy_diagnostics(doc, plan: Plan | None) -> list[Diagnostic]:
    from bhxh_cli.core.policy import nq102

    if plan is not None:
        year = plan.plan.year
        rows = [(name, c.eligible, c.enrolled, c.baseline) for name, c in plan.schemes.items()]
    else:
        year, rows = _district_counts(doc)
        if year is None:
            return []
    found = []
    for finding in nq102(year, rows):
        path = ("schemes", finding.scheme, finding.field)
        line, column = doc.position(path)
        found.append(Diagnostic(doc.file, line, column, f"schemes.{finding.scheme}", finding.message,
                                finding.rule, finding.severity))
    return found


def schema_text() -> str:
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **Plan.model_json_schema()}
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
