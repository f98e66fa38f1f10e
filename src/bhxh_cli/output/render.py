"""Rendering tables: the terminal (laid out as rich lays out a table, with string formatting), markdown, csv
and json.

This is the only module that imports rich (its cell widths, for text beyond the common letters). A Table is plain data (columns, rows of raw values, an
optional total row); each format decides how values look: the terminal and markdown write numbers the
language's way (15.890; 97,7%), csv and json carry plain numbers (15890, 97.7).
"""

from __future__ import annotations

import csv
import io
import json
import operator
import re
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TextIO

from bhxh_cli import i18n
from bhxh_cli.output import safe


@dataclass(frozen=True)
class Column:
    key: str  # machine name: csv header and json key
    kind: str = "text"  # text | count | percent | signed_percent | stated | status | shown (ours, as a number)
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


def _column_texts(column: Column, rows: list[dict[str, Any]], lang: str) -> list[str]:
    """The column's cell of every row as the terminal shows it: `_cell`'s text (escaped where it is user
    text), a bar after a percentage; a column at a time, each kind with its one formatter."""
    key, kind = column.key, column.kind
    values = [row.get(key) for row in rows]
    if kind == "text":
        return [safe.terminal(str(v)) if v is not None else "" for v in values]
    vi = lang == "vi"

    def count(value: int) -> str:
        return f"{value:,}".replace(",", ".") if vi else f"{value:,}"

    def decimal(value: Any, sign: bool = False) -> str:
        if type(value) is not Decimal:
            return i18n.format_decimal(value, lang, sign=sign)
        if value.is_zero():
            value = abs(value)  # as i18n.format_decimal: never "-0,0"
        text = format(value, "+," if sign else ",")
        return text.translate(_VI_SEPARATORS) if vi else text

    if kind == "count":
        return [count(v) if type(v) is int else i18n.format_count(v, lang) if v is not None or key in row else ""
                for v, row in zip(values, rows)]
    if kind == "percent":
        return [decimal(v) + "%" if v is not None else "—" for v in values]
    if kind == "bar":
        bars: dict[Any, str] = {}
        return [(decimal(v) + "%" if v is not None else "—") + " "
                + (bars.get(v) or bars.setdefault(v, bar(v))) for v in values]
    if kind == "gap":
        exceeded = i18n.label("exceeded", lang, count="{}")
        return [(exceeded.replace("{}", count(-v)) if v < 0 else count(v)) if type(v) is int
                else _cell(column, row, lang) for v, row in zip(values, rows)]
    if kind == "points":
        points = i18n.label("points", lang, value="{}")
        return [points.replace("{}", decimal(v, True)) if v is not None else "—" for v in values]
    if kind == "status":
        labels: dict[Any, str] = {}
        return [labels.get(v) or labels.setdefault(v, _cell(column, row, lang)) for v, row in zip(values, rows)]
    return [_cell(column, row, lang) for row in rows]


_VI_SEPARATORS = str.maketrans({",": ".", ".": ","})  # 1,234.5 -> 1.234,5 (as i18n writes Vietnamese numbers)


def _header(column: Column, lang: str) -> str:
    return i18n.label(column.label or column.key, lang)


LARGE_TABLE = 2000  # rows: past this, rich's per-cell layout takes seconds, so the table is laid out here


def plain_table(table: Table, lang: str) -> str:
    """The same layout as the rich table, without colour, for very long tables: plain aligned text."""
    import textwrap

    columns = [_column_texts(c, table.rows, lang) for c in table.columns]
    total = [_column_texts(c, [table.total], lang)[0] for c in table.columns] if table.total is not None else None
    widths = []
    for index, column in enumerate(table.columns):
        header = _header(column, lang)
        widest = max([*map(len, columns[index]), *([len(total[index])] if total else [])], default=1)
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
    justified = [[v.ljust(w) for v in texts] if c.kind == "text" else [v.rjust(w) for v in texts]
                 for texts, w, c in zip(columns, widths, table.columns)]
    out.extend(line.rstrip() for line in map(" ".join, zip(*justified)))
    if total is not None:
        out.extend(["", line(total)])
    out.extend(["", *map(safe.terminal, table.notes)] if table.notes else [])
    return "\n".join(out) + "\n"


