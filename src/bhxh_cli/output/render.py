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
from bhxh_cli.output import safe


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
        # a count the row does not have (a total row without it) is blank; one it has as None is "—"
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
    # A Text is never read as markup: "[link=…]" and "[/]" stay text. Only text cells hold user text.
    return Text(safe.terminal(text) if column.kind == "text" else text)


def _header(column: Column, lang: str) -> str:
    return i18n.label(column.label or column.key, lang)


LARGE_TABLE = 2000  # rows: past this, rich's per-cell layout takes seconds, so the table is laid out here


def plain_table(table: Table, lang: str) -> str:
    """The same layout as the rich table, without colour, for very long tables: plain aligned text."""
    import textwrap

    def cells(row):
        return [safe.terminal(_cell(c, row, lang)) if c.kind == "text" else
                _cell(c, row, lang) + (f" {bar(row.get(c.key))}" if c.kind == "bar" else "")
                for c in table.columns]

    body = [cells(row) for row in table.rows]
    total = cells(table.total) if table.total is not None else None
    widths = []
    for index, column in enumerate(table.columns):
        header = _header(column, lang)
        widest = max((len(r[index]) for r in body + ([total] if total else [])), default=1)
        words = max((len(w) for w in header.split()), default=1)
        widths.append(max(widest, words, -(-len(header) // 2) if column.kind != "text" else words))
    headers = [textwrap.wrap(_header(c, lang), w) or [""] for c, w in zip(table.columns, widths)]
    height = max(len(h) for h in headers)

    def line(values):
        return " ".join(v.ljust(w) if c.kind == "text" else v.rjust(w)
                        for v, w, c in zip(values, widths, table.columns)).rstrip()

    full = sum(widths) + len(widths) - 1
    out = [safe.terminal(title).center(full).rstrip() for title in table.title.split("\n")] + [""]
    for level in range(height):
        out.append(line([h[level - (height - len(h))] if level >= height - len(h) else "" for h in headers]))
    out.append("━" * full)
    out.extend(line(r) for r in body)
    if total is not None:
        out.extend(["", line(total)])
    out.extend(["", *map(safe.terminal, table.notes)] if table.notes else [])
    return "\n".join(out) + "\n"


def _quiet_exit() -> None:
    import os

    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing more to flush at exit
    raise SystemExit(0)


def print_tables(tables: list[Table], lang: str, out: TextIO | None = None) -> None:
    if any(len(t.rows) > LARGE_TABLE for t in tables):
        (out or sys.stdout).write("\n".join(plain_table(t, lang) for t in tables))
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(file=out or sys.stdout, highlight=False)
    console.on_broken_pipe = _quiet_exit  # `bhxh gap | head`: the reader left, which is not an error
    for index, table in enumerate(tables):
        if index:
            console.print()
        parts = [table.columns]
        if console.is_terminal:  # a terminal shows no line wider than itself: the columns in parts that fit
            parts = _parts_that_fit(console, table, lang)
        for number, columns in enumerate(parts):
            if number:
                console.print()
            title = table.title if number == 0 else i18n.label("continued", lang, title=table.title.split("\n")[0])
            rich_table, room = _rich_table(table, columns, title, lang)
            # Never crop a table: in a pipe, print it at its natural width; in a terminal, text columns wrap
            # (and a part whose numbers alone are wider than the terminal is printed whole).
            width = console.width
            if not console.is_terminal:
                console.width = max(width, console.measure(rich_table, options=console.options.update_width(room)).maximum)
            console.print(rich_table, crop=False)
            console.width = width
        for note in table.notes:
            console.print(Text(safe.terminal(note), style="dim"))


def _rich_table(table: Table, columns: list[Column], title: str, lang: str):
    """The rich table of `columns` of `table`, and a width wide enough for its natural width."""
    from rich import box
    from rich.table import Table as RichTable
    from rich.text import Text

    title_text = Text("\n".join(safe.terminal(line) for line in title.split("\n")))
    rich_table = RichTable(title=title_text, box=box.SIMPLE_HEAVY, title_style="bold", pad_edge=False)
    rows = [[_terminal_cell(c, row, lang) for c in columns] for row in table.rows]
    total = None if table.total is None else [_terminal_cell(c, table.total, lang) for c in columns]
    room = 10_000  # wide enough for any table's natural width, however long its numbers
    for index, column in enumerate(columns):
        # Numbers never wrap; long headers wrap onto more lines (rich's own shrinking would cut numbers
        # instead). Names take what is left.
        header = _header(column, lang)
        widest = max((len(str(cells[index])) for cells in rows + ([total] if total else [])), default=1)
        room += widest + len(header) + 3
        if column.kind == "text":
            longest_word = max((len(w) for w in header.split()), default=1)
            leading = all(c.kind == "text" for c in columns[:index])  # a name keeps 18; a later text wraps more
            rich_table.add_column(header, min_width=max(min(widest, 18 if leading else 10), longest_word))
        else:
            width = max(widest, -(-len(header) // 2), *(len(w) for w in header.split()))
            rich_table.add_column(header, justify="right", width=width)
    for number, cells in enumerate(rows):
        rich_table.add_row(*cells, end_section=total is not None and number == len(rows) - 1)
    if total is not None:
        rich_table.add_row(*total, style="bold")
    return rich_table, room


def _parts_that_fit(console, table: Table, lang: str) -> list[list[Column]]:
    """The table's columns in parts no wider than the terminal, each part led by the leading text columns
    (code, name) so that a row is known in every part; the whole table when it fits."""
    continued = i18n.label("continued", lang, title=table.title.split("\n")[0])

    def width(columns: list[Column]) -> int:
        rich_table, room = _rich_table(table, columns, continued, lang)
        return console.measure(rich_table, options=console.options.update_width(room)).maximum

    if width(table.columns) <= console.width:
        return [table.columns]
    lead = 0
    while lead < len(table.columns) and table.columns[lead].kind == "text":
        lead += 1
    keys, rest = table.columns[:lead], table.columns[lead:]
    parts: list[list[Column]] = []
    current: list[Column] = []
    for column in rest:
        if current and width(keys + current + [column]) > console.width:
            parts.append(keys + current)
            current = []
        current.append(column)
    parts.append(keys + current)
    return parts


def markdown(tables: list[Table], lang: str) -> str:
    def escape(text: str) -> str:
        return safe.markdown_cell(text, user_text=False)

    def cell(column: Column, row: dict[str, Any]) -> str:
        # Only text cells hold user text; the others are numbers and labels formatted here.
        text = _cell(column, row, lang)
        return safe.markdown_cell(text) if column.kind == "text" else text

    parts = []
    for table in tables:
        lines = [f"### {escape(line)}" if number == 0 else escape(line)
                 for number, line in enumerate(table.title.split("\n"))] + [""]
        lines.append("| " + " | ".join(escape(_header(c, lang)) for c in table.columns) + " |")
        lines.append("|" + "|".join("---:" if c.kind != "text" else "---" for c in table.columns) + "|")
        for row in table.rows:
            lines.append("| " + " | ".join(cell(c, row) for c in table.columns) + " |")
        if table.total is not None:
            lines.append("| " + " | ".join(f"**{cell(c, table.total)}**" if _cell(c, table.total, lang) else ""
                                           for c in table.columns) + " |")
        if table.notes:
            lines.append("")
            lines.extend(f"_{escape(note)}_" for note in table.notes)
        parts.append("\n".join(lines).rstrip() + "\n")
    return "\n".join(parts)


def _csv_value(value: Any) -> str:
    if type(value) is str:
        return safe.csv_cell(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, Decimal)):
        return str(value)
    return safe.csv_cell(str(value))


def csv_text(keys: list[str], rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(keys)
    text = safe.csv_cell
    for row in rows:  # ints (most cells) go as they are, text straight to its guard
        writer.writerow([value if type(value) is int else text(value) if type(value) is str else _csv_value(value)
                         for value in map(row.get, keys)])
    return buffer.getvalue()


def json_text(document: Any) -> str:
    return safe.json_escapes(json.dumps(document, ensure_ascii=False, indent=2, default=_json_default)) + "\n"


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)  # one-decimal rates are exact in a float's shortest repr (97.7)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as json")
