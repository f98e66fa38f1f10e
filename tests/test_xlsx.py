"""Excel workbooks in and out: the same reader and messages as CSV, places named as Excel names them,
and written workbooks laid out like the plan's appendix."""

import csv
import json
import os

import pytest
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from bhxh_cli.cli import app
from bhxh_cli.diagnostics import InputError, UsageError
from bhxh_cli.tables.communes import read_communes

HERE = os.path.dirname(__file__)
DATA = os.path.join(HERE, "..", "data")
EXAMPLE = os.path.join(DATA, "communes_2020_example.csv")
PLAN_COMMUNES = os.path.join(DATA, "plan_2020_communes_example.yaml")
runner = CliRunner()


def run(*args):
    return runner.invoke(app, list(args), catch_exceptions=False)


def workbook(tmp_path, rows, name="communes.xlsx", sheet="Sheet1", extra_sheets=()):
    book = Workbook()
    ws = book.active
    ws.title = sheet
    for row in rows:
        ws.append(list(row))
    for title in extra_sheets:
        book.create_sheet(title)
    path = tmp_path / name
    book.save(path)
    return str(path)


def problems(path, **kwargs):
    with pytest.raises(InputError) as caught:
        read_communes(path, **kwargs)
    return [d.text() for d in caught.value.diagnostics]


# -- reading -----------------------------------------------------------------------------------------

def test_title_block_numbers_as_numbers_or_text(tmp_path):
    path = workbook(tmp_path, [
        ["PHỤ BIỂU: GIAO CHỈ TIÊU PHÁT TRIỂN ĐỐI TƯỢNG THAM GIA BHXH NĂM 2020"],
        ["(Kèm theo Kế hoạch số 519/KH-UBND)"],
        [],
        ["STT", "Mã", "Tên xã", "Số người thuộc diện tham gia BHXH bắt buộc", "Số người tham gia BHXH bắt buộc"],
        [1, 15664, "Thị trấn Triệu Sơn", 1200, "1.100"],
        [2, "15667", "Xã Thọ Sơn", 800.0, 700],
    ])
    table = read_communes(path, required=["mandatory_eligible"], optional=["mandatory_enrolled"])
    assert [(r.row, r.code, r.name, r.counts["mandatory_eligible"], r.counts["mandatory_enrolled"])
            for r in table.rows] == [(5, "15664", "Thị trấn Triệu Sơn", 1200, 1100), (6, "15667", "Xã Thọ Sơn", 800, 700)]


def test_errors_name_the_cell_as_excel_does(tmp_path, english):
    path = workbook(tmp_path, [["code", "name", "mandatory_eligible"], ["1", "A", 15.89], ["2", "B", -3],
                               ["3", "C", None], ["1", "D", 5]], sheet="Xã")
    assert problems(path, required=["mandatory_eligible"]) == [
        f"{path}:Xã!C2: mandatory_eligible: '15.89' is not a whole number: this number cell has a fractional part; "
        f"a count of people is a whole number, e.g. 15890 or 15,890 (not-a-count)",
        f"{path}:Xã!C3: mandatory_eligible: '-3' is negative; counts are whole numbers, 0 or more (not-a-count)",
        f"{path}:Xã!C4: mandatory_eligible: is empty; write people eligible for mandatory insurance (0 if there "
        f"are none) (missing-value)",
        f"{path}:Xã!A5: code: code '1' is already used on row 2; codes must be unique (duplicate-code)",
    ]


def test_missing_column_names_the_header_row(tmp_path, english):
    path = workbook(tmp_path, [["Title"], ["code", "name", "kind"], ["1", "A", "x"]])
    assert problems(path, required=["mandatory_eligible"]) == [
        f"{path}:Sheet1!2: missing column 'mandatory_eligible' (people eligible for mandatory insurance); the "
        f"header row has: code, name, kind (missing-column)"]


def test_formulas_are_read_by_their_cached_value(tmp_path):
    # openpyxl writes formulas without cached values; write the cached value into the XML as Excel does.
    path = workbook(tmp_path, [["code", "name", "mandatory_eligible"], ["1", "A", "=2*3"]])
    _with_cached_value(path, "C2", "6")
    table = read_communes(path, required=["mandatory_eligible"])
    assert table.rows[0].counts["mandatory_eligible"] == 6


