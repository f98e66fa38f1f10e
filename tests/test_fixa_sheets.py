"""A workbook whose table is on a later sheet (a cover or notes sheet first) is told which sheet holds a header
and how to read it; a number too long for people is named by its column's header, as every other problem."""

import os
import shutil

import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from bhxh_cli.cli import app
from bhxh_cli.diagnostics import InputError
from bhxh_cli.tables.crosswalk_map import read_crosswalk
from bhxh_cli.tables.registry import read_registry

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLAN = os.path.join(ROOT, "data", "plan_2020_communes_example.yaml")
PLAN_TREND = os.path.join(ROOT, "data", "plan_2026_lai_chau_communes.yaml")
FOLDER = os.path.join(ROOT, "data", "bao_cao_lai_chau")
REPORT = os.path.join(ROOT, "data", "report_2020-06_example.csv")


def run(*args):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def workbook(path, csv_file, sheets=("Bìa", "Số liệu")):
    """The table of `csv_file` on the last of `sheets`, the others a cover page's lines."""
    book = Workbook()
    cover = book.active
    cover.title = sheets[0]
    cover.append(["BÁO CÁO KẾT QUẢ PHÁT TRIỂN NGƯỜI THAM GIA"])
    cover.append(["Kính gửi: BHXH tỉnh"])
    for name in sheets[1:-1]:
        book.create_sheet(name).append(["Ghi chú: số liệu đến cuối tháng"])
    table = book.create_sheet(sheets[-1])
    with open(csv_file, encoding="utf-8") as handle:
        for line in handle.read().splitlines():
            table.append([int(cell) if cell.isdigit() else cell for cell in line.split(",")])
    book.save(path)
    return str(path)


def test_a_report_on_a_later_sheet_names_the_sheet_and_the_option(tmp_path):
    path = workbook(tmp_path / "bao_cao_2020-06.xlsx", REPORT, ("Bìa", "Ghi chú", "Số liệu"))
    result = run("gap", "--plan", PLAN, "--actual", path, "-f", "csv")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"{path}:Bìa!1: trang 'Bìa' không có dòng tiêu đề có cột 'code' (mã) và 'name' (tên) trong 30 dòng đầu; bảng "
        f"có lẽ ở trang 'Số liệu', trang này có dòng tiêu đề như vậy: hãy đọc trang đó bằng --sheet \"Số liệu\" "
        f"(missing-column)\n")
    assert run("gap", "--plan", PLAN, "--actual", path, "-f", "csv", "--sheet", "Số liệu").exit_code == 0


def test_the_same_in_english_for_plan_import(tmp_path, english):
    path = workbook(tmp_path / "phu_luc.xlsx", os.path.join(ROOT, "data", "communes_2020_example.csv"),
                    ("Ghi chú", "Phụ lục 01"))
    result = run("plan", "import", path, "-o", str(tmp_path / "p.yaml"))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"{path}:Ghi chú!1: the sheet 'Ghi chú' has no header row with the columns 'code' and 'name' in its first 30 "
        f"rows; the table is likely on the sheet 'Phụ lục 01', which has such a header: read that sheet with --sheet "
        f"\"Phụ lục 01\" (missing-column)\n")
    assert not (tmp_path / "p.yaml").exists()


def test_a_workbook_with_no_header_on_any_sheet_is_told_as_before(tmp_path):
    book = Workbook()
    book.active.append(["chỉ có một dòng chữ"])
    book.create_sheet("Khác").append(["và một dòng nữa"])
    path = tmp_path / "r.xlsx"
    book.save(path)
    result = run("gap", "--plan", PLAN, "--actual", str(path), "--as-of", "2020-06-30")
    assert result.exit_code == 1
    assert result.stderr == (
        f"{path}:Sheet!1: không thấy dòng tiêu đề có cột 'code' (mã) và 'name' (tên) trong 30 dòng đầu; hãy đặt tên "
        f"các cột là code, name, ... (missing-column)\n")


def test_a_folders_report_is_told_to_read_its_sheet(tmp_path):
    # trend reads a folder: its --sheet reads that sheet of every workbook (as gap --reports --sheet)
    folder = tmp_path / "bao_cao"
    shutil.copytree(FOLDER, folder)
    month = folder / "bao_cao_2026-03.csv"
    path = workbook(folder / "bao_cao_2026-03.xlsx", month)
    month.unlink()
    result = run("trend", "-p", PLAN_TREND, "--reports", str(folder), "-s", "bb")
    assert result.exit_code == 1
    assert result.stderr == (
        f"{path}:Bìa!1: trang 'Bìa' không có dòng tiêu đề có cột 'code' (mã) và 'name' (tên) trong 30 dòng đầu; bảng "
        f"có lẽ ở trang 'Số liệu', trang này có dòng tiêu đề như vậy: hãy đọc trang đó bằng --sheet \"Số liệu\" "
        f"(missing-column)\n")


