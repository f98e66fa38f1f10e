"""Reading a plan file of either format version: parse once, validate by its `version`, and give the
computations one shape (core/area.AreaPlan) with the document kept for positions."""

from __future__ import annotations

from bhxh_cli.core.area import AreaPlan
from bhxh_cli.diagnostics import Diagnostic
from bhxh_cli.plan import models, v2
from bhxh_cli.plan.loading import Document, load_file
from bhxh_cli.plan.view import from_v1, from_v2
from bhxh_cli.sources import collector_paused


def read_area_plan(file: str | None, *, loader: type | None = None,
                   check_rates: bool = True) -> tuple[Document, AreaPlan | None, list[Diagnostic]]:
    """Read, parse and validate a plan file of version 1 or 2 (the bundled plan when file is None).

    Returns the document (for positions), the plan (None when any problem was found) and the problems, in
    file order.
    """
    path = file if file is not None else models.bundled_plan()
    with collector_paused():
        doc, problems, refused = load_file(path, loader=loader)
        if isinstance(doc.data, dict) and doc.data.get("version") == 2 and not isinstance(doc.data.get("version"), bool):
            plan, more = v2.validate_document(doc, refused)
            view = from_v2(plan) if plan is not None else None
        else:
            plan, more = models.validate_document(doc, refused, check_rates=check_rates)
            view = from_v1(plan) if plan is not None else None
    problems = sorted(problems + more, key=lambda d: (d.line or 0, d.column or 0))
    return doc, (None if problems else view), problems
