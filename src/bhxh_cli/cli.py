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
from bhxh_cli.messages import choose_language, language, set_language, tr, unread_environment_language

# The language is chosen before the command line is parsed, so that --help speaks it too (--lang anywhere on
# the line, else BHXH_LANG, else Vietnamese); main() makes it the process's language.
HELP_LANGUAGE = choose_language(sys.argv[1:], os.environ)


def _h(key: str) -> str:
    return tr(f"help.{key}", HELP_LANGUAGE)


# Click writes the frame of a help page (Usage:, Options:, [default: …]) in English, in code of its own; a
# help page in Vietnamese gets those words from the catalog.
_FRAME = (("Usage:", "usage"), ("Arguments:", "arguments"), ("Options:", "options"), ("Commands:", "commands"),
          ("[default: ", "default"), ("[required]", "required"), ("Show this message and exit.", "help"))


def _framed(text: str) -> str:
    if HELP_LANGUAGE == "en":
        return text
    for english, key in _FRAME:
        text = text.replace(english, tr(f"help.frame.{key}", HELP_LANGUAGE))
    # a "[default:" that the help's wrapping left at a line's end
    return text.replace("[default:\n", tr("help.frame.default", HELP_LANGUAGE).rstrip() + "\n")


class _Spoken(typer.core._click.exceptions.UsageError):
    """Click's usage error ("No such option", "Missing option", "Invalid value for"...), worded from the
    catalog of the language of the run: Click writes its own in English, in code of its own."""

    def __init__(self, error) -> None:
        super().__init__(error.message, error.ctx)
        self.exit_code = error.exit_code
        self.spoken = _usage_message(error)

    def format_message(self) -> str:
        return self.spoken

    def show(self, file=None) -> None:
        file = file or sys.stderr
        if self.ctx is not None:
            usage = self.ctx.get_usage().replace("Usage:", tr("help.frame.usage"), 1)
            command = f"{self.ctx.command_path} {self.ctx.help_option_names[0]}"
            file.write(f"{usage}\n{tr('cli.usage.try', command=command)}\n\n")
        file.write(tr("cli.usage.error", message=self.spoken) + "\n")


def _hint(error) -> str:
    hint = getattr(error, "param_hint", None)
    if hint is None and getattr(error, "param", None) is not None:
        hint = error.param.get_error_hint(error.ctx)
    if isinstance(hint, (list, tuple)):
        return " / ".join(repr(word) for word in hint)
    return hint or ""


def _usage_message(error) -> str:
    """The sentence of the catalog for one of Click's usage errors; its English text is read only for the
    values it carries (an option's name, the extra words)."""
    import re

    errors = typer.core._click.exceptions
    message = error.message.removeprefix("Value error, ")
    if isinstance(error, errors.NoSuchOption):
        if error.possibilities:
            return tr("cli.usage.no_such_option.possible", option=error.option_name,
                      possible=", ".join(sorted(error.possibilities)))
        return tr("cli.usage.no_such_option", option=error.option_name)
    if isinstance(error, errors.MissingParameter):
        kind = error.param_type or (error.param.param_type_name if error.param is not None else "parameter")
        return tr(f"cli.usage.missing.{kind if kind in ('option', 'argument') else 'parameter'}", name=_hint(error))
    if isinstance(error, errors.BadParameter):
        if found := re.fullmatch(r"(.*) is not one of (.*)\.", message):
            detail = tr("cli.usage.not_one_of", value=found[1], choices=found[2])
        elif message.startswith("Input should be a valid integer") or re.fullmatch(
                r".* is not a valid int(?:eger)?(?: range)?\.", message):
            detail = tr("cli.usage.not_an_integer")
        elif found := re.fullmatch(r"(\S+) is not in the range (?:(\S+)<=)?x(?:<=(\S+))?\.", message):
            value, low, high = found[1], found[2], found[3]  # Click's IntRange: the value, and the limits given
            too_low = low is not None and float(value) < float(low)
            detail = tr(f"cli.usage.{'at_least' if too_low else 'at_most'}", limit=low if too_low else high)
        elif found := re.fullmatch(r"Input should be (less|greater) than or equal to (\S+)", message):
            detail = tr(f"cli.usage.{'at_most' if found[1] == 'less' else 'at_least'}", limit=found[2])
        else:
            detail = message
        return tr("cli.usage.invalid", name=_hint(error) or "?", detail=detail)
    if found := re.fullmatch(r"Option (.*) requires an argument\.", message):
        return tr("cli.usage.needs_value", option=found[1])
    if found := re.fullmatch(r"Option (.*) requires (\d+) arguments\.", message):
        return tr("cli.usage.needs_values", option=found[1], count=found[2])
    if found := re.fullmatch(r"Option (.*) does not take a value\.", message):
        return tr("cli.usage.takes_no_value", option=found[1])
    if found := re.fullmatch(r"Got unexpected extra arguments?(?:\(s\))? \((.*)\)", message):
        return tr("cli.usage.extra", words=found[1])
    if found := re.fullmatch(r"No such command (.*)\.(?: Did you mean (.*)\?)?", message):
        if found[2]:
            return tr("cli.usage.no_such_command.possible", name=found[1], possible=found[2])
        return tr("cli.usage.no_such_command", name=found[1])
    if message == "Missing command.":
        return tr("cli.usage.missing_command")
    return tr("cli.usage.other", detail=message)


