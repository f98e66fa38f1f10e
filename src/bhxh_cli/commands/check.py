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
    from bhxh_cli.core.policy import nq102

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
