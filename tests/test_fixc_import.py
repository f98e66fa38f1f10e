"""`bhxh plan import` takes every scheme group of an appendix: health insurance (population, target, rate)
as a version 2 plan that `check` passes, or an error naming the columns it cannot take; and the rows under
the table (notes, a signature block, a date line) end the table."""

import os
import sys

import pytest
from typer.testing import CliRunner

from bhxh_cli.cli import app

APPENDIX = os.path.join(os.path.dirname(__file__), "fixtures", "appendix")
sys.path.insert(0, APPENDIX)
import make  # noqa: E402  (tests/fixtures/appendix/make.py: the writers of .xlsx, .xls and CSV)

runner = CliRunner()
TITLE = [["UBND TỈNH HÀ NAM MỚI"], ["PHỤ LỤC 01"], ["CHỈ TIÊU PHÁT TRIỂN ĐỐI TƯỢNG THAM GIA BHXH, BHYT NĂM 2026"],
         ["(Kèm theo Kế hoạch số 12/KH-UBND ngày 15/01/2026 của UBND tỉnh Hà Nam Mới)"], [""]]
HEADER = [["STT", "Mã ĐVHC", "Tên xã, phường", "BHXH bắt buộc", "", "", "Bảo hiểm y tế", "", ""],
          ["", "", "", "Số người thuộc diện tham gia", "Chỉ tiêu", "Tỷ lệ (%)", "Dân số", "Chỉ tiêu", "Tỷ lệ (%)"],
          [f"({i})" for i in range(1, 10)]]
MERGES = [(5, 0, 6, 0), (5, 1, 6, 1), (5, 2, 6, 2), (5, 3, 5, 5), (5, 6, 5, 8)]
BODY = [["", "", "TỔNG SỐ", 3000, 2900, "96,7%", 50000, 47600, "95,20%"],
        [1, "90001", "Phường Hoà Bình", 1000, 960, "96,0%", 20000, 19100, "95,50%"],
        [2, "90002", "Xã Đông Hòa", 2000, 1940, "97,0%", 30000, 28500, "95,00%"]]
PLAN = """version: 2
plan:
  number: "12/KH-UBND"
  issuer: "UBND tỉnh Hà Nam Mới"
  area: "Tỉnh Hà Nam Mới"
  issued: 2026-01-15
  year: 2026
schemes:
  mandatory: {eligible: 3000, target: 2900, rate: 96.7}
  health: {population: 50000, target: 47600, rate: 95.2}
units:
  - code: "90001"
    name: "Phường Hoà Bình"
    kind: "phường"
    schemes:
      mandatory: {eligible: 1000, target: 960, rate: 96.0}
      health: {population: 20000, target: 19100, rate: 95.5}
  - code: "90002"
    name: "Xã Đông Hòa"
    kind: "xã"
    schemes:
      mandatory: {eligible: 2000, target: 1940, rate: 97.0}
      health: {population: 30000, target: 28500, rate: 95.0}
"""


def run(*args):
    return runner.invoke(app, list(args), catch_exceptions=False)


def appendix(tmp_path, rows, extension=".xlsx", merges=MERGES):
    path = str(tmp_path / f"phu_luc{extension}")
    make.WRITERS[extension](path, rows, merges)
    return path


