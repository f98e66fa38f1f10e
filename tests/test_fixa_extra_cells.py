"""A row holding text right of its table's header (an unquoted decimal comma splits a number into two cells, a
stray cell) is refused naming the file, the row and the first extra cell, in every reader of tables: communes
tables and reports (CSV, .xlsx), plan import, crosswalk maps and lists of units. Empty cells there (a trailing
delimiter, as Excel writes) are no problem."""

import os

import pytest
from typer.testing import CliRunner

from bhxh_cli.cli import app
from bhxh_cli.diagnostics import InputError
from bhxh_cli.tables.crosswalk_map import read_crosswalk
from bhxh_cli.tables.registry import read_registry

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLAN = os.path.join(ROOT, "data", "plan_2020_communes_example.yaml")
HEADER = "code,name,mandatory_enrolled,voluntary_enrolled,unemployment_enrolled\n"
ROWS = ("15664,Thị trấn Triệu Sơn,901,26,791\n", "15667,Xã Thọ Sơn,522,61,444\n", "15670,Xã Thọ Bình,507,51,448\n")


def run(*args):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def gap(report, *more):
    return run("gap", "--plan", PLAN, "--actual", str(report), "--as-of", "2020-06-30", "-f", "csv", *more)


def test_a_decimal_comma_that_shifts_a_rows_numbers_is_refused(tmp_path):
    report = tmp_path / "r.csv"
    report.write_text(HEADER + ROWS[0] + "15667,Xã Thọ Sơn,522,6,1,444\n" + ROWS[2], encoding="utf-8")
    result = gap(report)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"{report}:3: dòng 3 có 6 ô, dòng tiêu đề có 5; ô thứ 6 ('444') nằm bên phải cột cuối 'unemployment_enrolled' "
        f"nên các số của dòng bị lệch: một số viết với dấu phẩy (như 5,335) trong tệp phân cách bằng dấu phẩy thành "
        f"hai ô; hãy đặt số đó trong dấu ngoặc kép (\"5,335\") hoặc viết không có dấu phẩy, hoặc xóa ô thừa "
        f"(extra-cells)\n")


def test_the_same_in_english(tmp_path, english):
    report = tmp_path / "r.csv"
    report.write_text(HEADER + ROWS[0] + "15667,Xã Thọ Sơn,522,6,1,444\n", encoding="utf-8")
    result = gap(report)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"{report}:3: row 3 has 6 cells, the header row 5; cell 6 ('444') is right of the last column "
        f"'unemployment_enrolled', so the row's numbers are shifted: a number written with a comma (such as 5,335) "
        f"in a comma-separated file becomes two cells; put that number in double quotes (\"5,335\") or write it "
        f"without the comma, or remove the extra cell (extra-cells)\n")


def test_one_extra_cell_in_a_semicolon_table_is_refused(tmp_path):
    report = tmp_path / "r.csv"
    report.write_text(HEADER.replace(",", ";") + ROWS[0].replace(",", ";").replace("\n", ";999\n"),
                      encoding="utf-8")
    result = gap(report)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"{report}:2: dòng 2 có 6 ô, dòng tiêu đề có 5; ô thứ 6 ('999') nằm bên phải cột cuối 'unemployment_enrolled', "
        f"không thuộc cột nào; hãy xóa ô thừa, hoặc thêm tiêu đề cho cột nếu đó là số liệu (extra-cells)\n")


def test_a_text_after_an_empty_cell_is_named_at_its_own_place(tmp_path):
    report = tmp_path / "r.csv"
    report.write_text(HEADER + ROWS[0] + ROWS[1].replace("\n", ",,,xem ghi chú\n"), encoding="utf-8")
    result = gap(report)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{report}:3: dòng 3 có 8 ô, dòng tiêu đề có 5; ô thứ 8 ('xem ghi chú') ")


@pytest.mark.parametrize("tail", [",", ",,", ", ,"])
def test_empty_cells_after_the_last_column_are_read(tmp_path, tail):
    report = tmp_path / "r.csv"
    report.write_text(HEADER.replace("\n", tail + "\n") + "".join(r.replace("\n", tail + "\n") for r in ROWS),
                      encoding="utf-8")
    result = gap(report)
    assert result.exit_code == 0, result.stderr
    assert "15667,Xã Thọ Sơn,mandatory,522,522," in result.stdout