def test_formula_without_cached_value_says_to_save_in_excel(tmp_path, english):
    path = workbook(tmp_path, [["code", "name", "mandatory_eligible"], ["1", "A", "=2*3"]])
    assert problems(path, required=["mandatory_eligible"]) == [
        f"{path}:Sheet1!C2: mandatory_eligible: is a formula with no saved value; open the file in Excel and "
        f"save it, so that its values are stored (formula-without-value)"]


def test_a_formula_without_saved_value_in_a_code_or_name_cell_is_said_so_not_called_empty(tmp_path):
    path = workbook(tmp_path, [["code", "name", "mandatory_eligible"], ["1", '=CONCAT("Xã ","A")', "5"],
                               ["=1+1", "Xã B", "7"], ["3", "", "9"]])
    saved = ("là công thức chưa có giá trị được lưu; hãy mở tệp bằng Excel rồi lưu lại để giá trị được ghi vào "
             "tệp (formula-without-value)")
    assert problems(path, required=["mandatory_eligible"]) == [
        f"{path}:Sheet1!B2: name: {saved}", f"{path}:Sheet1!A3: code: {saved}",
        f"{path}:Sheet1!B4: name: đang để trống; mỗi xã cần có tên (missing-value)"]


def _with_cached_value(path, ref, value):
    import re
    import shutil
    import zipfile

    temporary = path + ".tmp"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(temporary, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rf'(<c r="{ref}"[^>]*>)<f>([^<]*)</f><v\s*(/>|></v>)'.encode(),
                              rf"\1<f>\2</f><v>{value}</v>".encode(), data)
                data = re.sub(rf'(<c r="{ref}"[^>]*>)<f>([^<]*)</f>(?!<v>)'.encode(),
                              rf"\1<f>\2</f><v>{value}</v>".encode(), data)
            target.writestr(item, data)
    shutil.move(temporary, path)


def test_sheet_option(tmp_path, english):
    book = Workbook()
    book.active.title = "Notes"
    book.active.append(["nothing here"])
    data = book.create_sheet("Data")
    data.append(["code", "name", "mandatory_eligible"])
    data.append(["15664", "Thị trấn Triệu Sơn", 15890])  # a commune of the bundled plan's area
    path = str(tmp_path / "two.xlsx")
    book.save(path)
    assert read_communes(path, required=["mandatory_eligible"], sheet="Data").rows[0].counts == {
        "mandatory_eligible": 15890}
    with pytest.raises(UsageError, match="has no such sheet; it has Notes, Data"):
        read_communes(path, required=["mandatory_eligible"], sheet="Nope")
    result = run("allocate", "-c", path, "--sheet", "Data", "-s", "mandatory", "-f", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)["allocations"][0]["target"] == 15530
    assert run("allocate", "-c", EXAMPLE, "--sheet", "Data").exit_code == 2  # --sheet is for workbooks


def test_not_a_workbook(tmp_path, english):
    path = tmp_path / "fake.xlsx"
    path.write_text("code,name\n", encoding="utf-8")
    result = run("allocate", "-c", str(path))
    assert result.exit_code == 1
    assert "cannot be read as an Excel workbook (.xlsx)" in result.stderr


# -- writing -----------------------------------------------------------------------------------------

def open_written(path):
    book = load_workbook(path)
    return book.active


def formulas(ws):
    return [c.coordinate for row in ws.iter_rows() for c in row if c.data_type == "f"]


