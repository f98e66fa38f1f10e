"""The `bhxh` command line: options in, exit codes out.

Only typer is imported at module level; everything else is imported inside the command that needs
it, so that `bhxh --help` starts fast. Exit codes: 0 ok; 1 an input was read but is invalid, or a
check failed; 2 a usage error or a file that cannot be opened.
"""


import enum
import functools
import os
import sys
from typing import Annotated, Callable, Optional

import typer

from bhxh_cli import __version__

app = typer.Typer(
    help="Social-insurance participation targets (Resolution 102/NQ-CP): rates, checks, splits by commune.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Lang(str, enum.Enum):
    vi = "vi"
    en = "en"


class TableFormat(str, enum.Enum):
    table = "table"
    csv = "csv"
    json = "json"
    markdown = "markdown"


class CheckFormat(str, enum.Enum):
    text = "text"
    github = "github"
    json = "json"


class By(str, enum.Enum):
    commune = "commune"


SheetOption = Annotated[Optional[str], typer.Option("--sheet", metavar="NAME", help="The sheet of an .xlsx input to read "
                                                    "(default: the first).", show_default=False)]
LangOption = Annotated[Lang, typer.Option("--lang", help="Labels and number style: vi (15.890; 97,7%) or en.")]
FormatOption = Annotated[TableFormat, typer.Option("--format", "-f", help="Output format; csv and json carry plain numbers.")]


class Interrupted(BaseException):
    """Ctrl-C, raised by our SIGINT handler: a BaseException, so that click does not turn it into its own
    "Aborted!" and exit 1, and every `finally` (temporary files) still runs."""


INTERRUPTED = "bhxh: interrupted\n"


_EXPECTED = {"FILE": "file name", "PLAN": "file name", "DATE": "date", "NAME": "sheet name"}


def _empty_option(command: Callable, kwargs: dict) -> str | None:
    """A usage error for an option or argument given as "" (`--communes ""`), or None. It looks at every
    parameter of the command, so a new option is covered without a word."""
    import inspect

    for name, parameter in inspect.signature(command).parameters.items():
        value = kwargs.get(name)
        if value != "" and not (isinstance(value, (list, tuple)) and "" in value):
            continue
        info = next((m for m in getattr(parameter.annotation, "__metadata__", ())
                     if isinstance(m, (typer.models.OptionInfo, typer.models.ArgumentInfo))), None)
        metavar = (getattr(info, "metavar", None) or name).strip("[].")
        # In Annotated[..., typer.Option("--output", "-o")], typer keeps the first name as the default.
        declared = [getattr(info, "default", None), *(getattr(info, "param_decls", None) or ())]
        options = [d for d in declared if isinstance(d, str) and d.startswith("--")]
        shown = options[0] if options else metavar
        return f"{shown}: is empty; give a {_EXPECTED.get(metavar.upper(), metavar.lower())}"
    return None


def _handled(command: Callable) -> Callable:
    """Turn our errors into one-line messages and exit codes; never a traceback."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        from bhxh_cli.diagnostics import InputError, UsageError, one_line, report_text
        from bhxh_cli.output.streams import Closed, Guarded, Messages

        # Python's 4,300-digit limit on int <-> str stays: it guards the readers against quadratic conversions,
        # and no count they accept (at most 18 digits) or sum of them comes near it.
        stdout, stderr = sys.stdout, sys.stderr
        if not isinstance(stdout, (Guarded, Closed)):  # main() guards it; a test's runner may not
            sys.stdout = Guarded(stdout)  # a full disk or closed stdout is one line, exit 2
        sys.stderr = Messages(stderr)  # user text in messages cannot forge lines or reach the terminal raw
        try:
            empty = _empty_option(command, kwargs)
            if empty is not None:
                raise UsageError(empty)
            try:
                command(*args, **kwargs)
                code = 0
            except typer.Exit as done:
                code = done.exit_code
            sys.stdout.flush()  # here, not at exit, where a failure could no longer be reported
        except InputError as error:
            sys.stderr.write(report_text(error.diagnostics))
            raise typer.Exit(error.exit_code) from None
        except UsageError as error:
            sys.stderr.write(f"bhxh: {one_line(str(error))}\n")
            raise typer.Exit(error.exit_code) from None
        except BrokenPipeError:  # `bhxh rates | head`: the reader left; nothing more to say
            sys.stderr.close()
            raise typer.Exit(0) from None
        except KeyboardInterrupt:
            sys.stderr.write(INTERRUPTED)
            raise typer.Exit(130) from None
        except typer.Abort:
            raise
        except Exception as error:  # a bug: say so in one line
            if os.environ.get("BHXH_DEBUG"):
                raise
            sys.stderr.write(one_line(f"bhxh: internal error ({type(error).__name__}: {error}); this is a bug, "
                                      f"please report it (BHXH_DEBUG=1 shows the traceback)") + "\n")
            raise typer.Exit(1) from None
        finally:
            sys.stdout, sys.stderr = stdout, stderr
        raise typer.Exit(code)

    return wrapper


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"bhxh {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True,
                                                    help="Print the version and exit.")] = None,
) -> None:
    """bhxh: plan, split and track social-insurance participation targets."""


@app.command()
@_handled
def rates(
    plan: Annotated[Optional[str], typer.Argument(
        metavar="[PLAN]", help="Plan file (YAML). Default: the bundled 2020 plan of Triệu Sơn.", show_default=False)] = None,
    by: Annotated[Optional[By], typer.Option("--by", help="commune: one row per commune and a total row.")] = None,
    format: FormatOption = TableFormat.table,
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE", help="Write to a file: .xlsx (the plan's "
                                                  "appendix), .csv, .json or .md.", show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing output file.")] = False,
    signer: Annotated[Optional[str], typer.Option("--signer", metavar="TEXT", help="Signature block of a .xlsx, lines "
                                                  "split by /: 'KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / name'.",
                                                  show_default=False)] = None,
    lang: LangOption = Lang.vi,
) -> None:
    """Participation rates per scheme: eligible, enrolled, rate, and the plan's own printed rate checked."""
    from bhxh_cli.commands import rates as command

    code = command.rates(plan, by_commune=by is not None, fmt=format.value, lang=lang.value, out=sys.stdout,
                          output=output, force=force, err=sys.stderr, signer=signer)
    raise typer.Exit(code)


@app.command()
@_handled
def check(
    plans: Annotated[list[str], typer.Argument(metavar="PLAN", help="Plan files (YAML) to check, or folders of them.", show_default=False)],
    format: Annotated[CheckFormat, typer.Option("--format", "-f", help="text, github (Actions annotations) or json.")] = CheckFormat.text,
    policy: Annotated[Optional[str], typer.Option("--policy", metavar="POLICY", help="Also check a policy's floors: "
                                                  "nq102, nq28 (labour force), health, or a policy file (.yaml).",
                                                  show_default=False)] = None,
) -> None:
    """Validate plan files; print every problem as FILE:LINE:COL: PATH: MESSAGE (rule)."""
    from bhxh_cli.commands import check as command

    code = command.check(plans, fmt=format.value, policy=policy,
                          out=sys.stdout, err=sys.stderr)
    raise typer.Exit(code)


class Basis(str, enum.Enum):
    eligible = "eligible"
    headroom = "headroom"


class Floor(str, enum.Enum):
    enrolled = "enrolled"


@app.command()
@_handled
def allocate(
    communes: Annotated[str, typer.Option("--communes", "-c", metavar="FILE", help="Communes table (CSV or .xlsx, as Excel saves it): code, name, "
                                          "<scheme>_eligible and optionally <scheme>_enrolled.",
                                          show_default=False)],
    plan: Annotated[Optional[str], typer.Option("--plan", "-p", metavar="FILE", help="Plan file. Default: the bundled 2020 plan.",
                                                show_default=False)] = None,
    scheme: Annotated[Optional[list[str]], typer.Option("--scheme", "-s", metavar="SCHEME", help="Split only this scheme: mandatory (bb, bắt buộc), voluntary "
                                                        "(tn, tự nguyện) or unemployment (bhtn, thất nghiệp) (repeatable). "
                                                        "Default: every scheme of the plan.", show_default=False)] = None,
    method: Annotated[str, typer.Option("--method", "-m", metavar="METHOD", help="sainte-lague (webster), dhondt (jefferson), "
                                        "huntington-hill, adams, hamilton (largest-remainder).")] = "sainte-lague",
    basis: Annotated[Basis, typer.Option("--basis", help="eligible: in proportion to eligible people; headroom: "
                                         "the increase in proportion to people not yet covered.")] = Basis.eligible,
    floor: Annotated[Optional[Floor], typer.Option("--floor", help="enrolled: no commune below its enrolment now (the "
                                                   "default when the table gives enrolment; this also requires it).",
                                                   show_default=False)] = None,
    no_floor: Annotated[bool, typer.Option("--no-floor", help="Let a commune's target fall below its enrolment now.")] = False,
    explain: Annotated[bool, typer.Option("--explain", help="Show each commune's exact quota, remainder or "
                                          "priority, bound and ties.")] = False,
    format: FormatOption = TableFormat.table,
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE", help="Write to a file: .yaml (the plan with "
                                                  "its communes), .xlsx, .csv, .json or .md.", show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing output; split a plan that already "
                                        "has communes.")] = False,
    sheet: SheetOption = None,
    lang: LangOption = Lang.vi,
) -> None:
    """Split the plan's targets among communes: whole numbers that add up exactly to the district's."""
    from bhxh_cli.commands import allocate as command
    from bhxh_cli.diagnostics import UsageError

    if floor is not None and no_floor:
        raise UsageError("--floor enrolled and --no-floor say opposite things; give one")
    code = command.allocate(communes, plan_file=plan, schemes=list(scheme or []), method=method,
                             basis=basis.value, floor=False if no_floor else (True if floor is not None else None), explain=explain, fmt=format.value,
                             output=output, force=force, lang=lang.value, out=sys.stdout, err=sys.stderr,
                             sheet=sheet)
    raise typer.Exit(code)