def _quiet_exit() -> None:
    import os

    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing more to flush at exit
    raise SystemExit(0)


# -- the terminal table ------------------------------------------------------------------------------------
# Laid out here with string formatting, as rich lays out a Table(box=SIMPLE_HEAVY, pad_edge=False) (its
# widths, header wrapping, title and notes, byte for byte in a pipe; tests/test_render_plain.py compares),
# at the cost of formatting a string a row instead of rich's ~0.4 ms a row of per-cell layout.

# Characters one cell wide (Latin with Vietnamese letters, Greek, Cyrillic, punctuation, box drawing and
# blocks): text of these alone is as wide as it is long; anything else is measured by rich's own table.
_ONE_CELL = re.compile("[\x20-\x7e\xa0-\xac\xae-\u02ff\u0370-\u0482\u1e00-\u1eff\u2010-\u2027\u2212"
                       "\u2500-\u25fc\u2713\u2717]*")
_WORD = re.compile(r"\s*\S+\s*")
_STYLES = {"title": "1;3", "header": "1", "total": "1", "note": "2", "met": "32", "on track": "36",
           "behind": "1;31"}  # ANSI SGR codes, as rich writes its styles (bold italic title, dim notes ...)


def cell_len(text: str) -> int:
    """The width of `text` on a terminal, in cells (as rich measures it)."""
    if _ONE_CELL.fullmatch(text):
        return len(text)
    from rich.cells import cell_len as measure

    return measure(text)