def test_allocate_workbook_layout(tmp_path):
    out = tmp_path / "t.xlsx"
    result = run("allocate", "-c", EXAMPLE, "-o", str(out))
    assert result.exit_code == 0
    ws = open_written(out)
    merged = sorted(str(r) for r in ws.merged_cells.ranges)
    assert merged == sorted(["A1:O1", "A2:O2", "A3:O3", "A5:A6", "B5:B6", "C5:C6", "D5:G5", "H5:K5", "L5:O5"])
    assert [ws["D5"].value, ws["H5"].value, ws["L5"].value] == [
        "Bảo hiểm xã hội bắt buộc", "Bảo hiểm xã hội tự nguyện", "Bảo hiểm thất nghiệp"]
    assert [ws.cell(6, c).value for c in range(4, 8)] == ["Thuộc diện tham gia", "Đang tham gia", "Chỉ tiêu giao",
                                                         "Tỷ lệ chỉ tiêu (%)"]
    first = [ws.cell(8, c).value for c in range(1, 8)]
    assert first == [1, "15664", "Thị trấn Triệu Sơn", 970, 872, 937, 96.6]  # kept at or above 872 enrolled
    assert ws["D8"].number_format == "#,##0" and ws["G8"].number_format == "0.0"
    total = [ws.cell(42, c).value for c in range(3, 16)]
    # "Đang tham gia" has no total: communes type over it, and a total row read back is a checksum
    assert total == ["TỔNG SỐ", 15890, None, 15530, 97.7, 71313, None, 1930, 2.7, 14360, None, 13640, 95.0]
    assert all(ws.cell(42, c).font.b for c in range(3, 16))
    assert ws.freeze_panes == "D8"
    assert ws.column_dimensions["C"].width >= len("Thị trấn Triệu Sơn")
    assert formulas(ws) == []


def test_english_headers(tmp_path):
    out = tmp_path / "t.xlsx"
    assert run("allocate", "-c", EXAMPLE, "-o", str(out), "--lang", "en").exit_code == 0
    ws = open_written(out)
    assert ws["D5"].value == "Mandatory social insurance" and ws["D6"].value == "Eligible"
    assert ws["C42"].value == "TOTAL"


def test_text_cells_never_become_formulas(tmp_path):
    communes = tmp_path / "c.csv"
    communes.write_text('code,name,mandatory_eligible\n1,=HYPERLINK("http://x"),15000\n2,+A1,800\n3,@SUM(A1),90\n'
                        "4,-2+3,0\n", encoding="utf-8")
    out = tmp_path / "t.xlsx"
    plan = tmp_path / "plan.yaml"  # the communes are made up: not the bundled plan's area
    plan.write_text("version: 1\nplan: {number: 7/KH, area: Huyện Mẫu, year: 2020}\n"
                    "schemes: {mandatory: {eligible: 15890, enrolled: 15530}}\n", encoding="utf-8")
    assert run("allocate", "-c", str(communes), "-p", str(plan), "-s", "mandatory", "-o", str(out)).exit_code == 0
    ws = open_written(out)
    assert [ws.cell(r, 3).value for r in range(8, 12)] == ['=HYPERLINK("http://x")', "+A1", "@SUM(A1)", "-2+3"]
    assert formulas(ws) == []


def test_rates_workbook_is_the_appendix(tmp_path):
    out = tmp_path / "r.xlsx"
    assert run("rates", "-o", str(out)).exit_code == 0
    ws = open_written(out)
    # a plan without communes: its own row named by its area, no STT or code column, no lone total row
    assert [ws.cell(8, c).value for c in range(1, 11)] == [
        "Huyện Triệu Sơn, tỉnh Thanh Hóa", 15890, 15530, 97.7, 71313, 1930, 2.7, 14360, 13640, 95.0]
    assert ws.cell(9, 1).value is None and not ws.cell(8, 2).font.b
    assert sorted(str(r) for r in ws.merged_cells.ranges)[-4:] == ["A5:A6", "B5:D5", "E5:G5", "H5:J5"]
    assert formulas(ws) == []
    assert run("rates", "-o", str(out)).exit_code == 2  # exists: needs --force
    assert run("rates", "-o", str(out), "--force", "--by", "commune").exit_code == 1  # no communes


def test_gap_workbook_marks_status_cells(tmp_path):
    out = tmp_path / "g.xlsx"
    result = run("gap", "-p", PLAN_COMMUNES, "-a", os.path.join(DATA, "report_2020-06_example.csv"),
                 "--as-of", "2020-06-30", "-o", str(out))
    assert result.exit_code == 0
    ws = open_written(out)
    headers = [ws.cell(6, c).value for c in range(4, 10)]
    assert headers == ["Chỉ tiêu giao", "Đã tham gia", "Còn thiếu", "Đạt % chỉ tiêu", "Số người cần đạt theo tiến độ", "Tình trạng"]
    statuses = {ws.cell(r, 9).value: ws.cell(r, 9).fill.fgColor.rgb for r in range(8, 42)}
    assert statuses == {"đạt": "FFC6EFCE", "đúng tiến độ": "FFDDEBF7", "chậm tiến độ": "FFFFC7CE"}
    assert ws["F8"].number_format == '#,##0;"vượt "#,##0;0'
    assert formulas(ws) == []


