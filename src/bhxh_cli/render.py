"""Rendering tables: rich for the terminal, markdown, csv and json.

This is the only module that imports rich. A Table is plain data (columns, rows of raw values, an
optional total row); each format decides how values look: the terminal and markdown write numbers the
language's way (15.890; 97,7%), csv and json carry plain numbers (15890, 97.7).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TextIO

from bhxh_cli import i18n

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    key: str  # machine name: csv header and json key
    kind: str = "text"  # text | count | percent | signed_percent | stated | status
    label: str | None = None  # i18n key; defaults to `key`


@dataclass
class Table:
    title: str
    columns: list[Column]
    rows: list[dict[str, Any]]
    total: dict[str, Any] | None = None
    notes: list[str] = field(default_factory=list)


def _cell(column: Column, row: dict[str, Any], lang: str) -> str:
    value = row.get(column.key)
    if column.kind == "count":
        return i18n.format_count(value, lang) if value is not None or column.key in row else ""
    if column.kind == "percent":
        return i18n.format_percent(value, lang)
    if column.kind == "gap":
        if value is not None and value < 0:
            return i18n.label("exceeded", lang, count=i18n.format_count(-value, lang))
        return i18n.format_count(value, lang)
    if column.kind == "bar":
        return i18n.format_percent(value, lang)
    if column.kind == "points":
        if value is None:
            return "—"
        return i18n.label("points", lang, value=i18n.format_decimal(value, lang, sign=True))
    if column.kind == "status":
        return i18n.label(f"status.{value}", lang) if value else ""
    if column.kind == "signed_count":
        return i18n.format_signed_count(value, lang)
    if column.kind == "decimal":
        return i18n.format_decimal(value, lang) if value is not None else ""
    if column.kind == "signed_percent":
        return i18n.format_percent(value, lang, sign=True)
    if column.kind == "stated":
        if value is None:
            return "—"
        agrees = row.get("rate_agrees")
        mark = "✓" if agrees else "✗ " + i18n.label("disagrees", lang)
        return f"{i18n.format_percent(value, lang)} {mark}"
    return "" if value is None else str(value)


STATUS_STYLES = {"met": "green", "on track": "cyan", "behind": "bold red"}
BAR_WIDTH = 10
_PARTIAL_BLOCKS = " ▏▎▍▌▋▊▉"


def bar(percent: Decimal | None, width: int = BAR_WIDTH) -> str:
    """An in-cell bar: `width` characters for 100% (capped there), in eighths of a character."""
    if percent is None:
        return " " * width
    eighths = int(min(max(percent, Decimal(0)), Decimal(100)) * width * 8 // 100)
    full, part = divmod(eighths, 8)
    return ("█" * full + (_PARTIAL_BLOCKS[part] if part else "")).ljust(width)


def _terminal_cell(column: Column, row: dict[str, Any], lang: str):
    """A cell for the terminal: the text of `_cell`, plus a bar or a colour where the column has one."""
    from rich.text import Text

    text = _cell(column, row, lang)
    if column.kind == "bar":
        return f"{text} {bar(row.get(column.key))}"
    if column.kind == "status" and row.get(column.key) in STATUS_STYLES:
        return Text(text, style=STATUS_STYLES[row[column.key]])
    return text


def _header(column: Column, lang: str) -> str:
    return i18n.label(column.label or column.key, lang)


def print_tables(tables: list[Table], lang: str, out: TextIO | None = None) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table as RichTable

    console = Console(file=out or sys.stdout, highlight=False)
    for index, table in enumerate(tables):
        if index:
            console.print()
        rich_table = RichTable(title=table.title, box=box.SIMPLE_HEAVY, title_style="bold", pad_edge=False)
        rows = [[_terminal_cell(c, row, lang) for c in table.columns] for row in table.rows]
        total = None if table.total is None else [_terminal_cell(c, table.total, lang) for c in table.columns]
        for index, column in enumerate(table.columns):
            # Numbers never wrap; long headers wrap onto a second line (rich's own shrinking
            # would cut numbers instead). Names take what is left.
            header = _header(column, lang)
            widest = max((len(str(cells[index])) for cells in rows + ([total] if total else [])), default=1)
            if column.kind == "text":
                longest_word = max((len(w) for w in header.split()), default=1)
                rich_table.add_column(header, min_width=max(min(widest, 18), longest_word))
            else:
                width = max(widest, -(-len(header) // 2), *(len(w) for w in header.split()))
                rich_table.add_column(header, justify="right", width=width)
        for number, cells in enumerate(rows):
            rich_table.add_row(*cells, end_section=total is not None and number == len(rows) - 1)
        if total is not None:
            rich_table.add_row(*total, style="bold")
        # Never crop a table: where it is wider than the terminal (or than 80 columns in a pipe),
        # print it at its natural width.
        natural = console.measure(rich_table, options=console.options.update_width(10_000)).maximum
        width = console.width
        console.width = max(width, natural)
        console.print(rich_table, crop=False)
        console.width = width
        for note in table.notes:
            console.print(note, style="dim")


def markdown(tables: list[Table], lang: str) -> str:
    def escape(text: str) -> str:
        return text.replace("|", "\\|")

    parts = []
    for table in tables:
        lines = [f"### {escape(table.title)}", ""]
        lines.append("| " + " | ".join(escape(_header(c, lang)) for c in table.columns) + " |")
        lines.append("|" + "|".join("---:" if c.kind != "text" else "---" for c in table.columns) + "|")
        for row in table.rows:
            lines.append("| " + " | ".join(escape(_cell(c, row, lang)) for c in table.columns) + " |")
        if table.total is not None:
            lines.append("| " + " | ".join(f"**{escape(_cell(c, table.total, lang))}**"
                                           if _cell(c, table.total, lang) else ""
                                           for c in table.columns) + " |")
        if table.notes:
            lines.append("")
            lines.extend(f"_{escape(note)}_" for note in table.notes)
        parts.append("\n".join(lines).rstrip() + "\n")
    return "\n".join(parts)


def _csv_value(value: Any) -> str:
    if type(value) is int:  # the common case first: this runs for every cell
        return str(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, Decimal)):
        return str(value)
    text = str(value)
    # Excel would run a cell that starts like a formula: make it inert.
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def csv_text(keys: list[str], rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(keys)
    for row in rows:
        writer.writerow([_csv_value(row.get(k)) for k in keys])
    return buffer.getvalue()


def json_text(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, default=_json_default) + "\n"


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)  # one-decimal rates are exact in a float's shortest repr (97.7)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as json")