def _wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` cells, broken between words as rich breaks them: each word keeps the
    spaces after it; a word longer than a line is cut into pieces (rich's fold)."""
    lines: list[str] = []
    line, used = "", 0
    for word in _WORD.findall(text) or [""]:
        size = cell_len(word.rstrip())
        if used + size <= width:
            line, used = line + word, used + cell_len(word)
            continue
        if size > width:
            from rich.cells import chop_cells

            pieces = chop_cells(word, width)
            if line:
                lines.append(line)
            lines.extend(pieces[:-1])
            line, used = pieces[-1], cell_len(pieces[-1])
            continue
        if line:
            lines.append(line)
        line, used = word, cell_len(word)
    lines.append(line)
    # a line that ends past the width in spaces only loses those spaces
    return [_crop_spaces(item, width) for item in lines]


def _crop_spaces(line: str, width: int) -> str:
    excess = len(line) - width
    if excess > 0:
        spaces = len(line) - len(line.rstrip())
        line = line[:len(line) - min(spaces, excess)]
    return line


def _justify(line: str, width: int, how: str) -> str:
    if how == "right":
        line = line.rstrip()
        return " " * (width - cell_len(line)) + line
    if how == "center":
        line = line.rstrip()
        left = (width - cell_len(line)) // 2
        return " " * left + line + " " * (width - left - cell_len(line))
    return line + " " * (width - cell_len(line))


class _Terminal:
    """Where the table goes, as rich's Console would judge it: a terminal or not, its width, and colour."""

    def __init__(self, stream: TextIO):
        import os

        environ = os.environ
        tty = environ.get("TTY_COMPATIBLE", "")
        if tty in ("0", "1"):
            self.is_terminal = tty == "1"
        elif environ.get("FORCE_COLOR") is not None:
            self.is_terminal = environ.get("FORCE_COLOR") != ""
        else:
            try:
                self.is_terminal = bool(stream.isatty())
            except (ValueError, AttributeError):
                self.is_terminal = False
        dumb = self.is_terminal and environ.get("TERM", "").lower() in ("dumb", "unknown")
        width = None
        if not dumb:
            for descriptor in (0, 1, 2):
                try:
                    width = os.get_terminal_size(descriptor).columns
                    break
                except (AttributeError, ValueError, OSError):
                    pass
        columns = environ.get("COLUMNS")
        if columns is not None and columns.isdigit():
            width = int(columns)
        self.width = 80 if dumb else width or 80
        # colours and styles (ANSI codes) only on a terminal, and never when NO_COLOR is set
        self.colour = self.is_terminal and not dumb and not environ.get("NO_COLOR")

    def style(self, text: str, style: str | None) -> str:
        if not self.colour or style is None or not text:
            return text
        return f"\x1b[{_STYLES[style]}m{text}\x1b[0m"


class _Layout:
    """A part of a table (some of its columns) as text cells, with rich's natural column widths."""

    def __init__(self, table: Table, columns: list[Column], body: list[list[str]], total: list[str] | None,
                 headers: list[str]):
        self.columns = columns
        self.body, self.total, self.headers = body, total, headers
        self.justify = ["left" if c.kind == "text" else "right" for c in columns]
        self.status = next((i for i, c in enumerate(columns) if c.kind == "status"), None)  # coloured on a terminal
        self.widths: list[int] = []  # each column's content width (without padding)
        self.minimum: list[int] = []  # text columns: the width they keep however narrow the terminal
        rows = body + ([total] if total is not None else [])
        for index, column in enumerate(columns):
            header = headers[index]
            widest = max((len(cells[index]) for cells in rows), default=1)
            if column.kind == "text":
                longest_word = max((len(w) for w in header.split()), default=1)
                leading = all(c.kind == "text" for c in columns[:index])  # a name keeps 18; a later text wraps more
                least = max(min(widest, 18 if leading else 10), longest_word)
                natural = max([cell_len(header)] + [cell_len(cells[index]) for cells in rows])
                self.widths.append(max(natural, least))
                self.minimum.append(least)
            else:
                self.widths.append(max(widest, -(-len(header) // 2), *(len(w) for w in header.split())))
                self.minimum.append(0)

    def padding(self, index: int) -> int:
        return (index > 0) + (index < len(self.columns) - 1)

    def natural_width(self) -> int:
        """The table's width, edges included, when no column wraps."""
        return sum(self.widths) + sum(map(self.padding, range(len(self.columns)))) + len(self.columns) + 1

    def fit(self, room: int) -> None:
        """Narrow the text columns (as rich collapses them) so that the table fits in `room` cells; numbers
        are never narrowed: a part whose numbers alone are wider is printed whole."""
        padded = [w + self.padding(i) for i, w in enumerate(self.widths)]
        wrapable = [c.kind == "text" for c in self.columns]
        limit = room - (len(self.columns) + 1)
        total, excess = sum(padded), sum(padded) - limit
        while total and excess > 0 and any(wrapable):
            widest = max(w for w, wraps in zip(padded, wrapable) if wraps)
            second = max(w if wraps and w != widest else 0 for w, wraps in zip(padded, wrapable))
            ratios = [1 if (w == widest and wraps) else 0 for w, wraps in zip(padded, wrapable)]
            if not any(ratios) or widest == second:
                break
            padded = _ratio_reduce(excess, ratios, [min(excess, widest - second)] * len(padded), padded)
            total = sum(padded)
            excess = total - limit
        self.widths = [w if c.kind != "text" else max(min(p - self.padding(i), w), self.minimum[i])
                       for i, (w, p, c) in enumerate(zip(self.widths, padded, self.columns))]

    def lines(self, title: str, out: _Terminal, status: list[str | None] | None) -> list[str]:
        widths, justify = self.widths, self.justify
        full = self.natural_width()
        result = []
        for title_line in title.split("\n"):
            for line in _wrap(title_line, full):
                result.append(out.style(_justify(line, full, "center"), "title"))
        blank = " " * full
        result.append(blank)
        wrapped = [_wrap(h, w) for h, w in zip(self.headers, widths)]
        height = max(len(h) for h in wrapped)
        for level in range(height):  # headers sit at the bottom of their row
            cells = [h[level - (height - len(h))] if level >= height - len(h) else "" for h in wrapped]
            result.append(" " + "   ".join(out.style(_justify(c, w, j), "header")
                                           for c, w, j in zip(cells, widths, justify)) + " ")
        result.append(" " + "━" * (full - 2) + " ")
        result.extend(self._row(cells, None if status is None else status[n], out)
                      for n, cells in enumerate(self.body))
        if self.total is not None:
            if self.body:  # the rule under the last row (rich's end of section)
                result.append(blank)
            result.append(self._row(self.total, "total", out))
        result.append(blank)
        return result

    def _row(self, cells: list[str], style: str | None, out: _Terminal) -> str:
        widths, justify = self.widths, self.justify
        if all(len(c) <= w for c, w in zip(cells, widths)) and _ONE_CELL.fullmatch("".join(cells)):
            # one line: the common case, at the cost of formatting a string
            texts = [c.ljust(w) if j == "left" else c.rstrip().rjust(w) for c, w, j in zip(cells, widths, justify)]
            return self._styled(texts, style, out)
        wrapped = [_wrap(c, w) for c, w in zip(cells, widths)]
        height = max(len(w) for w in wrapped)
        lines = []
        for level in range(height):  # cells sit at the top of their row
            texts = [_justify(w[level], width, j) if level < len(w) else " " * width
                     for w, width, j in zip(wrapped, widths, justify)]
            lines.append(self._styled(texts, style, out))
        return "\n".join(lines)

    def _styled(self, texts: list[str], style: str | None, out: _Terminal) -> str:
        if out.colour and style is not None:
            if style == "total":
                texts = [out.style(t, "total") for t in texts]
            elif self.status is not None:  # a status: its cell only
                texts[self.status] = out.style(texts[self.status], style)
        return " " + "   ".join(texts) + " "


def _ratio_reduce(total: int, ratios: list[int], maximums: list[int], values: list[int]) -> list[int]:
    """rich's ratio_reduce: take `total` from `values` in proportion to `ratios`, at most `maximums`."""
    ratios = [ratio if most else 0 for ratio, most in zip(ratios, maximums)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    remaining, result = total, []
    for ratio, most, value in zip(ratios, maximums, values):
        if ratio and total_ratio > 0:
            taken = min(most, round(ratio * remaining / total_ratio))
            result.append(value - taken)
            remaining -= taken
            total_ratio -= ratio
        else:
            result.append(value)
    return result


def _text_cells(table: Table, lang: str) -> tuple[list[list[str]], list[str] | None]:
    """Every cell of the table as the terminal shows it (numbers the language's way, bars, escaped text)."""
    columns = [_column_texts(c, table.rows, lang) for c in table.columns]
    body = [list(cells) for cells in zip(*columns)] if columns else [[] for _ in table.rows]
    total = None if table.total is None else [_column_texts(c, [table.total], lang)[0] for c in table.columns]
    return body, total


def _parts(table: Table, body, total, headers, room: int) -> list[list[int]]:
    """The table's columns (by index) in parts no wider than `room`, each part led by the leading text columns
    (code, name) so that a row is known in every part; the whole table when it fits."""
    def width(indexes: list[int]) -> int:
        return _part(table, indexes, body, total, headers).natural_width()

    every = list(range(len(table.columns)))
    if width(every) <= room:
        return [every]
    lead = 0
    while lead < len(table.columns) and table.columns[lead].kind == "text":
        lead += 1
    keys = every[:lead]
    parts, current = [], []
    for index in every[lead:]:
        if current and width(keys + current + [index]) > room:
            parts.append(keys + current)
            current = []
        current.append(index)
    parts.append(keys + current)
    return parts


def _part(table: Table, indexes: list[int], body, total, headers) -> _Layout:
    if len(indexes) == len(table.columns):
        return _Layout(table, table.columns, body, total, headers)
    pick = lambda cells: [cells[i] for i in indexes]  # noqa: E731
    return _Layout(table, pick(table.columns), [pick(r) for r in body], None if total is None else pick(total),
                   pick(headers))


def table_text(tables: list[Table], lang: str, out: _Terminal) -> str:
    """The tables as the terminal shows them (what print_tables writes)."""
    parts_text = []
    for table in tables:
        body, total = _text_cells(table, lang)
        headers = [_header(c, lang) for c in table.columns]
        status_key = next((c.key for c in table.columns if c.kind == "status"), None)
        status = None
        if out.colour and status_key is not None:
            status = [row.get(status_key) if row.get(status_key) in STATUS_STYLES else None for row in table.rows]
        parts = _parts(table, body, total, headers, out.width) if out.is_terminal else [list(range(len(table.columns)))]
        lines: list[str] = []
        title = "\n".join(safe.terminal(line) for line in table.title.split("\n"))
        for number, indexes in enumerate(parts):
            if number:
                lines.append("")
            layout = _part(table, indexes, body, total, headers)
            if out.is_terminal:  # text columns wrap to fit the terminal; numbers never do
                layout.fit(out.width)
            shown = title if number == 0 else safe.terminal(
                i18n.label("continued", lang, title=table.title.split("\n")[0]))
            lines.extend(layout.lines(shown, out, status))
        for note in table.notes:
            lines.extend(out.style(line, "note") for line in _wrap(safe.terminal(note), out.width))
        parts_text.append("\n".join(lines) + "\n")
    return "\n".join(parts_text)


def print_tables(tables: list[Table], lang: str, out: TextIO | None = None) -> None:
    stream = out or sys.stdout
    if any(len(t.rows) > LARGE_TABLE for t in tables):
        text = "\n".join(plain_table(t, lang) for t in tables)
    else:
        text = table_text(tables, lang, _Terminal(stream))
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:  # `bhxh gap | head`: the reader left, which is not an error
        _quiet_exit()


def markdown(tables: list[Table], lang: str) -> str:
    def escape(text: str) -> str:  # the column headers: our labels only
        return safe.markdown_cell(text, user_text=False)

    def line(text: str) -> str:  # a title or note line quotes the plan (its number, area, names): user text
        return safe.markdown_cell(text)

    def cell(column: Column, row: dict[str, Any]) -> str:
        # Only text cells hold user text; the others are numbers and labels formatted here.
        text = _cell(column, row, lang)
        return safe.markdown_cell(text) if column.kind == "text" else text

    parts = []
    for table in tables:
        lines = [f"### {line(text)}" if number == 0 else line(text)
                 for number, text in enumerate(table.title.split("\n"))] + [""]
        lines.append("| " + " | ".join(escape(_header(c, lang)) for c in table.columns) + " |")
        lines.append("|" + "|".join("---:" if c.kind != "text" else "---" for c in table.columns) + "|")
        for row in table.rows:
            lines.append("| " + " | ".join(cell(c, row) for c in table.columns) + " |")
        if table.total is not None:
            lines.append("| " + " | ".join(f"**{cell(c, table.total)}**" if _cell(c, table.total, lang) else ""
                                           for c in table.columns) + " |")
        if table.notes:
            lines.append("")
            lines.extend(f"_{line(note)}_" for note in table.notes)
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
    if rows and keys:
        # A column at a time: most columns are counts, which the csv module writes as they are
        try:
            get = operator.itemgetter(*keys)
            records = list(map(get, rows)) if len(keys) > 1 else [(get(row),) for row in rows]
        except KeyError:  # a row without some key: blank there
            records = [tuple(map(row.get, keys)) for row in rows]
        writer.writerows(zip(*map(_csv_column, zip(*records))))
    elif rows:
        writer.writerows([] for _ in rows)
    return buffer.getvalue()


_AS_THEY_ARE = frozenset({int, Decimal, type(None)})  # the csv module writes these as _csv_value does (str, or "")


def _csv_column(values: tuple) -> Any:
    kinds = set(map(type, values))
    if kinds <= _AS_THEY_ARE:
        return values
    if kinds == {str}:
        distinct = set(values)
        if len(distinct) * 4 < len(values):  # schemes, statuses: each guarded once
            guarded = {value: safe.csv_cell(value) for value in distinct}
            return list(map(guarded.__getitem__, values))
        return safe.csv_column(values)
    return list(map(_csv_value, values))


def json_text(document: Any) -> str:
    return safe.json_escapes(json.dumps(document, ensure_ascii=False, indent=2, default=_json_default)) + "\n"


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)  # one-decimal rates are exact in a float's shortest repr (97.7)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as json")