# -- the round trip ----------------------------------------------------------------------------------

def test_allocate_workbook_edited_with_actuals_gives_the_same_gap_as_csv(tmp_path):
    plan = tmp_path / "plan.yaml"
    assert run("allocate", "-c", EXAMPLE, "--floor", "enrolled", "-o", str(plan)).exit_code == 0
    book_path = tmp_path / "targets.xlsx"
    assert run("allocate", "-c", EXAMPLE, "--floor", "enrolled", "-o", str(book_path)).exit_code == 0
    # a commune officer types the enrolment reported in June over "Đang tham gia"
    with open(os.path.join(DATA, "report_2020-06_example.csv"), encoding="utf-8") as handle:
        actual = {row["code"]: row for row in csv.DictReader(handle)}
    book = load_workbook(book_path)
    ws = book.active
    for row in range(8, 42):
        code = ws.cell(row, 2).value
        for column, scheme in ((5, "mandatory"), (9, "voluntary"), (13, "unemployment")):
            ws.cell(row, column).value = int(actual[code][f"{scheme}_enrolled"])
    book.save(book_path)
    args = ["gap", "-p", str(plan), "--as-of", "2020-06-30", "-f", "json"]
    from_csv = run(*args, "-a", os.path.join(DATA, "report_2020-06_example.csv"))
    from_xlsx = run(*args, "-a", str(book_path))
    assert from_csv.exit_code == from_xlsx.exit_code == 0
    assert json.loads(from_xlsx.stdout) == json.loads(from_csv.stdout)


def test_ministry_style_workbook_gives_the_same_targets_as_the_csv():
    from_csv = run("allocate", "-c", EXAMPLE, "-f", "json")
    from_xlsx = run("allocate", "-c", os.path.join(DATA, "communes_2020_example.xlsx"), "-f", "json")
    assert from_csv.exit_code == from_xlsx.exit_code == 0
    assert json.loads(from_xlsx.stdout) == json.loads(from_csv.stdout)


@pytest.mark.parametrize("command,groups,first_row,total_row", [
    (["rates", PLAN_COMMUNES, "--by", "commune"], ["D5:F5", "G5:I5", "J5:L5"], 8, 42),
    (["allocate", "-c", EXAMPLE], ["D5:G5", "H5:K5", "L5:O5"], 8, 42),
    (["gap", "-p", PLAN_COMMUNES, "-a", os.path.join(DATA, "report_2020-06_example.csv"), "--as-of", "2020-06-30"],
     ["D5:I5", "J5:O5", "P5:U5"], 8, 42),
])
def test_every_written_workbook(tmp_path, command, groups, first_row, total_row):
    out = tmp_path / "book.xlsx"
    result = run(*command, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    ws = open_written(out)
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert set(groups) <= merged and {"A5:A6", "B5:B6", "C5:C6"} <= merged
    assert ws.freeze_panes == f"D{first_row}"
    assert ws.cell(total_row, 3).value == "TỔNG SỐ" and ws.cell(total_row, 4).font.b
    assert ws.cell(total_row + 1, 3).value is None  # the total row is the last row of the table
    count_cell = ws.cell(first_row, 4)
    assert isinstance(count_cell.value, int) and count_cell.number_format == "#,##0"
    percents = [c for c in ws[first_row] if isinstance(c.value, float)]
    assert percents and all(c.number_format == "0.0" for c in percents)
    assert formulas(ws) == []


def test_workbooks_that_unpack_too_large_are_refused(tmp_path, monkeypatch, english):
    from bhxh_cli.tables import xlsx

    path = workbook(tmp_path, [["code", "name", "mandatory_eligible"], ["1", "A", 5]])
    monkeypatch.setattr(xlsx, "MAX_UNPACKED", 1000)
    message = problems(path, required=["mandatory_eligible"])[0]
    assert "workbooks over" in message and message.endswith("(file-too-large)")