def _spoken(step: Callable) -> Callable:
    """`step` (parsing a command line, finding a command) with Click's usage errors in the run's language."""

    @functools.wraps(step)
    def wrapper(*args, **kwargs):
        try:
            return step(*args, **kwargs)
        except _Spoken:
            raise
        except typer.core._click.exceptions.UsageError as error:
            raise _Spoken(error) from None

    return wrapper


def _plain_arguments(command) -> None:
    """Arguments shown as a person reads them: `PLAN` or `[PLAN]` in the usage line (typer writes {PLAN}) and
    no Python type beside them in the list (<str>, <list[str]>)."""
    for param in command.params:
        if isinstance(param, typer.core.TyperArgument):
            name = (param.metavar or param.name.upper()) + ("..." if param.nargs != 1 else "")
            usage = name if param.required else f"[{name}]"
            param.make_metavar = (lambda name, shown: lambda ctx, usage=False: shown if usage else name)(name, usage)


class _Command(typer.core.TyperCommand):
    def get_help(self, ctx) -> str:
        _plain_arguments(self)
        return _framed(super().get_help(ctx))

    def get_usage(self, ctx) -> str:
        _plain_arguments(self)
        return super().get_usage(ctx)

    make_context = _spoken(typer.core.TyperCommand.make_context)


class _Group(typer.core.TyperGroup):
    def get_help(self, ctx) -> str:
        return _framed(super().get_help(ctx))

    make_context = _spoken(typer.core.TyperGroup.make_context)
    resolve_command = _spoken(typer.core.TyperGroup.resolve_command)


