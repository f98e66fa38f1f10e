"""The table's rows of a workbook are written as finished XML (output/workbook._write_body) instead of
through xlsxwriter's cell path: what a reader finds in each cell must be what xlsxwriter's own writers would
have stored — text as text (never a formula, escapes and all), numbers as numbers, blanks with their style, the
total row in bold, status cells in their colours, and the rows before and after the table in their place."""

from __future__ import annotations

import io
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from bhxh_cli.output import safe
from bhxh_cli.output.workbook import STATUS_FILLS, WideColumn, WideTable, workbook_bytes

COLUMNS = [WideColumn("code", "Mã"), WideColumn("name", "Tên"),
           WideColumn("target", "Chỉ tiêu", "count", "BHXH bắt buộc"),
           WideColumn("rate", "Tỷ lệ", "percent", "BHXH bắt buộc"),
           WideColumn("status", "Tình trạng", "status", "BHXH bắt buộc")]
# text a user can put in a code or a name: XML's own characters, Excel's _xHHHH_ escapes, controls, formulas
TEXT = st.lists(st.sampled_from(list("aĐệ &<>\"'_x0Ff=+-@\t\n\r\x00\x07\x1b|") + ["_x0041_", "😀"]),
               max_size=20).map("".join)
ROW = st.fixed_dictionaries({
    "code": st.one_of(st.none(), TEXT), "name": TEXT,
    "target": st.one_of(st.none(), st.integers(-10**15, 10**15)),
    "rate": st.one_of(st.none(), st.decimals(-1000, 1000, places=1, allow_nan=False, allow_infinity=False)),
    "status": st.one_of(st.none(), st.sampled_from(sorted(STATUS_FILLS)))})


def _sheet(table: WideTable):
    return load_workbook(io.BytesIO(workbook_bytes(table, "vi"))).worksheets[0]


def _expected(value):
    if isinstance(value, str):
        return safe.xlsx_cell(value)
    if isinstance(value, Decimal):
        return float(value)
    return value


@settings(max_examples=40, deadline=None)
@given(rows=st.lists(ROW, min_size=1, max_size=12), notes=st.lists(TEXT.filter(str.strip), max_size=2))
def test_every_cell_reads_back_as_written(rows, notes):
    total = {"name": "Tổng", "target": sum(r["target"] or 0 for r in rows)}
    table = WideTable(title=["Chỉ tiêu", "(Kèm theo)"], sheet="Chi tieu", columns=COLUMNS, rows=rows,
                      total=total, notes=notes)
    sheet = _sheet(table)
    shown = [c for c in COLUMNS if c.group is not None or any(r.get(c.key) is not None for r in rows)]
    header = next(r for r in range(1, 20) if sheet.cell(r, len(shown)).value == "(%d)" % len(shown))
    for offset, item in enumerate(rows + [total]):
        for position, column in enumerate(shown, start=1):
            cell = sheet.cell(header + 1 + offset, position)
            value = item.get(column.key)
            if column.kind == "status" and value is not None:
                assert cell.fill.fgColor.rgb == "FF" + STATUS_FILLS[value]
                assert cell.data_type == "s"
                continue
            assert cell.value == _expected(value), (offset, column.key)
            if isinstance(value, str):
                assert cell.data_type == "s"  # text is text, whatever it starts with
            assert cell.font.b is (item is total)
            assert cell.border.left.style == "thin"
    below = header + len(rows) + 2  # a blank row, then the notes
    for number, note in enumerate(notes):
        assert sheet.cell(below + 1 + number, 1).value == safe.xlsx_cell(note)


def test_text_longer_than_a_cell_holds_is_cut_as_xlsxwriter_cuts_it():
    long = "Đ" * 40000
    table = WideTable(title=["T"], sheet="S", columns=COLUMNS[:2], rows=[{"code": "1", "name": long}])
    sheet = _sheet(table)
    values = [cell.value for row in sheet.iter_rows() for cell in row if cell.value]
    assert "Đ" * 32767 in values


def test_a_table_without_rows_has_its_header_and_total():
    table = WideTable(title=["T"], sheet="S", columns=COLUMNS, rows=[], total={"name": "Tổng", "target": 0})
    sheet = _sheet(table)
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "Tổng" in values and "(4)" in values and "(5)" not in values  # no code: no code column
