"""Excel stores a line break typed in a cell (CR) and control characters as _xHHHH_ escapes, and an underscore
that would start one as _x005F_: a workbook's text is read as typed, by openpyxl's path and calamine's alike,
so that names fold as the CSV route folds them (tables/xlsx.py unescape)."""

import csv
import os
import zipfile

import pytest
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from bhxh_cli.cli import app
from bhxh_cli.tables import xlsx

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLAN = os.path.join(ROOT, "data", "plan_2020_communes_example.yaml")
REPORT = os.path.join(ROOT, "data", "report_2020-06_example.csv")


def run(*args):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def _write(path, rows):
    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
    sheet = book.add_worksheet("Sheet")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, str):
                sheet.write_string(r, c, value)
            else:
                sheet.write_number(r, c, value)
    book.close()
    return str(path)


def _report_rows(broken: bool):
    """The example report, with each name's first space typed as a line break in the cell (Alt+Enter)."""
    with open(REPORT, encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    if broken:
        rows[1:] = [[row[0], row[1].replace(" ", "\r\n", 1), *row[2:]] for row in rows[1:]]
    return [rows[0]] + [[int(cell) if cell.isdigit() else cell for cell in row] for row in rows[1:]]


def _both_ways(path):
    """(rows read by calamine, rows read by openpyxl): calamine made to read a workbook it leaves to openpyxl."""
    raw = open(path, "rb").read()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(xlsx, "_plain_workbook", lambda archive, infos: 1)
        fast = xlsx._calamine_sheet(path, raw, None)[0]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(xlsx, "_calamine_sheet", lambda path, raw, sheet: (None, False))
        careful = xlsx.read_sheet(path, None)
    assert fast is not None
    return fast[0], careful[0]


def test_names_with_line_breaks_in_their_cells_are_read_as_the_csv_route_reads_them(tmp_path):
    broken = _write(tmp_path / "bao_cao_2020-06.xlsx", _report_rows(broken=True))
    as_csv = tmp_path / "bao_cao_2020-06.csv"
    with open(as_csv, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(_report_rows(broken=True))
    (tmp_path / "plain").mkdir()
    plain = _write(tmp_path / "plain" / "bao_cao_2020-06.xlsx", _report_rows(broken=False))
    read = run("gap", "-p", PLAN, "-a", broken, "-s", "bb", "-f", "csv")
    assert (read.exit_code, read.stderr) == (0, "")
    assert read.stdout == run("gap", "-p", PLAN, "-a", str(as_csv), "-s", "bb", "-f", "csv").stdout
    assert read.stdout == run("gap", "-p", PLAN, "-a", plain, "-s", "bb", "-f", "csv").stdout
    assert "15664,Thị trấn Triệu Sơn,mandatory,937,901," in read.stdout


def test_escapes_read_as_their_characters_both_ways(tmp_path):
    texts = ["Thị\r\ntrấn Triệu Sơn", "Xã \x1b[31mĐỏ", "a_x000D_b (typed)", "_x005F_", "tab\tx", "Ctrl\x07\x08"]
    path = _write(tmp_path / "t.xlsx", [[text] for text in texts])
    fast, careful = _both_ways(path)
    assert fast == careful == [[text] for text in texts]


def test_escapes_excel_may_write_that_xlsxwriter_does_not(tmp_path):
    assert [xlsx.unescape(text) for text in ("a_x000d_b", "_x005f_x000D_", "__x0041__", "_x0041_x0042_",
                                            "_xD83D__xDE00_", "_xD83D_", "_X000D_", "_x00410_", "_x1EA1_")] == [
        "a\rb", "_x000D_", "_A_", "Ax0042_", "\U0001F600", "_xD83D_", "_X000D_", "_x00410_", "ạ"]


def test_rich_text_and_inline_strings_are_read_unescaped(tmp_path):
    book = xlsxwriter.Workbook(str(tmp_path / "r.xlsx"))
    sheet = book.add_worksheet()
    bold = book.add_format({"bold": True})
    sheet.write_rich_string(0, 0, "Thị ", bold, "trấn", " Sơn")
    sheet.write_formula(1, 0, '="x"', None, "a_x000D_b")  # a formula's saved text is escaped as a cell's
    book.close()
    with zipfile.ZipFile(tmp_path / "r.xlsx") as source, zipfile.ZipFile(tmp_path / "e.xlsx", "w") as target:
        for item in source.infolist():  # a run as Excel writes a typed line break (xlsxwriter escapes it twice)
            data = source.read(item.filename)
            target.writestr(item, data.replace("Thị ".encode(), "Thị_x000D_\n".encode()))
    assert xlsx.read_sheet(str(tmp_path / "e.xlsx"), None)[0] == [["Thị\r\ntrấn Sơn"], ["a\rb"]]


_XML_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\ufffe\uffff"),
                    min_size=1, max_size=12)


@settings(max_examples=80, deadline=None)
@given(st.lists(_XML_TEXT, min_size=1, max_size=6))
def test_any_text_xlsxwriter_writes_reads_back_the_same_both_ways(tmp_path_factory, texts):
    import unicodedata

    path = _write(tmp_path_factory.mktemp("p") / "t.xlsx", [[text] for text in texts])
    fast, careful = _both_ways(path)
    expected = [[unicodedata.normalize("NFC", text)] for text in texts]
    width = lambda rows: [row if row != [""] else [] for row in rows]  # noqa: E731 (an empty row has no cell)
    assert width(fast) == width(careful) == width(expected)