app = typer.Typer(
    cls=_Group,
    help=_h("app"),
    epilog=_h("app.examples"),
    rich_markup_mode=None,  # plain help: no boxes a narrow or cp437 console breaks, no <bool> beside flags
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


SheetOption = Annotated[Optional[str], typer.Option("--sheet", metavar="NAME", help=_h("sheet"), show_default=False)]
LangOption = Annotated[Optional[Lang], typer.Option("--lang", help=_h("lang"), show_default=False)]
FormatOption = Annotated[TableFormat, typer.Option("--format", "-f", help=_h("format"))]
SignerOption = Annotated[Optional[str], typer.Option("--signer", metavar="TEXT", help=_h("signer"), show_default=False)]
AppendixOption = Annotated[Optional[str], typer.Option("--appendix", metavar="NUMBER", help=_h("appendix_number"),
                                                       show_default=False)]


class Interrupted(BaseException):
    """Ctrl-C, raised by our SIGINT handler: a BaseException, so that click does not turn it into its own
    "Aborted!" and exit 1, and every `finally` (temporary files) still runs."""




_EXPECTED = {"FILE": "file", "PLAN": "file", "DATE": "date", "NAME": "sheet"}


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
        expected = _EXPECTED.get(metavar.upper())
        return tr("cli.empty_option", option=shown,
                  expected=tr(f"cli.expected.{expected}") if expected else metavar.lower())
    return None


def _handled(command: Callable) -> Callable:
    """Turn our errors into one-line messages and exit codes; never a traceback."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        if "lang" in kwargs:  # --lang given to this command, else the language of the run
            kwargs["lang"] = kwargs["lang"] or Lang(language())
        previous = set_language(kwargs["lang"].value if "lang" in kwargs else language())
        try:
            _run(command, args, kwargs)
        finally:
            set_language(previous)

    return wrapper


def _run(command: Callable, args: tuple, kwargs: dict) -> None:
    from bhxh_cli.diagnostics import InputError, UsageError, one_line, report_text
    from bhxh_cli.output.streams import Closed, Guarded, Messages

    # Python's 4,300-digit limit on int <-> str stays: it guards the readers against quadratic conversions,
    # and no count they accept (at most 18 digits) or sum of them comes near it.
    stdout, stderr = sys.stdout, sys.stderr
    if not isinstance(stdout, (Guarded, Closed)):  # main() guards it; a test's runner may not
        sys.stdout = Guarded(stdout)  # a full disk or closed stdout is one line, exit 2
    sys.stderr = Messages(stderr)  # user text in messages cannot forge lines or reach the terminal raw
    files = sys.modules.get("bhxh_cli.output.files")
    if files is not None:
        files.new_run()  # a Ctrl-C names only this run's finished files
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
        sys.stderr.write(_interrupted() + "\n")
        raise typer.Exit(130) from None
    except typer.Abort:
        raise
    except Exception as error:  # a bug: say so in one line
        if os.environ.get("BHXH_DEBUG"):
            raise
        sys.stderr.write(one_line(tr("cli.internal_error", kind=type(error).__name__, error=error)) + "\n")
        raise typer.Exit(1) from None
    finally:
        sys.stdout, sys.stderr = stdout, stderr
    raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"bhxh {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    context: typer.Context,
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True,
                                                    help=_h("version"))] = None,
    lang: LangOption = None,
) -> None:
    """bhxh: plan, split and track social-insurance participation targets."""
    if lang is not None:  # `bhxh --lang en check …`: the language of every command of this run
        previous = set_language(lang.value)
        context.call_on_close(lambda: set_language(previous))  # a test's runner goes on in this process


@app.command(cls=_Command, help=_h("rates"), epilog=_h("rates.examples"))
@_handled
def rates(
    plan: Annotated[Optional[str], typer.Argument(
        metavar="PLAN", help=_h("rates.plan"), show_default=False)] = None,
    by: Annotated[Optional[str], typer.Option("--by", metavar="LEVEL", help=_h("rates.by"), show_default=False)] = None,
    format: FormatOption = TableFormat.table,
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE", help=_h("rates.output"), show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help=_h("force"))] = False,
    signer: SignerOption = None,
    appendix: AppendixOption = None,
    lang: LangOption = None,
) -> None:
    """Participation rates per scheme: eligible, enrolled, rate, and the plan's own printed rate checked."""
    from bhxh_cli.commands import rates as command

    code = command.rates(plan, by=by, fmt=format.value, lang=lang.value, out=sys.stdout,
                          output=output, force=force, err=sys.stderr, signer=signer, appendix=appendix)
    raise typer.Exit(code)


@app.command(cls=_Command, help=_h("check"), epilog=_h("check.examples"))
@_handled
def check(
    plans: Annotated[list[str], typer.Argument(metavar="PLAN", help=_h("check.plans"), show_default=False)],
    format: Annotated[CheckFormat, typer.Option("--format", "-f", help=_h("check.format"))] = CheckFormat.text,
    policy: Annotated[Optional[list[str]], typer.Option("--policy", metavar="POLICY", help=_h("check.policy"),
                                                        show_default=False)] = None,
    registry: Annotated[Optional[list[str]], typer.Option("--registry", metavar="vn|FILE", help=_h("check.registry"),
                                                          show_default=False)] = None,
    lang: LangOption = None,  # read before parsing (messages.choose_language), declared to be accepted here
) -> None:
    """Validate plan files; print every problem as FILE:LINE:COL: PATH: MESSAGE (rule)."""
    from bhxh_cli.commands import check as command

    code = command.check(plans, fmt=format.value, policies=list(policy or []),
                          out=sys.stdout, err=sys.stderr, registries=list(registry or []))
    raise typer.Exit(code)


class Basis(str, enum.Enum):
    eligible = "eligible"
    headroom = "headroom"


class Floor(str, enum.Enum):
    enrolled = "enrolled"


@app.command(cls=_Command, help=_h("allocate"), epilog=_h("allocate.examples"))
@_handled
def allocate(
    communes: Annotated[Optional[str], typer.Option("--communes", "-c", metavar="FILE", help=_h("allocate.communes"),
                                                    show_default=False)] = None,
    plan: Annotated[Optional[str], typer.Option("--plan", "-p", metavar="FILE", help=_h("allocate.plan"),
                                                show_default=False)] = None,
    scheme: Annotated[Optional[list[str]], typer.Option("--scheme", "-s", metavar="SCHEME", help=_h("allocate.scheme"), show_default=False)] = None,
    method: Annotated[str, typer.Option("--method", "-m", metavar="METHOD", help=_h("allocate.method"))] = "sainte-lague",
    basis: Annotated[Basis, typer.Option("--basis", help=_h("allocate.basis"))] = Basis.eligible,
    floor: Annotated[Optional[Floor], typer.Option("--floor", help=_h("allocate.floor"),
                                                   show_default=False)] = None,
    no_floor: Annotated[bool, typer.Option("--no-floor", help=_h("allocate.no_floor"))] = False,
    explain: Annotated[bool, typer.Option("--explain", help=_h("allocate.explain"))] = False,
    format: FormatOption = TableFormat.table,
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE", help=_h("allocate.output"), show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help=_h("allocate.force"))] = False,
    signer: SignerOption = None,
    appendix: AppendixOption = None,
    sheet: SheetOption = None,
    lang: LangOption = None,
) -> None:
    """Split the plan's targets among communes: whole numbers that add up exactly to the district's."""
    from bhxh_cli.commands import allocate as command
    from bhxh_cli.diagnostics import UsageError

    if floor is not None and no_floor:
        raise UsageError(tr("cli.floor_conflict"))
    code = command.allocate(communes, plan_file=plan, schemes=list(scheme or []), method=method,
                             basis=basis.value, floor=False if no_floor else (True if floor is not None else None), explain=explain, fmt=format.value,
                             output=output, force=force, lang=lang.value, out=sys.stdout, err=sys.stderr,
                             sheet=sheet, signer=signer, appendix=appendix)
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


@app.command(cls=_Command, help=_h("gap"), epilog=_h("gap.examples"))
@_handled
def gap(
    plan: Annotated[Optional[str], typer.Option("--plan", "-p", metavar="FILE", help=_h("gap.plan"), show_default=False)] = None,
    actual: Annotated[Optional[str], typer.Option("--actual", "-a", metavar="FILE", help=_h("gap.actual"), show_default=False)] = None,
    as_of: Annotated[Optional[str], typer.Option("--as-of", metavar="DATE", help=_h("gap.as_of"),
                                                 show_default=False)] = None,
    previous: Annotated[Optional[str], typer.Option("--previous", metavar="FILE", help=_h("gap.previous"), show_default=False)] = None,
    year_start: Annotated[Optional[str], typer.Option("--year-start", metavar="FILE", help=_h("gap.year_start"),
                                                      show_default=False)] = None,
    year_ago: Annotated[Optional[str], typer.Option("--year-ago", metavar="FILE", help=_h("gap.year_ago"),
                                                    show_default=False)] = None,
    reports: Annotated[Optional[str], typer.Option("--reports", metavar="DIR", help=_h("gap.reports"),
                                                   show_default=False)] = None,
    laggards: Annotated[Optional[int], typer.Option("--laggards", metavar="N", help=_h("gap.laggards"),
                                                    show_default=False)] = None,
    schedule_from: Annotated[Optional[str], typer.Option("--schedule-from", metavar="DIR",
                                                         help=_h("gap.schedule_from"), show_default=False)] = None,
    crosswalk: Annotated[Optional[str], typer.Option("--crosswalk", metavar="MAP", help=_h("gap.crosswalk"),
                                                     show_default=False)] = None,
    registry: Annotated[Optional[list[str]], typer.Option("--registry", metavar="vn|FILE", help=_h("gap.registry"),
                                                          show_default=False)] = None,
    scheme: Annotated[Optional[list[str]], typer.Option("--scheme", "-s", metavar="SCHEME", help=_h("gap.scheme"),
                                                        show_default=False)] = None,
    sort: Annotated[Sort, typer.Option("--sort", help=_h("gap.sort"))] = Sort.shortfall,
    only: Annotated[Optional[Only], typer.Option("--only", help=_h("gap.only"),
                                                 show_default=False)] = None,
    fail_on: Annotated[Optional[list[FailOn]], typer.Option("--fail-on", metavar="<behind|missing>", help=_h("gap.fail_on"),
                                                            show_default=False)] = None,
    format: FormatOption = TableFormat.table,
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE", help=_h("gap.output"), show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help=_h("force"))] = False,
    signer: Annotated[Optional[str], typer.Option("--signer", metavar="TEXT", help=_h("gap.signer"),
                                                  show_default=False)] = None,
    appendix: AppendixOption = None,
    sheet: SheetOption = None,
    lang: LangOption = None,
) -> None:
    """Where each commune stands against its target: gap, share achieved, schedule, laggards first."""
    from bhxh_cli.commands import gap as command

    code = command.gap(plan_file=plan, actual_file=actual, as_of=as_of, previous_file=previous,
                        schemes=list(scheme or []), sort=sort.value, only_behind=only is not None,
                        fail_on_behind=FailOn.behind in (fail_on or []),
                        fail_on_missing=FailOn.missing in (fail_on or []), fmt=format.value, output=output, force=force,
                        lang=lang.value, out=sys.stdout, err=sys.stderr, sheet=sheet, signer=signer,
                        appendix=appendix, year_start_file=year_start, year_ago_file=year_ago, reports_dir=reports,
                        laggards=laggards, schedule_from=schedule_from, crosswalk=crosswalk,
                        registries=list(registry or []))
    raise typer.Exit(code)


@app.command(cls=_Command, help=_h("trend"), epilog=_h("trend.examples"))
@_handled
def trend(
    plan: Annotated[str, typer.Option("--plan", "-p", metavar="FILE", help=_h("trend.plan"), show_default=False)],
    reports: Annotated[str, typer.Option("--reports", metavar="DIR", help=_h("trend.reports"), show_default=False)],
    scheme: Annotated[str, typer.Option("--scheme", "-s", metavar="SCHEME", help=_h("trend.scheme"),
                                        show_default=False)],
    format: FormatOption = TableFormat.table,
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE", help=_h("trend.output"),
                                                  show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help=_h("force"))] = False,
    crosswalk: Annotated[Optional[str], typer.Option("--crosswalk", metavar="MAP", help=_h("trend.crosswalk"),
                                                     show_default=False)] = None,
    registry: Annotated[Optional[list[str]], typer.Option("--registry", metavar="vn|FILE", help=_h("trend.registry"),
                                                          show_default=False)] = None,
    sheet: SheetOption = None,
    lang: LangOption = None,
) -> None:
    """Each commune's participation month by month, from a folder of reports."""
    from bhxh_cli.commands import trend as command

    raise typer.Exit(command.trend(plan_file=plan, reports_dir=reports, scheme=scheme, fmt=format.value,
                                   output=output, force=force, lang=lang.value, out=sys.stdout, err=sys.stderr,
                                   crosswalk=crosswalk, registries=list(registry or []), sheet=sheet))