def imported(tmp_path, path):
    out = tmp_path / "ke_hoach.yaml"
    result = run("plan", "import", path, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    checked = run("check", str(out))
    assert checked.exit_code == 0, checked.stdout + checked.stderr
    return result, out.read_text(encoding="utf-8")


@pytest.mark.parametrize("extension", [".xlsx", ".xls", ".csv"])
def test_health_insurance_in_a_merged_group_is_imported_as_a_version_2_plan(tmp_path, extension):
    path = appendix(tmp_path, TITLE + HEADER + BODY, extension)
    result, text = imported(tmp_path, path)
    comment, plan = text.split("\n", 1)
    assert plan == PLAN
    assert "(dòng tổng số 9, các xã, phường ở dòng 10-11); số liệu và tỷ lệ đúng như trong tệp đó." in comment
    assert result.stderr == f"đã ghi {tmp_path / 'ke_hoach.yaml'}: 2 xã, phường; 2 loại hình; kế hoạch 12/KH-UBND năm 2026\n"


def test_an_appendix_of_health_insurance_alone(tmp_path):
    rows = [["KẾ HOẠCH PHÁT TRIỂN BHYT NĂM 2026"],
            ["(Kèm theo Kế hoạch số 7/KH-UBND ngày 10/01/2026 của UBND tỉnh Hà Nam Mới)"],
            ["Mã ĐVHC", "Tên xã, phường", "Dân số", "Chỉ tiêu BHYT", "Tỷ lệ bao phủ BHYT (%)"],
            ["", "Tổng số", "50.000", "47.600", "95,20"],
            ["90001", "Phường Hoà Bình", "20.000", "19.100", "95,50"],
            ["90002", "Xã Đông Hòa", "30.000", "28.500", "95,00"]]
    path = appendix(tmp_path, rows, ".csv", ())
    _, text = imported(tmp_path, path)
    assert text.split("\n", 1)[1] == (
        'version: 2\nplan:\n  number: "7/KH-UBND"\n  issuer: "UBND tỉnh Hà Nam Mới"\n  area: "Tỉnh Hà Nam Mới"\n'
        "  issued: 2026-01-10\n  year: 2026\nschemes:\n  health: {population: 50000, target: 47600, rate: 95.2}\n"
        'units:\n  - code: "90001"\n    name: "Phường Hoà Bình"\n    kind: "phường"\n    schemes:\n'
        '      health: {population: 20000, target: 19100, rate: 95.5}\n  - code: "90002"\n    name: "Xã Đông Hòa"\n'
        '    kind: "xã"\n    schemes:\n      health: {population: 30000, target: 28500, rate: 95.0}\n')


def test_health_columns_without_a_population_are_an_error_naming_them(tmp_path):
    header = [HEADER[0][:8], HEADER[1][:6] + ["Chỉ tiêu", "Tỷ lệ (%)"], HEADER[2][:8]]
    body = [row[:6] + row[7:] for row in BODY]
    path = appendix(tmp_path, TITLE + header + body, merges=MERGES[:4] + [(5, 6, 5, 7)])
    result = run("plan", "import", path)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{path}:Phụ lục: có cột 'Bảo hiểm y tế / Chỉ tiêu', 'Bảo hiểm y tế / Tỷ lệ (%)' của bảo hiểm y tế nhưng "
        'không có cột dân số nên không nhập được loại hình này; hãy thêm cột "Dân số" bên cạnh (missing-column)\n')


def test_a_schemes_column_the_plan_has_no_place_for_is_an_error(tmp_path):
    header = [HEADER[0] + [""], HEADER[1] + ["Số người thuộc diện tham gia"], HEADER[2] + ["(10)"]]
    body = [row + [99] for row in BODY]
    path = appendix(tmp_path, TITLE + header + body, merges=MERGES[:4] + [(5, 6, 5, 9)])
    result = run("plan", "import", path)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{path}:Phụ lục: cột 'Bảo hiểm y tế / Số người thuộc diện tham gia' của bảo hiểm y tế không có trong "
        "định dạng kế hoạch nên không nhập được; hãy bỏ cột đó khỏi phụ biểu (hoặc chép phụ biểu sang tệp khác "
        "không có cột này) (unread-column)\n")


def test_a_population_column_alone_is_no_scheme_and_the_plan_stays_version_1(tmp_path):
    header = [HEADER[0][:6] + ["Dân số"], HEADER[1][:6] + [""], HEADER[2][:7]]
    body = [row[:7] for row in BODY]
    path = appendix(tmp_path, TITLE + header + body, merges=MERGES[:4] + [(5, 6, 6, 6)])
    _, text = imported(tmp_path, path)
    assert "\nversion: 1\n" in text and "health" not in text


SIGNED = BODY + [[""] * 9, ["Ghi chú: số liệu minh họa"], [""] * 9,
                 ["", "", "", "", "", "", "", "KT. CHỦ TỊCH"], ["", "", "", "", "", "", "", "PHÓ CHỦ TỊCH"],
                 ["", "", "", "", "", "Hà Nam, ngày … tháng … năm 2026"], ["", "", "", "", "", "", "", "Nguyễn Văn A"]]


@pytest.mark.parametrize("extension", [".xlsx", ".xls", ".csv"])
def test_notes_a_signature_block_and_a_date_line_end_the_table(tmp_path, extension):
    path = appendix(tmp_path, TITLE + HEADER + SIGNED, extension)
    _, text = imported(tmp_path, path)
    assert text.split("\n", 1)[1] == PLAN


@pytest.mark.parametrize("closing", ["…, ngày … tháng … năm …", "TM. ỦY BAN NHÂN DÂN", "Nơi nhận:"])
def test_a_commune_below_the_closing_lines_is_an_error_not_dropped(tmp_path, closing):
    rows = TITLE + HEADER + BODY[:2] + [["", "", "", "", closing]] + BODY[2:]
    path = appendix(tmp_path, rows)
    result = run("plan", "import", path)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{path}:Phụ lục!B12: Mã ĐVHC: dòng này nằm dưới dòng 11, là phần ghi chú, chữ ký hoặc ngày tháng kết thúc "
        "bảng; hãy chuyển lên trên dòng 11, hoặc xóa đi (row-after-total)\n")
