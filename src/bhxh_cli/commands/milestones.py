"""`bhxh milestones`: yearly milestones from a baseline year's count to an end-year target (Resolution
403/NQ-CP's 2030 targets), and optionally one plan file per year."""

from __future__ import annotations

import os
import re
from typing import Any, TextIO

from bhxh_cli import i18n
from bhxh_cli.commands.output import Report, deliver
from bhxh_cli.core import milestones as core
from bhxh_cli.core.rates import growth, round_half_up
from bhxh_cli.diagnostics import Diagnostic, InputError, UsageError
from bhxh_cli.messages import tr
from bhxh_cli.output.render import Column, Table

FIRST_YEAR, LAST_YEAR = 1990, 2100  # the years a plan can be for (plan.year)
MAX_COUNT = 10**9  # more people than Vietnam has: a typing slip (and no giant integer roots)
_COUNT = re.compile(r"\d+|\d{1,3}(?:\.\d{3})+|\d{1,3}(?:,\d{3})+")  # 21400, 21.400 or 21,400
_YEAR = re.compile(r"\d{4}")


def parse_year_count(option: str, text: str, example: str) -> tuple[int, int]:
    """`2025=21400` as (2025, 21400); anything else is a usage error naming the option and what to type."""
    year_text, sep, count_text = text.partition("=")
    year_text, count_text = year_text.strip(), count_text.strip()
    if not sep:
        raise UsageError(tr("milestones.not_year_count", option=option, text=text, example=example))
    if not _YEAR.fullmatch(year_text) or not FIRST_YEAR <= int(year_text) <= LAST_YEAR:
        raise UsageError(tr("milestones.not_a_year", option=option, text=text, year=year_text, first=FIRST_YEAR,
                            last=LAST_YEAR, example=example))
    if not _COUNT.fullmatch(count_text):
        raise UsageError(tr("milestones.not_a_count", option=option, text=text, count=count_text,
                            example=example))
    count = int(count_text.replace(".", "").replace(",", ""))
    if count > MAX_COUNT:
        raise UsageError(tr("milestones.too_many", option=option, text=text, count=count_text))
    return int(year_text), count


def read_options(baseline: str, target: str, method: str) -> tuple[int, int, int, int]:
    baseline_year, baseline_count = parse_year_count("--baseline", baseline, "2025=21400")
    target_year, target_count = parse_year_count("--target", target, "2030=29500")
    if target_year <= baseline_year:
        raise UsageError(tr("milestones.target_not_after", target=target, year=target_year, baseline=baseline_year,
                            example=f"{baseline_year + 5}={target_count}"))
    if method == "growth" and baseline_count == 0:
        raise UsageError(tr("milestones.growth_from_zero", baseline=baseline))
    if method == "growth" and target_count == 0:
        raise UsageError(tr("milestones.growth_to_zero", target=target))
    return baseline_year, baseline_count, target_year, target_count


def milestones(baseline: str, target: str, *, method: str, fmt: str, lang: str, out: TextIO,
               plan_file: str | None = None, output_dir: str | None = None, scheme: str | None = None,
               force: bool = False, err: TextIO | None = None) -> int:
    if output_dir is not None and plan_file is None:
        raise UsageError(tr("milestones.output_dir_needs_plan"))
    if plan_file is not None and output_dir is None:
        raise UsageError(tr("milestones.plan_needs_output_dir"))
    if scheme is not None and plan_file is None:
        raise UsageError(tr("milestones.scheme_needs_plan"))
    baseline_year, baseline_count, target_year, target_count = read_options(baseline, target, method)
    path = core.milestones(baseline_year, baseline_count, target_year, target_count, method)
    files = []
    if plan_file is not None:
        files = _plan_files(plan_file, output_dir, scheme, path, baseline_count, method, force)
    if files:  # written before the table is shown: a failed write then shows no table
        from bhxh_cli.output.files import write_atomic

        for name, text in files:
            write_atomic(name, text.encode("utf-8"), force=force, inputs=[plan_file])
            if err is not None:
                err.write(tr("milestones.wrote", file=name) + "\n")
    report = _report(path, baseline_year, baseline_count, method, lang)
    deliver(report, fmt=fmt, lang=lang, out=out, output=None, kind=None, force=False, inputs=[])
    return 0