def test_a_value_right_of_a_workbooks_table_names_its_cell(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Báo cáo"
    for row in (HEADER, *ROWS):
        sheet.append([int(c) if c.isdigit() else c for c in row.strip().split(",")])
    sheet["G3"] = 61
    path = tmp_path / "r.xlsx"
    book.save(path)
    result = gap(path)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"{path}:Báo cáo!G3: ô G3 ('61') nằm bên phải cột cuối 'unemployment_enrolled' của bảng, ở cột không có tiêu "
        f"đề (dòng tiêu đề có 5 cột); hãy xóa ô đó, hoặc thêm tiêu đề cho cột nếu đó là số liệu (extra-cells)\n")


def test_text_right_of_the_table_below_its_total_is_not_a_row_of_it(tmp_path):
    # a signature block under a closing total may stand anywhere: it is not read, so not refused
    report = tmp_path / "r.csv"
    report.write_text(HEADER + "".join(ROWS) + ",Tổng cộng,1930,138,1683\n,,,,,,Người lập biểu\n", encoding="utf-8")
    assert gap(report).exit_code == 0


def test_a_communes_table_for_allocate_and_plan_import(tmp_path):
    table = tmp_path / "xa.csv"
    with open(os.path.join(ROOT, "data", "communes_2020_example.csv"), encoding="utf-8") as source:
        lines = source.read().splitlines(keepends=True)
    lines[2] = lines[2].replace(",522,", ",5,22,")  # 15667: enrolled 5,22 unquoted
    table.write_text("".join(lines), encoding="utf-8")
    for args in (["plan", "import", str(table), "-o", str(tmp_path / "p.yaml")],
                 ["allocate", "--plan", os.path.join(ROOT, "data", "plan_2020.yaml"), "--communes", str(table)]):
        result = run(*args)
        assert (result.exit_code, result.stdout) == (1, ""), args
        assert result.stderr.startswith(f"{table}:3: dòng 3 có 9 ô, dòng tiêu đề có 8; ô thứ 9 ('443') nằm bên phải "
                                        f"cột cuối 'unemployment_enrolled' nên các số của dòng bị lệch"), args
    assert not (tmp_path / "p.yaml").exists()


def test_a_crosswalk_map_with_an_extra_cell(tmp_path):
    path = tmp_path / "map.csv"
    path.write_text("old_code,old_name,new_code,new_name,share\n15664,Thị trấn Triệu Sơn,15664,Xã Triệu Sơn,\n"
                    "15667,Xã Thọ Sơn,15667,Xã Thọ Bình,0,5,x\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_crosswalk(str(path))
    assert caught.value.diagnostics[0].text() == (
        f"{path}:3: dòng 3 có 7 ô, dòng tiêu đề có 5; ô thứ 6 ('5') nằm bên phải cột cuối 'share' nên các số của "
        f"dòng bị lệch: một số viết với dấu phẩy (như 5,335) trong tệp phân cách bằng dấu phẩy thành hai ô; hãy đặt "
        f"số đó trong dấu ngoặc kép (\"5,335\") hoặc viết không có dấu phẩy, hoặc xóa ô thừa (extra-cells)")


def test_a_list_of_units_with_an_extra_cell(tmp_path):
    path = tmp_path / "units.csv"
    path.write_text("code\tname\tkind\n15664\tThị trấn Triệu Sơn\tThị trấn\t\t\n15667\tXã Thọ Sơn\tXã\tghi chú\n",
                    encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_registry(str(path))
    assert [d.text() for d in caught.value.diagnostics] == [
        f"{path}:3: dòng 3 có 4 ô, dòng tiêu đề có 3; ô thứ 4 ('ghi chú') nằm bên phải cột cuối 'kind', không thuộc "
        f"cột nào; hãy xóa ô thừa, hoặc thêm tiêu đề cho cột nếu đó là số liệu (extra-cells)"]