class MilestoneMethod(str, enum.Enum):
    linear = "linear"
    growth = "growth"


@app.command(cls=_Command, help=_h("milestones"), epilog=_h("milestones.examples"))
@_handled
def milestones(
    baseline: Annotated[str, typer.Option("--baseline", metavar="YEAR=COUNT", help=_h("milestones.baseline"), show_default=False)],
    target: Annotated[str, typer.Option("--target", metavar="YEAR=COUNT", help=_h("milestones.target"), show_default=False)],
    method: Annotated[MilestoneMethod, typer.Option("--method", "-m", help=_h("milestones.method"))] = MilestoneMethod.linear,
    plan: Annotated[Optional[str], typer.Option("--plan", "-p", metavar="FILE", help=_h("milestones.plan"), show_default=False)] = None,
    output_dir: Annotated[Optional[str], typer.Option("--output-dir", metavar="DIR", help=_h("milestones.output_dir"), show_default=False)] = None,
    scheme: Annotated[Optional[str], typer.Option("--scheme", "-s", metavar="SCHEME", help=_h("milestones.scheme"),
                                                  show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help=_h("milestones.force"))] = False,
    format: FormatOption = TableFormat.table,
    lang: LangOption = None,
) -> None:
    """Yearly milestones from a baseline year's count to an end-year target (Resolution 403/NQ-CP)."""
    from bhxh_cli.commands import milestones as command

    code = command.milestones(baseline, target, method=method.value, fmt=format.value, lang=lang.value,
                               out=sys.stdout, plan_file=plan, output_dir=output_dir,
                               scheme=scheme, force=force, err=sys.stderr)
    raise typer.Exit(code)


