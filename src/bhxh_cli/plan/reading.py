"""Reading a plan file of either format version: parse once, validate by its `version`, and give the
computations one shape (core/area.AreaPlan) with the document kept for positions."""

from __future__ import annotations

from bhxh_cli.core.area import AreaPlan
from bhxh_cli.diagnostics import Diagnostic
from bhxh_cli.plan import plain, plain_v2
from bhxh_cli.plan.loading import Document, Path, format_path
from bhxh_cli.plan.v2_rules import tree_problems
from bhxh_cli.plan.view import from_v1, from_v2
from bhxh_cli.sources import collector_paused


def read_any_plan(file: str | None, *, loader: type | None = None, check_rates: bool = True):
    """(document, model, problems) of a plan file of version 1 or 2: the model is a v1 `Plan` or a `PlanV2` (a
    clean one as plan/plain.py's or plain_v2.py's twin of it, with the same attributes; None when any problem
    was found), for commands that still work on the version's own model; `.version` tells them apart."""
    path = file if file is not None else plain.bundled_plan()
    with collector_paused():  # thousands of objects made and kept: no collection walks them while reading
        doc, problems, refused = plain.load_plan_document(path, loader=loader)
        clean = plain.clean_plan(doc.data, check_rates=check_rates) if not problems else None
        if clean is not None:  # a clean version-1 plan: no pydantic (its import is most of a start-up)
            plan, more = clean, [_diagnostic(doc, *problem) for problem in plain.commune_problems(clean)]
        elif version_of(doc) == 2:
            plan, more = validate_v2(doc, refused, clean=not problems)
        else:  # version 1, and every file whose version is wrong: v1's rules say so
            from bhxh_cli.plan import models  # the models say what is wrong

            plan, more = models.validate_document(doc, refused, check_rates=check_rates)
    problems = sorted(problems + more, key=lambda d: (d.line or 0, d.column or 0))
    return doc, (None if problems else plan), problems


def read_area_plan(file: str | None, *, loader: type | None = None,
                   check_rates: bool = True) -> tuple[Document, AreaPlan | None, list[Diagnostic]]:
    """Read, parse and validate a plan file of version 1 or 2 (the bundled plan when file is None).

    Returns the document (for positions), the plan (None when any problem was found) and the problems, in
    file order.
    """
    doc, plan, problems = read_any_plan(file, loader=loader, check_rates=check_rates)
    if plan is None:
        return doc, None, problems
    return doc, (from_v1(plan) if plan.version == 1 else from_v2(plan)), problems


def validate_v2(doc: Document, refused: set[Path] = frozenset(), *, clean: bool = True):
    """(plan, problems) of loaded data as a version 2 plan, as plan/v2.validate_document gives them: a clean
    plan as plain_v2's twins, read without pydantic (`clean=False` when the loader found problems: the models
    then say all that is wrong)."""
    plan = plain_v2.clean_plan(doc.data) if clean else None
    if plan is None:
        from bhxh_cli.plan import v2  # only here: a clean plan never loads the version-2 models

        return v2.validate_document(doc, refused)
    return plan, [_diagnostic(doc, *problem) for problem in tree_problems(plan)]


def version_of(doc: Document) -> int | None:
    """The plan format version a file declares (1 or 2), or None."""
    version = doc.data.get("version") if isinstance(doc.data, dict) else None
    return version if type(version) is int and version in (1, 2) else None


def _diagnostic(doc: Document, loc: tuple, text: str, rule: str) -> Diagnostic:
    """A problem of the rules across communes or units, pointing at its line (as the models' validation
    points)."""
    line, column = doc.position(loc)
    return Diagnostic(doc.file, line, column, format_path(loc), text, rule)