# -- a number too long for people, named by its column ------------------------------------------------

def test_a_huge_number_is_named_by_its_columns_header(tmp_path):
    with open(REPORT, encoding="utf-8") as handle:
        lines = handle.read().splitlines(keepends=True)
    lines[3] = lines[3].replace(",507,", "," + "9" * 26 + ",")
    report = tmp_path / "r.csv"
    report.write_text("".join(lines), encoding="utf-8")
    result = run("gap", "--plan", PLAN, "--actual", str(report), "--as-of", "2020-06-30")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"{report}:4:mandatory_enrolled: ô có số nguyên 26 chữ số; không có số người nào lớn "
                             f"như vậy (not-a-count)\n")


def test_in_a_workbook_by_its_cell_and_header(tmp_path):
    book = Workbook()
    book.active.append(["Mã xã", "Tên xã", "BB tham gia"])
    book.active.append(["15664", "Thị trấn Triệu Sơn", "9" * 30])
    path = tmp_path / "r.xlsx"
    book.save(path)
    result = run("gap", "--plan", PLAN, "--actual", str(path), "--as-of", "2020-06-30")
    assert result.stderr == (f"{path}:Sheet!C2: BB tham gia: ô có số nguyên 30 chữ số; không có số người nào lớn như "
                             f"vậy (not-a-count)\n")


def test_above_the_header_it_is_still_named_by_its_number(tmp_path):
    report = tmp_path / "r.csv"
    report.write_text("Báo cáo số," + "1" * 20 + "\n" + open(REPORT, encoding="utf-8").read(), encoding="utf-8")
    result = run("gap", "--plan", PLAN, "--actual", str(report), "--as-of", "2020-06-30")
    assert result.stderr == (f"{report}:1: ô ở cột 2 có số nguyên 20 chữ số; không có số người nào lớn như vậy "
                             f"(not-a-count)\n")


def test_in_a_crosswalk_map_and_a_list_of_units(tmp_path):
    walk = tmp_path / "map.csv"
    walk.write_text("old_code,old_name,new_code,new_name,share\n15664,Thị trấn Triệu Sơn," + "1" * 25
                    + ",Xã Triệu Sơn,\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_crosswalk(str(walk))
    assert [d.text() for d in caught.value.diagnostics] == [
        f"{walk}:2:new_code: ô có số nguyên 25 chữ số; không có số người nào lớn như vậy (not-a-count)"]
    units = tmp_path / "units.csv"
    units.write_text("code,name,parent\n15664,Thị trấn Triệu Sơn," + "4" * 19 + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_registry(str(units))
    assert [d.text() for d in caught.value.diagnostics] == [
        f"{units}:2:parent: ô có số nguyên 19 chữ số; không có số người nào lớn như vậy (not-a-count)"]


def test_a_crosswalk_or_a_list_of_units_on_a_later_sheet_is_told_to_move_it_first(tmp_path):
    for reader, source, rule_words in (
            (read_crosswalk, os.path.join(ROOT, "tests", "fixtures", "crosswalk", "trieu_son_2020_to_2025.csv"),
             "cột 'old_code' và 'new_code' (hoặc 'Mã xã cũ' và 'Mã xã mới') trong 30 dòng đầu; bảng chuyển đổi"),
            (read_registry, os.path.join(ROOT, "tests", "fixtures", "registry", "trieu_son_2020.csv"),
             "cột 'code' và 'name' trong 30 dòng đầu; danh mục đơn vị")):
        path = workbook(tmp_path / f"{reader.__name__}.xlsx", source, ("Hướng dẫn", "Bảng"))
        with pytest.raises(InputError) as caught:
            reader(path)
        first = caught.value.diagnostics[0].text()
        assert first.startswith(f"{path}:Hướng dẫn!1: trang 'Hướng dẫn' không có dòng tiêu đề có {rule_words} có "
                                f"lẽ ở trang 'Bảng', trang này có dòng tiêu đề như vậy: hãy đưa trang đó lên đầu tệp")