@app.command("crosswalk", cls=_Command, help=_h("crosswalk"), epilog=_h("crosswalk.examples"))
@_handled
def crosswalk(
    table: Annotated[str, typer.Argument(metavar="TABLE", help=_h("crosswalk.table"), show_default=False)],
    map: Annotated[str, typer.Option("--map", metavar="FILE", help=_h("crosswalk.map"), show_default=False)],
    output: Annotated[str, typer.Option("--output", "-o", metavar="FILE", help=_h("crosswalk.output"),
                                        show_default=False)],
    force: Annotated[bool, typer.Option("--force", help=_h("force"))] = False,
    sheet: SheetOption = None,
    lang: LangOption = None,
) -> None:
    """A table or report of old units (before the 2025 mergers) in the new units, every count kept."""
    from bhxh_cli.commands import crosswalk as command

    raise typer.Exit(command.crosswalk(map, table, output=output, force=force, lang=lang.value, err=sys.stderr,
                                       sheet=sheet))


plan_app = typer.Typer(cls=_Group, help=_h("plan"), epilog=_h("plan.examples"), no_args_is_help=True,
                       rich_markup_mode=None)
app.add_typer(plan_app, name="plan")


@plan_app.command("import", cls=_Command, help=_h("plan_import"), epilog=_h("plan_import.examples"))
@_handled
def plan_import(
    appendix: Annotated[str, typer.Argument(metavar="APPENDIX", help=_h("plan_import.appendix"),
                                            show_default=False)],
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE", help=_h("plan_import.output"), show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help=_h("force"))] = False,
    number: Annotated[Optional[str], typer.Option("--number", metavar="NUMBER", help=_h("plan_import.number"), show_default=False)] = None,
    year: Annotated[Optional[int], typer.Option("--year", metavar="YEAR", help=_h("plan_import.year"), show_default=False)] = None,
    area: Annotated[Optional[str], typer.Option("--area", metavar="AREA", help=_h("plan_import.area"), show_default=False)] = None,
    date: Annotated[Optional[str], typer.Option("--date", metavar="DATE", help=_h("plan_import.date"), show_default=False)] = None,
    issuer: Annotated[Optional[str], typer.Option("--issuer", metavar="ISSUER", help=_h("plan_import.issuer"), show_default=False)] = None,
    sheet: SheetOption = None,
    lang: LangOption = None,
) -> None:
    """Make a plan file from the appendix of a plan: totals, communes, number, date, issuer and year."""
    from bhxh_cli.commands import plan_import as command

    code = command.plan_import(appendix, output=output, force=force, sheet=sheet, number=number, year=year,
                               area=area, date=date, issuer=issuer, out=sys.stdout, err=sys.stderr)
    raise typer.Exit(code)


