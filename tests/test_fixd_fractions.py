"""A workbook's number cell holding a fraction (12.5, and 12.125, which as text looks like 12,125 written with a
thousands separator) is not a whole number, said so in both languages; the English examples use the English
thousands separator."""

import xlsxwriter
from typer.testing import CliRunner

from bhxh_cli.cli import app
from bhxh_cli.tables import xlsx
from bhxh_cli.tables.communes import read_communes


def _book(path, value):
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("DS")
    for row, cells in enumerate([["code", "name", "mandatory_eligible"], ["1", "Xã A", value], ["2", "Xã B", 7]]):
        for column, cell in enumerate(cells):
            sheet.write(row, column, cell)
    book.close()
    return str(path)


def _problems(path):
    try:
        read_communes(path, required=["mandatory_eligible"])
    except Exception as error:  # InputError
        return [d.text() for d in error.diagnostics]
    return []


def test_a_fraction_in_a_number_cell_is_not_a_whole_number(tmp_path):
    path = _book(tmp_path / "a.xlsx", 12.5)
    assert _problems(path) == [f"{path}:DS!C2: mandatory_eligible: '12.5' không phải số nguyên: ô số này có phần lẻ; "
                               f"số người là số nguyên, ví dụ 15890 hoặc 15.890 (not-a-count)"]


def test_a_fraction_with_three_decimals_is_never_read_as_thousands(tmp_path, english):
    path = _book(tmp_path / "a.xlsx", 12.125)
    assert _problems(path) == [f"{path}:DS!C2: mandatory_eligible: '12.125' is not a whole number: this number cell "
                               f"has a fractional part; a count of people is a whole number, e.g. 15890 or 15,890 "
                               f"(not-a-count)"]


def test_both_readers_say_the_same(tmp_path, monkeypatch):
    path = _book(tmp_path / "a.xlsx", 12.125)
    fast = _problems(path)
    monkeypatch.setattr(xlsx, "_calamine_sheet", lambda path, raw, sheet: (None, False))
    assert _problems(path) == fast and fast


def test_the_same_digits_as_text_are_a_thousands_separator_as_before(tmp_path):
    path = _book(tmp_path / "a.xlsx", "12.125")
    assert _problems(path) == []


def test_gap_refuses_it_with_exit_1(tmp_path):
    import os

    plan = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data",
                        "plan_2020_communes_example.yaml")
    book = xlsxwriter.Workbook(str(tmp_path / "bao_cao_2020-06.xlsx"))
    sheet = book.add_worksheet("BC")
    for row, cells in enumerate([["Mã", "Tên xã", "BB tham gia"], ["15664", "Thị trấn Triệu Sơn", 12.5]]):
        for column, cell in enumerate(cells):
            sheet.write(row, column, cell)
    book.close()
    path = str(tmp_path / "bao_cao_2020-06.xlsx")
    result = CliRunner().invoke(app, ["gap", "-p", plan, "-a", path, "-s", "bb"])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"{path}:BC!C2: BB tham gia: '12.5' không phải số nguyên: ô số này có phần lẻ; số người "
                             f"là số nguyên, ví dụ 15890 hoặc 15.890 (not-a-count)\n")