def _report(path: list[core.Milestone], baseline_year: int, baseline: int, method: str, lang: str) -> Report:
    rows = [{"year": m.year, "target": m.target} for m in path]

    def tables() -> list[Table]:
        shown, previous = [], baseline
        for m in path:
            grown = growth(m.target, previous)
            shown.append({"year": str(m.year), "target": m.target, "increase": m.target - previous,
                          "growth": None if grown is None else round_half_up(grown)})
            previous = m.target
        end = path[-1]
        columns = [Column("year", label="milestones.year"), Column("target", "count", "milestones.target"),
                   Column("increase", "signed_count", "milestones.increase"),
                   Column("growth", "signed_percent", "milestones.growth")]
        count = i18n.format_count
        notes = [i18n.label("milestones.baseline", lang, year=baseline_year, count=count(baseline, lang))]
        if method == "linear":
            notes.append(i18n.label("milestones.linear", lang))
        else:
            rate = core.growth_rate(baseline, end.target, end.year - baseline_year)
            notes.append(i18n.label("milestones.growth.note", lang,
                                    rate=i18n.format_percent(rate, lang, sign=True)))
        title = i18n.label("milestones.title", lang, year=end.year, target=count(end.target, lang))
        return [Table(title, columns, shown, notes=notes)]

    return Report(tables, ["year", "target"], rows, {"milestones": rows})


# -- a plan file per year ------------------------------------------------------------------------------

def _plan_files(plan_file: str, output_dir: str, scheme: str | None, path: list[core.Milestone],
                baseline: int, method: str, force: bool) -> list[tuple[str, str]]:
    """(file name, text) of plan_YEAR.yaml for every milestone, each checked to read back as a valid plan;
    every target checked before anything is written, so that nothing is half-written."""
    from bhxh_cli.output.files import check_target
    from bhxh_cli.plan.loading import parse
    from bhxh_cli.plan.models import read_plan, validate_document

    if not os.path.isdir(output_dir):
        raise UsageError(tr("milestones.no_folder", folder=output_dir))
    doc, plan, problems = read_plan(plan_file)
    if plan is None:
        raise InputError(problems)
    present = [name for name, _ in plan.schemes.items()]
    if scheme is not None:  # Vietnamese names and short forms too: "bb", "bắt buộc"
        from bhxh_cli.core.names import scheme_of

        scheme = scheme_of(scheme) or scheme
    if scheme is None:
        if len(present) > 1:
            raise UsageError(tr("milestones.choose_scheme", file=plan_file, count=len(present),
                                schemes=", ".join(present)))
        scheme = present[0]
    elif scheme not in present:
        raise UsageError(tr("milestones.no_such_scheme", file=plan_file, scheme=scheme, schemes=", ".join(present)))
    eligible = getattr(plan.schemes, scheme).eligible
    line, column = doc.position(("schemes", scheme, "eligible"))
    if baseline > eligible:
        raise InputError([Diagnostic(
            doc.file, line, column, f"schemes.{scheme}.eligible",
            tr("milestones.baseline_above_eligible", baseline=baseline, eligible=eligible),
            "milestone-above-eligible")])
    for m in path:
        if m.target > eligible:
            raise InputError([Diagnostic(
                doc.file, line, column, f"schemes.{scheme}.eligible",
                tr("milestones.milestone_above_eligible", year=m.year, target=m.target, eligible=eligible),
                "milestone-above-eligible")])
    files, previous = [], baseline
    for m in path:
        name = os.path.join(output_dir, f"plan_{m.year}.yaml")
        check_target(name, force=force, inputs=[plan_file])
        text = _plan_text(plan, plan_file, scheme, m, previous, method, (path[0].year - 1, baseline), path[-1])
        written, parse_problems, refused = parse(text, name)
        _, more = validate_document(written, refused)
        if parse_problems or more:  # a bug if it happens: say so rather than write a wrong plan
            raise AssertionError("; ".join(d.text() for d in parse_problems + more))
        files.append((name, text))
        previous = m.target
    return files


def _plan_text(plan, plan_file: str, scheme: str, milestone: core.Milestone, baseline: int, method: str,
               start: tuple[int, int], end: core.Milestone) -> str:
    """The plan for one milestone's year: the source plan's identity (without its title and dates), and one
    scheme: the source plan's eligible, the milestone as enrolled (the target), the year before's as baseline."""
    from bhxh_cli.plan.models import Plan
    from bhxh_cli.plan.planfile import dump_plan

    info: dict[str, Any] = plan.plan.model_dump(exclude_none=True)
    for key in ("title", "issued", "report_due"):  # the source document's, not true of this year's plan
        info.pop(key, None)
    info["year"] = milestone.year
    counts = {"eligible": getattr(plan.schemes, scheme).eligible, "enrolled": milestone.target,
              "baseline": baseline}
    copy = Plan.model_validate({"version": 1, "plan": info, "schemes": {scheme: counts}})
    from bhxh_cli.plan.planfile import _comment

    # the file's name is the user's text: one line, inert in a YAML comment
    header = "".join("# " + _comment(tr(key, scheme=scheme, start=start[0], start_count=start[1], end=end.year,
                                        end_count=end.target, method=method, year=milestone.year,
                                        file=os.path.basename(plan_file))) + "\n"
                     for key in ("plan_comment.milestone", "plan_comment.milestone_made", "plan_comment.milestone_left"))
    return header + dump_plan(copy)
