"""`bhxh check` and `bhxh schema`: validating plan files (format versions 1 and 2), policies' floors, the JSON
Schema."""

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
from bhxh_cli.core.area import AreaPlan, Figures
from bhxh_cli.messages import tr, trn
from bhxh_cli.plan.reading import read_area_plan, version_of


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


def check(paths: list[str], *, fmt: str, policies: list[str] = (), out: TextIO, err: TextIO,
          registries: list[str] = ()) -> int:
    diagnostics: list[Diagnostic] = []
    unreadable = False
    files = plan_files(paths)
    if not files:
        raise UsageError(tr("check.no_files", paths=", ".join(paths)))
    # each policy named (a bundled one by name, or a user's file), all applied: `--policy nq28 --policy health`
    rules = []
    if policies:
        from bhxh_cli.plan.policy_file import read_policy

        rules = [read_policy(policy) for policy in dict.fromkeys(policies)]
    registry = None
    if registries:
        from bhxh_cli.tables.registry import read_registries

        registry = read_registries(list(registries))  # `vn`, or a user's dated list of units
    for file in files:
        try:
            doc, plan, problems = read_area_plan(file)
        except InputError as error:
            diagnostics.extend(error.diagnostics)
            continue
        except UsageError as error:
            unreadable = True
            diagnostics.append(Diagnostic(file, None, None, "", str(error).removeprefix(f"{file}: "),
                                          "unreadable"))
            continue
        found = list(problems)
        for policy_rules in rules:
            # The policy findings come with every other problem of the file, never hidden behind one: a plan
            # that fails validation is still checked on the district counts that can be read.
            found += _policy_diagnostics(doc, plan, policy_rules)
        if registry is not None:
            from bhxh_cli.commands.registry import plan_unit_diagnostics

            found += plan_unit_diagnostics(doc, registry)
        diagnostics.extend(sorted(found, key=lambda d: (d.line or 0, d.column or 0)))
    out.write(REPORTERS[fmt](diagnostics))
    if fmt == "text":
        counts = [trn(f"check.{s}s", n) for s in ("error", "warning", "note")
                  if (n := sum(d.severity == s for d in diagnostics))]
        summary = ", ".join(counts) or tr("check.no_problems")
        err.write(tr("check.summary", files=trn("check.files", len(files)), summary=summary) + "\n")
    if unreadable:
        return 2
    return 1 if has_errors(diagnostics) else 0


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


def _policy_diagnostics(doc, plan: AreaPlan | None, rules) -> list[Diagnostic]:
    from bhxh_cli.core.policies import evaluate

    if plan is not None:
        year, figures = plan.year, plan.figures
    elif version_of(doc) == 2:
        return []  # a version 2 plan's targets may be rates of counts that do not validate: nothing to trust
    else:
        year, rows = _district_counts(doc)
        if year is None:
            return []
        figures = {name: Figures(enrolled, eligible=eligible, baseline=baseline)
                   for name, eligible, enrolled, baseline in rows}
    target_key = "target" if version_of(doc) == 2 else "enrolled"
    found = []
    for finding in evaluate(rules, year, figures):
        field = target_key if finding.field == "enrolled" else finding.field
        line, column = doc.position(("schemes", finding.scheme, field))
        found.append(Diagnostic(doc.file, line, column, f"schemes.{finding.scheme}", finding_message(finding),
                                finding.rule, finding.severity))
    return found


def finding_message(finding) -> str:
    """A policy's finding (core/policies: a key and values) as a sentence of the catalog."""
    values = dict(finding.values)
    document = str(values.get("document", ""))
    for word, kind in (("Resolution ", "resolution"), ("Decision ", "decision")):  # the bundled policies' names
        if document.startswith(word):
            values["document"] = tr(f"policy.document.{kind}", number=document[len(word):])
    key = finding.key
    if "of" in values:
        values["what"] = tr(f"policy.of.{values['of']}")
    if key == "floor.below":
        share = tr(f"policy.share.{values['of']}", target=values["target"], whole=values["whole"],
                   exact=values["exact"])
        if len(values["schemes"]) > 1:
            share = tr("policy.share.summed", share=share,
                       schemes=" + ".join(tr(f"scheme.{scheme}") for scheme in values["schemes"]))
        kind, named = values["which"]
        values.update(share=share, which=tr(f"policy.which.{kind}", named=named, year=values["year"]))
        if values["printed"] is not None:
            key = "floor.below.rounded"
    if key == "growth.no_baseline" and values["high"] is None:
        key = "growth.no_baseline.at_least"
    return tr(f"policy.{key}", **values)


def schema_text(version: int = 2) -> str:
    """The JSON Schema of plan format `version` (2, the current one, unless 1 is asked for)."""
    if version == 1:
        from bhxh_cli.plan.models import Plan as model
    else:
        from bhxh_cli.plan.v2 import PlanV2 as model
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **model.model_json_schema()}
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
