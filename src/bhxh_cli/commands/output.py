"""Shared by the commands: the plan's header, titles, and delivering a report to stdout or a file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, TextIO

from bhxh_cli import i18n
from bhxh_cli.output.render import Table, csv_text, json_text, markdown, print_tables
from bhxh_cli.output.safe import one_line

if TYPE_CHECKING:  # the models import pydantic, which a clean version-1 plan is read without (plan/plain.py)
    from bhxh_cli.plan.models import Plan


def plan_header(plan: Plan) -> dict[str, Any]:
    """The plan's identity, for json outputs."""
    info = plan.plan
    return info.identity() if hasattr(info, "identity") else info.model_dump(mode="json")


def plan_title(plan: Plan, lang: str, what: str) -> str:
    info = plan.plan
    # The title's one line break is ours; one in the plan's own text is shown as an escape.
    return f"{what}\n{one_line(info.number)} · {one_line(info.area)}"


def emit(tables: list[Table], flat_keys: list[str], flat_rows: list[dict], document: dict,
          fmt: str, lang: str, out: TextIO) -> None:
    if fmt == "table":
        print_tables(tables, lang, out)
    elif fmt == "markdown":
        out.write(markdown(tables, lang))
    elif fmt == "csv":
        out.write(csv_text(flat_keys, flat_rows))
    else:
        out.write(json_text(document))


@dataclass
class Report:
    """What a command shows, in every form: human tables (built only when needed), flat rows for csv, a
    json document, and a workbook (built only when asked for)."""

    tables: Callable[[], list[Table]]
    keys: list[str]
    rows: list[dict[str, Any]]
    document: dict[str, Any]
    workbook: Callable[[], Any] | None = None
    docx: Callable[[], bytes] | None = None  # a drafted report (gap)


def deliver(report: Report, *, fmt: str, lang: str, out: TextIO, output: str | None, kind: str | None,
            force: bool, inputs: list[str]) -> None:
    """Print the report in `fmt`, or write it to `output` in the kind its extension names, atomically."""
    from bhxh_cli.output.files import write_atomic

    if output is None:
        emit(report.tables() if fmt in ("table", "markdown") else [], report.keys, report.rows, report.document,
              fmt, lang, out)
        return
    if kind == "xlsx":
        from bhxh_cli.output.workbook import workbook_bytes

        data = workbook_bytes(report.workbook(), lang)
    elif kind == "docx":
        data = report.docx()
    elif kind == "csv":
        data = ("\ufeff" + csv_text(report.keys, report.rows)).encode("utf-8")  # a BOM: Excel reads UTF-8
    elif kind == "json":
        data = json_text(report.document).encode("utf-8")
    else:
        data = markdown(report.tables(), lang).encode("utf-8")
    write_atomic(output, data, force=force, inputs=inputs)


def title_block(plan: Plan, what: str, lang: str) -> list[str]:
    from bhxh_cli.commands.documents import area_title, attached_line

    return [area_title(plan, what, lang), attached_line(plan, lang)]


def leading_columns(lang: str):
    from bhxh_cli.output.workbook import WideColumn

    return [WideColumn("index", i18n.label("index", lang), "count"), WideColumn("code", i18n.label("code", lang)),
            WideColumn("name", i18n.label("name", lang))]


def scheme_group(scheme: str, lang: str) -> str:
    return i18n.label(f"{scheme}.long", lang)
