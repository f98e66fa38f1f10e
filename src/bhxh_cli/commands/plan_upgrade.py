"""`bhxh plan upgrade`: a version 1 plan file written as version 2, every comment kept."""

from __future__ import annotations

from typing import TextIO

from bhxh_cli.diagnostics import Diagnostic, InputError
from bhxh_cli.messages import tr, trn


def plan_upgrade(path: str, *, output: str | None, force: bool, out: TextIO, err: TextIO) -> int:
    from bhxh_cli.output.files import check_target, output_kind, write_atomic
    from bhxh_cli.plan import models, v2
    from bhxh_cli.plan.loading import parse
    from bhxh_cli.plan.reading import version_of
    from bhxh_cli.plan.upgrade import upgrade_text

    if output is not None:
        output_kind(output, {".yaml": "yaml", ".yml": "yaml"})
        check_target(output, force=force, inputs=[path])
    doc, plan, problems = models.read_plan(path)
    if version_of(doc) == 2:
        raise InputError([Diagnostic(doc.file, *doc.position(("version",)), "version", tr("upgrade.already_v2"),
                                     "already-v2")])
    if plan is None:  # only a valid plan is upgraded: what it means must be known to be kept
        raise InputError(problems)
    text = upgrade_text(doc.source)
    # what is written must read back as a valid version 2 plan; a failure here is a bug, said as one
    new_doc, new_problems, refused = parse(text, output or path)
    upgraded, more = v2.validate_document(new_doc, refused)
    if upgraded is None or new_problems or more:
        raise InputError(new_problems + more)
    if output is None:
        out.write(text)
        return 0
    write_atomic(output, text.encode("utf-8"), force=force, inputs=[path])
    err.write(trn("upgrade.wrote", len(plan.communes or []), file=output) + "\n")
    return 0