@app.command(cls=_Command, help=_h("schema"), epilog=_h("schema.examples"))
@_handled
def schema(
    plan_version: Annotated[int, typer.Option("--plan-version", min=1, max=2, metavar="1|2",
                                              help=_h("schema.plan_version"))] = 2,
    lang: LangOption = None,
) -> None:
    """Print the plan format's JSON Schema (for editors and other validators)."""
    from bhxh_cli.commands import check as command

    sys.stdout.write(command.schema_text(plan_version))


def _interrupt(signum, frame) -> None:
    raise Interrupted()


def _interrupted() -> str:
    """The line for Ctrl-C. The run stops with 130 (a shell loop stops with it too), and a file it had
    already written whole is named as such, so that nobody throws away a finished output."""
    files = sys.modules.get("bhxh_cli.output.files")  # not imported: nothing was written
    written = files.written_files() if files is not None else []
    if not written:
        return tr("cli.interrupted")
    from bhxh_cli.diagnostics import one_line

    return tr("cli.interrupted.written", files=", ".join(one_line(name) for name in written))


@plan_app.command("upgrade", cls=_Command, help=_h("plan_upgrade"), epilog=_h("plan_upgrade.examples"))
@_handled
def plan_upgrade(
    plan: Annotated[str, typer.Argument(metavar="PLAN", help=_h("plan_upgrade.plan"), show_default=False)],
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE", help=_h("plan_upgrade.output"),
                                                  show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help=_h("force"))] = False,
    lang: LangOption = None,
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
        if getattr(sys.stderr, "encoding", None) == getattr(sys.stdout, "encoding", None):
            fold_unencodable(sys.stderr)  # the same console: messages without marks rather than \u escapes
        sys.stdout = Guarded(sys.stdout)  # --help and --version too: a full disk is one line, exit 2
    set_language(choose_language(sys.argv[1:], os.environ))
    unread = unread_environment_language(sys.argv[1:], os.environ)
    if unread is not None:
        from bhxh_cli.diagnostics import one_line

        sys.stderr.write(tr("cli.unknown_environment_language", value=one_line(unread)) + "\n")
    try:
        if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
            signal.signal(signal.SIGINT, _interrupt)  # inside the try: from this moment, one line and 130
        try:
            arguments = sys.argv[1:]
            if arguments in ([], ["plan"]):  # the help, on standard output (plain click puts it on stderr), exit 2
                try:
                    app(args=[*arguments, "--help"], prog_name="bhxh", standalone_mode=False)
                finally:
                    sys.stdout.flush()
                sys.exit(2)
            app(prog_name="bhxh")
        finally:
            sys.stdout.flush()  # here, where a failure can still be reported
    except Interrupted:
        sys.stderr.write(_interrupted() + "\n")
        sys.exit(130)
    except StreamError as error:  # while typer printed help or a version, outside any command
        sys.stderr.write(f"bhxh: {error}\n")
        sys.exit(2)
    finally:
        note = folding_note()
        if note:
            sys.stderr.write(note)
