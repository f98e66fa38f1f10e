"""The terminal tables laid out with string formatting (output/render.py) print what rich printed for the same
tables: the same text, byte for byte, in a pipe and on a terminal of any width (colour aside), for the README's
tables and for generated ones; colours for statuses only on a terminal without NO_COLOR."""

import io
import os
import re
import subprocess
import sys
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len as rich_cell_len

from bhxh_cli import i18n
from bhxh_cli.output import render, safe
from bhxh_cli.output.render import Column, Table, table_text

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ANSI = re.compile(r"\x1b\[[0-9;]*m")


# -- the reference: the tables as rich laid them out before (output/render.py until issue 14) ---------------

def rich_tables(tables: list[Table], lang: str, out) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(file=out, highlight=False)
    for index, table in enumerate(tables):
        if index:
            console.print()
        parts = [table.columns]
        if console.is_terminal:
            parts = _parts_that_fit(console, table, lang)
        for number, columns in enumerate(parts):
            if number:
                console.print()
            title = table.title if number == 0 else i18n.label("continued", lang, title=table.title.split("\n")[0])
            rich_table, room = _rich_table(table, columns, title, lang)
            width = console.width
            if not console.is_terminal:
                console.width = max(width, console.measure(rich_table, options=console.options.update_width(room)).maximum)
            console.print(rich_table, crop=False)
            console.width = width
        for note in table.notes:
            console.print(Text(safe.terminal(note), style="dim"))


def _terminal_cell(column: Column, row, lang: str):
    from rich.text import Text

    text = render._cell(column, row, lang)
    if column.kind == "bar":
        return f"{text} {render.bar(row.get(column.key))}"
    if column.kind == "status" and row.get(column.key) in render.STATUS_STYLES:
        return Text(text, style=render.STATUS_STYLES[row[column.key]])
    return Text(safe.terminal(text) if column.kind == "text" else text)