class Sort(str, enum.Enum):
    shortfall = "shortfall"
    gap = "gap"
    achieved = "achieved"
    code = "code"
    name = "name"


class Only(str, enum.Enum):
    behind = "behind"


class FailOn(str, enum.Enum):
    behind = "behind"
    missing = "missing"


@app.command()
@_handled
def gap(
    plan: Annotated[Optional[str], typer.Option("--plan", "-p", metavar="FILE", help="Plan file, with communes for --actual. "
                                                "Default: the bundled 2020 plan.", show_default=False)] = None,
    actual: Annotated[Optional[str], typer.Option("--actual", "-a", metavar="FILE", help="Report of enrolment per commune (CSV or .xlsx): "
                                                  "code, name, <scheme>_enrolled.", show_default=False)] = None,
    as_of: Annotated[Optional[str], typer.Option("--as-of", metavar="DATE", help="Date of the report (DD/MM/YYYY, DD-MM-YYYY, "
                                                 "DD.MM.YYYY or YYYY-MM-DD), in the plan year. Default: the date in the "
                                                 "report's header, else today in the plan year, else 31 December.",
                                                 show_default=False)] = None,
    previous: Annotated[Optional[str], typer.Option("--previous", metavar="FILE", help="An earlier report, for the change since "
                                                    "it.", show_default=False)] = None,
    scheme: Annotated[Optional[list[str]], typer.Option("--scheme", "-s", metavar="SCHEME", help="Only this scheme: mandatory (bb, bắt buộc), voluntary (tn, "
                                                        "tự nguyện) or unemployment (bhtn, thất nghiệp) (repeatable).",
                                                        show_default=False)] = None,
    sort: Annotated[Sort, typer.Option("--sort", help="shortfall (laggards first: furthest behind schedule), gap, "
                                       "achieved, code or name.")] = Sort.shortfall,
    only: Annotated[Optional[Only], typer.Option("--only", help="behind: only communes behind schedule.",
                                                 show_default=False)] = None,
    fail_on: Annotated[Optional[list[FailOn]], typer.Option("--fail-on", help="behind: exit 1 if any commune is behind; "
                                                            "missing: exit 1 if the report lacks a commune of the plan "
                                                            "(repeatable; for a scheduled CI job).",
                                                            show_default=False)] = None,
    format: FormatOption = TableFormat.table,
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE", help="Write to a file: .xlsx, .docx (a drafted "
                                                  "report), .csv, .json or .md.", show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing output file.")] = False,
    signer: Annotated[Optional[str], typer.Option("--signer", metavar="TEXT", help="Signature block of a .xlsx or .docx, "
                                                  "lines split by /: 'KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / name'.",
                                                  show_default=False)] = None,
    sheet: SheetOption = None,
    lang: LangOption = Lang.vi,
) -> None:
    """Where each commune stands against its target: gap, share achieved, schedule, laggards first."""
    from bhxh_cli.commands import gap as command

    code = command.gap(plan_file=plan, actual_file=actual, as_of=as_of, previous_file=previous,
                        schemes=list(scheme or []), sort=sort.value, only_behind=only is not None,
                        fail_on_behind=FailOn.behind in (fail_on or []),
                        fail_on_missing=FailOn.missing in (fail_on or []), fmt=format.value, output=output, force=force,
                        lang=lang.value, out=sys.stdout, err=sys.stderr, sheet=sheet, signer=signer)
    raise typer.Exit(code)


class MilestoneMethod(str, enum.Enum):
    linear = "linear"
    growth = "growth"


@app.command()
@_handled
def milestones(
    baseline: Annotated[str, typer.Option("--baseline", metavar="YEAR=COUNT", help="The baseline year and its count "
                                          "of participants, e.g. 2025=21400.", show_default=False)],
    target: Annotated[str, typer.Option("--target", metavar="YEAR=COUNT", help="The end year and its target, e.g. "
                                        "2030=29500 (Resolution 403/NQ-CP).", show_default=False)],
    method: Annotated[MilestoneMethod, typer.Option("--method", "-m", help="linear: equal steps; growth: a constant "
                                                    "yearly growth rate.")] = MilestoneMethod.linear,
    plan: Annotated[Optional[str], typer.Option("--plan", "-p", metavar="FILE", help="A plan to copy for each year, "
                                                "with --output-dir.", show_default=False)] = None,
    output_dir: Annotated[Optional[str], typer.Option("--output-dir", metavar="DIR", help="Write plan_YEAR.yaml here "
                                                      "for every milestone.", show_default=False)] = None,
    scheme: Annotated[Optional[str], typer.Option("--scheme", "-s", metavar="SCHEME", help="The plan's scheme "
                                                  "whose target each year's plan gets (needed when it has several).",
                                                  show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace existing plan_YEAR.yaml files.")] = False,
    format: FormatOption = TableFormat.table,
    lang: LangOption = Lang.vi,
) -> None:
    """Yearly milestones from a baseline year's count to an end-year target (Resolution 403/NQ-CP)."""
    from bhxh_cli.commands import milestones as command

    code = command.milestones(baseline, target, method=method.value, fmt=format.value, lang=lang.value,
                               out=sys.stdout, plan_file=plan, output_dir=output_dir,
                               scheme=scheme, force=force, err=sys.stderr)
    raise typer.Exit(code)


plan_app = typer.Typer(help="Plan files: make one from an official's Excel appendix, or upgrade one to format "
                            "version 2.", no_args_is_help=True)
app.add_typer(plan_app, name="plan")


@plan_app.command("import")
@_handled
def plan_import(
    appendix: Annotated[str, typer.Argument(metavar="APPENDIX", help="The plan's appendix: .xlsx, .xls or CSV.",
                                            show_default=False)],
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE", help="Write the plan here (.yaml); "
                                                  "default: print it.", show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing output file.")] = False,
    number: Annotated[Optional[str], typer.Option("--number", metavar="NUMBER", help="The plan's number (e.g. "
                                                  "45/KH-UBND), when the title does not give it.", show_default=False)] = None,
    year: Annotated[Optional[int], typer.Option("--year", metavar="YEAR", help="The year of the targets, when the "
                                                "title does not give it.", show_default=False)] = None,
    area: Annotated[Optional[str], typer.Option("--area", metavar="AREA", help="The area (e.g. 'Tỉnh Lai Châu'), when "
                                                "neither the title nor the header gives it.", show_default=False)] = None,
    date: Annotated[Optional[str], typer.Option("--date", metavar="DATE", help="The plan's date of issue "
                                                "(DD/MM/YYYY).", show_default=False)] = None,
    issuer: Annotated[Optional[str], typer.Option("--issuer", metavar="ISSUER", help="Who issued it (e.g. 'UBND "
                                                  "tỉnh Lai Châu').", show_default=False)] = None,
    sheet: SheetOption = None,
) -> None:
    """Make a plan file from the appendix of a plan: totals, communes, number, date, issuer and year."""
    from bhxh_cli.commands import plan_import as command

    code = command.plan_import(appendix, output=output, force=force, sheet=sheet, number=number, year=year,
                               area=area, date=date, issuer=issuer, out=sys.stdout, err=sys.stderr)
    raise typer.Exit(code)


@app.command()
@_handled
def schema(
    plan_version: Annotated[int, typer.Option("--plan-version", min=1, max=2, metavar="1|2",
                                              help="The plan format version: 2 (default) or 1.")] = 2,
) -> None:
    """Print the plan format's JSON Schema (for editors and other validators)."""
    from bhxh_cli.commands import check as command

    sys.stdout.write(command.schema_text(plan_version))


def _interrupt(signum, frame) -> None:
    raise Interrupted()


@plan_app.command("upgrade")
@_handled
def plan_upgrade(
    plan: Annotated[str, typer.Argument(metavar="PLAN", help="A plan file of format version 1.", show_default=False)],
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE", help="Write the version 2 plan "
                                                  "here (.yaml); default: print it.", show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing output file.")] = False,
) -> None:
    """Write a version 1 plan as version 2, keeping every comment: enrolled becomes target, communes become
    units (with their kind where the name says it)."""
    from bhxh_cli.commands import plan_upgrade as command

    raise typer.Exit(command.plan_upgrade(plan, output=output, force=force, out=sys.stdout, err=sys.stderr))


def main() -> None:
    """The `bhxh` command (also `python -m bhxh_cli`): the process as it comes (closed or narrow standard
    streams, Ctrl-C at any moment) handled before the command line is read."""
    import signal

    if sys.stderr is None:  # `2>&-`: nobody to tell anything to
        sys.stderr = open(os.devnull, "w")
    from bhxh_cli.output.streams import Closed, Guarded, StreamError, fold_unencodable, folding_note

    if sys.stdout is None:  # `>&-`: an error only if something is written to it
        sys.stdout = Closed()
    else:
        fold_unencodable(sys.stdout)
        sys.stdout = Guarded(sys.stdout)  # --help and --version too: a full disk is one line, exit 2
    try:
        if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
            signal.signal(signal.SIGINT, _interrupt)  # inside the try: from this moment, one line and 130
        try:
            app(prog_name="bhxh")
        finally:
            sys.stdout.flush()  # here, where a failure can still be reported
    except Interrupted:
        sys.stderr.write(INTERRUPTED)
        sys.exit(130)
    except StreamError as error:  # while typer printed help or a version, outside any command
        sys.stderr.write(f"bhxh: {error}\n")
        sys.exit(2)
    finally:
        note = folding_note()
        if note:
            sys.stderr.write(note)