def _rich_table(table: Table, columns: list[Column], title: str, lang: str):
    from rich import box
    from rich.table import Table as RichTable
    from rich.text import Text

    title_text = Text("\n".join(safe.terminal(line) for line in title.split("\n")))
    rich_table = RichTable(title=title_text, box=box.SIMPLE_HEAVY, title_style="bold", pad_edge=False)
    rows = [[_terminal_cell(c, row, lang) for c in columns] for row in table.rows]
    total = None if table.total is None else [_terminal_cell(c, table.total, lang) for c in columns]
    room = 10_000
    for index, column in enumerate(columns):
        header = render._header(column, lang)
        widest = max((len(str(cells[index])) for cells in rows + ([total] if total else [])), default=1)
        room += widest + len(header) + 3
        if column.kind == "text":
            longest_word = max((len(w) for w in header.split()), default=1)
            leading = all(c.kind == "text" for c in columns[:index])
            rich_table.add_column(header, min_width=max(min(widest, 18 if leading else 10), longest_word))
        else:
            width = max(widest, -(-len(header) // 2), *(len(w) for w in header.split()))
            rich_table.add_column(header, justify="right", width=width)
    for number, cells in enumerate(rows):
        rich_table.add_row(*cells, end_section=total is not None and number == len(rows) - 1)
    if total is not None:
        rich_table.add_row(*total, style="bold")
    return rich_table, room


def _parts_that_fit(console, table: Table, lang: str):
    continued = i18n.label("continued", lang, title=table.title.split("\n")[0])

    def width(columns):
        rich_table, room = _rich_table(table, columns, continued, lang)
        return console.measure(rich_table, options=console.options.update_width(room)).maximum

    if width(table.columns) <= console.width:
        return [table.columns]
    lead = 0
    while lead < len(table.columns) and table.columns[lead].kind == "text":
        lead += 1
    keys, rest = table.columns[:lead], table.columns[lead:]
    parts, current = [], []
    for column in rest:
        if current and width(keys + current + [column]) > console.width:
            parts.append(keys + current)
            current = []
        current.append(column)
    parts.append(keys + current)
    return parts


def both(tables: list[Table], monkeypatch, *, columns: int, terminal: bool, lang: str = "vi") -> tuple[str, str]:
    """(rich's text, ours) for these tables, ANSI codes removed (rich writes bold even under NO_COLOR)."""
    monkeypatch.setenv("COLUMNS", str(columns))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TTY_COMPATIBLE", "1" if terminal else "0")
    reference = io.StringIO()
    rich_tables(tables, lang, reference)
    ours = table_text(tables, lang, render._Terminal(io.StringIO()))
    return ANSI.sub("", reference.getvalue()), ours


# -- tables like the commands' ------------------------------------------------------------------------------

GAP_COLUMNS = [Column("code"), Column("name", "text", "name"), Column("target", "count"), Column("actual", "count"),
               Column("gap", "gap"), Column("achieved", "bar"), Column("rate_points", "points"),
               Column("still_needed", "count"), Column("expected", "count"), Column("status", "status")]


def gap_row(code: str, name: str, target: int, actual: int, status: str) -> dict:
    achieved = (Decimal(actual * 100) / target).quantize(Decimal("0.1")) if target else None
    return {"code": code, "name": name, "target": target, "actual": actual, "gap": target - actual,
            "achieved": achieved, "rate_points": Decimal("-0.7"), "still_needed": max(0, target - actual),
            "expected": target // 2, "status": status}


def gap_table(names: list[str], note: str = "Tiến độ: đường thẳng từ số tham gia đầu năm (1/1) đến chỉ tiêu.") -> Table:
    rows = [gap_row(f"{15700 + i}", name, 40 + 7 * i, 30 + 8 * i, ("behind", "on track", "met")[i % 3])
            for i, name in enumerate(names)]
    total = gap_row("", "TỔNG SỐ", sum(r["target"] for r in rows), sum(r["actual"] for r in rows), "on track")
    return Table("BHXH tự nguyện: tiến độ đến 30/06/2020\n519/KH-UBND · Huyện Triệu Sơn, tỉnh Thanh Hóa",
                 GAP_COLUMNS, rows, total, [note])


NAMES = ["Xã Đồng Thắng", "Thị trấn Triệu Sơn", "Xã Thọ Ngọc", "Phường Hồng Hải (khu phố mới rất dài tên)",
         "Xã Nông Trường"]


@pytest.mark.parametrize("terminal", [False, True], ids=["pipe", "terminal"])
@pytest.mark.parametrize("columns", [40, 60, 80, 100, 120, 200])
def test_a_gap_table_is_what_rich_printed(monkeypatch, columns, terminal):
    reference, ours = both([gap_table(NAMES), gap_table(NAMES[:2])], monkeypatch, columns=columns, terminal=terminal)
    assert ours == reference


@pytest.mark.parametrize("terminal", [False, True], ids=["pipe", "terminal"])
@pytest.mark.parametrize("columns", [60, 80, 120])
def test_unusual_text_is_laid_out_as_rich_does(monkeypatch, columns, terminal):
    names = ["北京市 朝阳区", "Xa\u0301 Tho\u0323 (combining marks)", "Ward\u200bZero", "x" * 18, "  spaced  out  ",
             "", "Emoji 🏠 xã", "A\tB"]
    table = gap_table(names, note="word " * 40 + "Averyveryverylongwordthatmustbefoldedacrossmorethanonelineofthenote")
    table.title += "\n" + "Một tiêu đề rất dài " * 8
    reference, ours = both([table], monkeypatch, columns=columns, terminal=terminal)
    assert ours == reference


def test_a_word_wider_than_its_column_is_folded_never_cut(monkeypatch):
    # rich cut it with "…"; here the name goes on in the next line, whole (the one deliberate difference)
    monkeypatch.setenv("COLUMNS", "60")
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    text = table_text([gap_table(["Z" * 70])], "vi", render._Terminal(io.StringIO()))
    assert "…" not in text
    first_part = text.split("(tiếp theo)")[0]  # the name leads every part of a table split to fit
    assert "".join(re.findall(r"Z+", first_part)) == "Z" * 70
    assert max(render.cell_len(line) for line in text.splitlines()) <= 60


letters = st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyÀẢẠỆỘỮ 0123456789-·,()北京🏠\u0301"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.lists(st.text(letters, max_size=30), min_size=0, max_size=6),
       columns=st.integers(min_value=30, max_value=160), terminal=st.booleans())
def test_any_table_is_what_rich_printed(monkeypatch, names, columns, terminal):
    reference, ours = both([gap_table(names)], monkeypatch, columns=columns, terminal=terminal)
    if "…" in reference and not any("…" in name for name in names):
        assert "…" not in ours  # rich cut a word wider than its column; here it is folded (test above)
    else:
        assert ours == reference


def test_widths_of_the_common_letters_are_rich_s():
    for start, end in [(0x20, 0x7E), (0xA0, 0xAC), (0xAE, 0x2FF), (0x370, 0x482), (0x1E00, 0x1EFF), (0x2010, 0x2027),
                       (0x2212, 0x2212), (0x2500, 0x25FC), (0x2713, 0x2713), (0x2717, 0x2717)]:
        for code in range(start, end + 1):
            assert render.cell_len(chr(code)) == rich_cell_len(chr(code)), hex(code)
    for text in ["北京", "a\u0301", "🏠", "\u200b", "Xã Thọ Ngọc"]:
        assert render.cell_len(text) == rich_cell_len(text)


# -- the README's tables, through the command line ---------------------------------------------------------

README_TABLES = [
    ["rates"],
    ["rates", "data/plan_2020_communes_example.yaml", "--by", "commune"],
    ["allocate", "--communes", "data/communes_2020_example.csv", "--explain"],
    ["gap", "--plan", "data/plan_2020_communes_example.yaml", "--actual", "data/report_2020-06_example.csv",
     "--as-of", "2020-06-30"],
    ["gap", "--plan", "data/plan_2026_lai_chau_communes.yaml", "--reports", "data/bao_cao_lai_chau", "--scheme", "tn"],
    ["gap", "--lang", "en"],
    ["rates", "data/plan_2026_lai_chau_v2.yaml"],
]


def tables_of(command: list[str], monkeypatch) -> tuple[list[Table], str]:
    """The Table objects a command prints (caught on their way to print_tables), and its language."""
    from typer.testing import CliRunner

    from bhxh_cli.cli import app
    from bhxh_cli.commands import output

    caught = []
    monkeypatch.setattr(output, "print_tables", lambda tables, lang, out: caught.append((tables, lang)))
    result = CliRunner().invoke(app, command)
    assert result.exit_code == 0, result.output
    return caught[0]


@pytest.mark.parametrize("command", README_TABLES, ids=" ".join)
def test_the_readme_tables_are_what_rich_printed(command, monkeypatch):
    monkeypatch.chdir(ROOT)
    tables, lang = tables_of(command, monkeypatch)
    for columns, terminal in [(100, False), (60, True), (80, True), (120, True)]:
        reference, ours = both(tables, monkeypatch, columns=columns, terminal=terminal, lang=lang)
        assert ours == reference, (columns, terminal)


# -- colour, and where it goes --------------------------------------------------------------------------------

def printed(monkeypatch, *, terminal: bool, no_color: bool) -> str:
    monkeypatch.setenv("TTY_COMPATIBLE", "1" if terminal else "0")
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    out = io.StringIO()
    render.print_tables([gap_table(NAMES[:3])], "vi", out)
    return out.getvalue()


def test_statuses_are_coloured_on_a_terminal(monkeypatch):
    text = printed(monkeypatch, terminal=True, no_color=False)
    assert "\x1b[1;31m" in text and "chậm tiến độ\x1b[0m" in text  # behind: bold red
    assert "\x1b[36m" in text  # on track: cyan
    assert "\x1b[32m" in text  # met: green
    assert ANSI.sub("", text) == printed(monkeypatch, terminal=True, no_color=True)


@pytest.mark.parametrize("terminal, no_color", [(False, False), (True, True), (False, True)])
def test_no_colour_in_a_pipe_or_with_no_color(monkeypatch, terminal, no_color):
    assert "\x1b" not in printed(monkeypatch, terminal=terminal, no_color=no_color)


INTERRUPT_WHILE_PRINTING = """
import sys
class Interrupting:
    def __getattr__(self, name):
        return getattr(sys.__stdout__, name)
    def write(self, text):
        raise KeyboardInterrupt
sys.stdout = Interrupting()
sys.argv = ["bhxh", "rates"]
from bhxh_cli.__main__ import main
main()
"""


@pytest.mark.skipif(os.name != "posix", reason="signals")
def test_ctrl_c_while_printing_is_one_line_and_exit_130():
    result = subprocess.run([sys.executable, "-c", INTERRUPT_WHILE_PRINTING], capture_output=True, text=True,
                            encoding="utf-8", timeout=60, cwd=ROOT)
    assert (result.returncode, result.stdout, result.stderr) == (130, "", "bhxh: đã dừng theo yêu cầu\n")


def test_printing_a_table_loads_no_rich():
    code = ("import sys; from bhxh_cli.__main__ import main; sys.argv = ['bhxh', 'rates']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "sys.stderr.write(str(sorted(m for m in sys.modules if m.split('.')[0] == 'rich')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8",
                            timeout=60, cwd=ROOT, env={**os.environ, "TTY_COMPATIBLE": "0"})
    assert result.stderr.endswith("[]"), result.stderr


# -- the cells, a column at a time -----------------------------------------------------------------------------

_DECIMALS = st.one_of(st.none(), st.decimals(min_value=-1000, max_value=100000, places=1, allow_nan=False),
                      st.sampled_from([Decimal("-0.0"), Decimal("0.00"), Decimal("100"), Decimal("12.345")]))
_VALUES = {"count": st.one_of(st.none(), st.integers(-10**7, 10**9)), "gap": st.one_of(st.none(), st.integers(-10**6, 10**6)),
           "percent": _DECIMALS, "bar": _DECIMALS, "points": _DECIMALS, "decimal": _DECIMALS,
           "signed_percent": _DECIMALS, "signed_count": st.one_of(st.none(), st.integers(-10**6, 10**6)),
           "status": st.sampled_from([None, "", "met", "on track", "behind", "no report"]),
           "text": st.one_of(st.none(), st.text(max_size=8), st.integers()),
           "stated": _DECIMALS}


@settings(max_examples=200, deadline=None)
@given(kind=st.sampled_from(sorted(_VALUES)), lang=st.sampled_from(["vi", "en"]), data=st.data())
def test_a_column_s_cells_are_each_cell_s_text(kind, lang, data):
    column = Column("value", kind)
    rows = [({"value": v} if present else {}) | ({"rate_agrees": agrees} if kind == "stated" else {})
            for v, present, agrees in data.draw(st.lists(st.tuples(_VALUES[kind], st.booleans(), st.booleans()),
                                                         max_size=8))]
    expected = []
    for row in rows:
        text = render._cell(column, row, lang)
        expected.append(safe.terminal(text) if kind == "text" else
                        f"{text} {render.bar(row.get('value'))}" if kind == "bar" else text)
    assert render._column_texts(column, rows, lang) == expected


@pytest.mark.parametrize("environ, terminal, width, colour", [
    ({"TTY_COMPATIBLE": "1", "COLUMNS": "72"}, True, 72, True),
    ({"TTY_COMPATIBLE": "1", "COLUMNS": "72", "NO_COLOR": "1"}, True, 72, False),
    ({"TTY_COMPATIBLE": "1", "COLUMNS": "72", "TERM": "dumb"}, True, 80, False),  # rich: a dumb terminal is 80 wide
    ({"TTY_COMPATIBLE": "0", "FORCE_COLOR": "1", "COLUMNS": "90"}, False, 90, False),
    ({"FORCE_COLOR": "1", "COLUMNS": "90"}, True, 90, True),
    ({"FORCE_COLOR": "", "COLUMNS": "90"}, False, 90, False),
    ({"COLUMNS": "wide"}, False, None, False),  # not a number: the real width, or 80
])
def test_the_terminal_is_judged_as_rich_judges_it(monkeypatch, environ, terminal, width, colour):
    for name in ("TTY_COMPATIBLE", "FORCE_COLOR", "NO_COLOR", "TERM", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    from rich.console import Console

    judged, console = render._Terminal(io.StringIO()), Console(file=io.StringIO())
    assert (judged.is_terminal, judged.colour) == (terminal, colour)
    assert (judged.is_terminal, judged.width) == (console.is_terminal, console.width)
    assert width is None or judged.width == width
