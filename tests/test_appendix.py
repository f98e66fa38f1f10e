"""Tables as offices make them: post-2025 headers, appendix layouts (numbering row, totals at the top or the
bottom, group rows), names without codes, .xls workbooks, misnamed files, and `bhxh plan import`."""

import datetime as dt
import json
import os
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from typer.testing import CliRunner

from bhxh_cli.cli import app
from bhxh_cli.diagnostics import InputError
from bhxh_cli.tables.communes import read_communes
from bhxh_cli.tables.headers import header_key

HERE = os.path.dirname(__file__)
APPENDIX = os.path.join(HERE, "fixtures", "appendix")
sys.path.insert(0, APPENDIX)
import make  # noqa: E402  (tests/fixtures/appendix/make.py: the fixtures' layouts and writers)

FORMATS = [".xlsx", ".xls", ".csv"]
runner = CliRunner()
ALL = [f"{s}_{f}" for s in ("mandatory", "voluntary", "unemployment") for f in ("eligible", "enrolled", "target")]


def run(*args):
    return runner.invoke(app, list(args), catch_exceptions=False)


def fixture(name, extension):
    return os.path.join(APPENDIX, name + extension)


def written(tmp_path, rows, extension, merges=()):
    path = str(tmp_path / f"table{extension}")
    make.WRITERS[extension](path, rows, merges)
    return path


def problems(path, **kwargs):
    with pytest.raises(InputError) as caught:
        read_communes(path, **kwargs)
    return [d.text() for d in caught.value.diagnostics]


def place(path, extension, row, column_letter, header, key=""):
    """How a problem's place is named: FILE:SHEET!C7: HEADER in workbooks, FILE:ROW:HEADER in CSV (the header as
    the table writes it, with the merged group header above it; `key` only where a column has no header)."""
    if extension == ".csv":
        return f"{path}:{row}:{header}"
    return f"{path}:Phụ lục!{column_letter}{row}: {header or key}"


# -- headers -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("header, key", [
    ("Xã, phường", "name"), ("Tên xã, phường", "name"), ("Tên đơn vị (xã, phường)", "name"),
    ("Xã, phường, đặc khu", "name"), ("Đơn vị", "name"), ("Tên đơn vị hành chính", "name"),
    ("Mã đơn vị hành chính", "code"), ("Mã ĐVHC", "code"), ("Mã xã", "code"), ("STT", "index"),
    ("Huyện Triệu Sơn", "name"), ("Tỉnh Lai Châu", "name"), ("Tình trạng", "tinh_trang"),
    ("Tình trạng (đạt/chậm)", "tinh_trang_dat_cham"), ("Quản lý", "quan_ly"),
])
def test_post_2025_headers(header, key):
    assert header_key(header) == key


@pytest.mark.parametrize("header, group", [
    ("Thực hiện đến 30/6/2026", "BHXH bắt buộc"), ("Số người tham gia đến 30/6/2026", "BHXH bắt buộc"),
    ("Lũy kế", "BHXH bắt buộc"), ("Thực hiện", "Bảo hiểm xã hội bắt buộc"), ("Đã tham gia", "BHXH bắt buộc"),
    ("BHXH bắt buộc", "Thực hiện đến 30/6/2026"),
])
def test_progress_headers_are_enrolment(header, group):
    assert header_key(header, group) == "mandatory_enrolled"


@pytest.mark.parametrize("extension", FORMATS)
def test_report_date_from_the_header_names_only(extension):
    table = read_communes(fixture("quang_ninh_2026-06", extension), required=[f"{s}_enrolled" for s in make.SCHEMES])
    assert table.report_date == dt.date(2026, 6, 30)
    assert [row.code for row in table.rows] == [""] * 8  # names only: the code is "" (absent)
    assert table.rows[1].name == "PHƯỜNG BÃI CHÁY" and table.total_row == 14
    assert [r.row for r in table.rows] == list(range(6, 14))  # the "A B 1 2 3" row is skipped


@pytest.mark.parametrize("extension", FORMATS)
def test_two_dates_in_the_headers_are_an_error(tmp_path, extension, english):
    rows = [["STT", "Xã, phường", "BHXH bắt buộc thực hiện đến 30/6/2026", "BHTN thực hiện đến 31/5/2026"],
            [1, "Xã A", 5, 4]]
    path = written(tmp_path, rows, extension)
    where = place(path, extension, 1, "D", "BHTN thực hiện đến 31/5/2026")
    assert problems(path, required=["mandatory_enrolled"], optional=["unemployment_enrolled"]) == [
        f"{where}: the headers carry two dates, 30/06/2026 ('BHXH bắt buộc thực hiện đến 30/6/2026') and "
        f"31/05/2026 ('BHTN thực hiện đến 31/5/2026'); a report is of one date: correct the header (conflicting-dates)"]


def test_readme_lists_every_understood_header():
    from bhxh_cli.tables.headers import understood_headers

    with open(os.path.join(HERE, "..", "README.md"), encoding="utf-8") as handle:
        readme = handle.read()
    assert understood_headers() in readme, "run: python tests/test_appendix.py --update"


# -- appendix layouts ----------------------------------------------------------------------------------

@pytest.mark.parametrize("extension", FORMATS)
def test_province_appendix_total_on_top_groups_and_numbering(extension):
    table = read_communes(fixture("quang_ninh_2026", extension), required=[], optional=ALL)
    assert [r.name for r in table.rows][:2] == ["Phường Hạ Long", "Phường Bãi Cháy"]
    assert len(table.rows) == 8 and table.rows[0].row == 10 and table.total_row == 8
    assert table.total["mandatory_eligible"] == sum(r.counts["mandatory_eligible"] for r in table.rows)


@pytest.mark.parametrize("extension", FORMATS)
def test_total_at_the_bottom_then_notes(extension):
    table = read_communes(fixture("trieu_son_2020_communes", extension), required=["voluntary_eligible"])
    assert len(table.rows) == 34 and table.total_row == 39 and table.rows[-1].name == "Xã Bình Sơn"


def _province_rows():
    rows, merges = make.province_2026()
    return [list(r) for r in rows], merges


@pytest.mark.parametrize("extension", FORMATS)
def test_a_total_that_disagrees_is_an_error_with_both_numbers(tmp_path, extension, english):
    rows, merges = _province_rows()
    rows[7][3] = rows[7][3] + 10  # the TỔNG SỐ row's mandatory eligible, D8
    path = written(tmp_path, rows, extension, merges)
    where = place(path, extension, 8, "D", "Bảo hiểm xã hội bắt buộc / Số người thuộc diện tham gia",
                  "mandatory_eligible")
    assert problems(path, required=["mandatory_eligible"]) == [
        f"{where}: the total row says 60406, but the 8 "
        f"communes add up to 60396 (-10); correct the total or a commune's count (total-mismatch)"]
    result = run("allocate", "-c", path, "--scheme", "mandatory", "-p", os.path.join(HERE, "..", "data",
                                                                                     "plan_2020.yaml"))
    assert result.exit_code == 1 and "(total-mismatch)" in result.stderr


@pytest.mark.parametrize("extension", FORMATS)
def test_a_group_subtotal_that_disagrees_is_an_error(tmp_path, extension, english):
    rows, merges = _province_rows()
    rows[12][4] = rows[12][4] - 1  # the "II Xã" row's mandatory enrolled, E13
    path = written(tmp_path, rows, extension, merges)
    where = place(path, extension, 13, "E", "Bảo hiểm xã hội bắt buộc / Thực hiện năm 2025",
                  "mandatory_enrolled")
    assert problems(path, required=["mandatory_eligible", "mandatory_enrolled"]) == [
        f"{where}: the subtotal of the group 'Xã' says "
        f"23579, but its 3 communes add up to 23580 (+1); correct the subtotal or a commune's count "
        f"(subtotal-mismatch)"]


@pytest.mark.parametrize("label", ["Tổng cộng", "TONG CONG", "Cộng", "Tổng", "Toàn tỉnh", "toàn huyện", "Toàn xã"])
def test_total_names_any_case_with_or_without_marks(tmp_path, label):
    path = written(tmp_path, [["code", "name", "mandatory_eligible"], ["", label, 9], ["1", "Xã A", 4],
                              ["2", "Xã B", 5]], ".csv")
    table = read_communes(path, required=["mandatory_eligible"])
    assert [r.name for r in table.rows] == ["Xã A", "Xã B"] and table.total == {"mandatory_eligible": 9}


@pytest.mark.parametrize("rows", [
    [["I", "Phường"], ["1", "Phường X", 4], ["2", "Phường Y", 5], ["", "Cộng", 9], ["II", "Xã"], ["3", "Xã Z", 1],
     ["", "Cộng", 1], ["", "Tổng cộng", 10]],
    [["", "TỔNG SỐ", 10], ["I", "Phường", 9], ["1", "Phường X", 4], ["2", "Phường Y", 5], ["II", "Xã", 1],
     ["3", "Xã Z", 1], ["", "Tổng cộng", 10]],
    [["I", "Phường"], ["1", "Phường X", 4], ["2", "Phường Y", 5], ["II", "Xã"], ["3", "Xã Z", 1], ["", "Cộng", 10]],
], ids=["cong-under-each-group", "total-top-and-bottom", "one-cong-at-the-bottom"])
def test_group_subtotal_rows_and_totals(tmp_path, rows):
    path = written(tmp_path, [["STT", "name", "mandatory_eligible"]] + rows, ".csv")
    table = read_communes(path, required=["mandatory_eligible"])
    assert [r.name for r in table.rows] == ["Phường X", "Phường Y", "Xã Z"]
    wrong = [[cell + 1 if cell in (9, 10) else cell for cell in row] for row in rows]
    path = written(tmp_path, [["STT", "name", "mandatory_eligible"]] + wrong, ".csv")
    assert all("mismatch" in p for p in problems(path, required=["mandatory_eligible"]))


def test_a_commune_after_the_closing_total_is_an_error(tmp_path, english):
    path = written(tmp_path, [["code", "name", "mandatory_eligible"], ["1", "Xã A", 4], ["", "Tổng cộng", 4],
                              ["2", "Xã B", 5]], ".csv")
    assert problems(path, required=["mandatory_eligible"]) == [
        f"{path}:4:mandatory_eligible: this row comes after the total row, which closes the table; move it "
        f"above the total row, or delete it (row-after-total)"]


def test_numbering_row_is_skipped_but_a_commune_is_not(tmp_path):
    path = written(tmp_path, [["code", "name", "mandatory_eligible"], ["(1)", "(2)", "(3)"], ["01", "A", 500]],
                   ".csv")
    assert [(r.code, r.name) for r in read_communes(path, required=["mandatory_eligible"]).rows] == [("01", "A")]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(counts=st.lists(st.integers(3, 10**6), min_size=1, max_size=12), top=st.booleans(),
       label=st.sampled_from(["TỔNG SỐ", "tong so", "Tổng cộng", "CỘNG", "Toàn tỉnh", "Toàn huyện"]),
       off=st.integers(-3, 3))
def test_any_total_row_is_a_checksum(tmp_path, counts, top, label, off, english):
    communes = [[f"{10000 + i}", f"Xã {i}", n] for i, n in enumerate(counts)]
    total = ["", label, sum(counts) + off]
    rows = [["code", "name", "mandatory_eligible"]] + ([total] + communes if top else communes + [total])
    path = written(tmp_path, rows, ".csv")
    if off == 0:
        table = read_communes(path, required=["mandatory_eligible"])
        assert [r.counts["mandatory_eligible"] for r in table.rows] == counts  # no row dropped
    else:
        row = 2 if top else len(counts) + 2
        assert problems(path, required=["mandatory_eligible"]) == [
            f"{path}:{row}:mandatory_eligible: the total row says {sum(counts) + off}, but the {len(counts)} "
            f"communes add up to {sum(counts)} ({-off:+d}); correct the total or a commune's count (total-mismatch)"]


@pytest.mark.parametrize("rows, rule", [
    ([["code", "name", "mandatory_eligible", "mandatory_enrolled"], ["1", "Xã A", 4, 2], ["", "Tổng", 4, 2],
      ["2", "Xã B", 5, 1]], "row-after-total"),
    ([["code", "name", "mandatory_eligible", "mandatory_enrolled"], ["I", "Xã", 5, 1], ["1", "Xã A", 4, 2]],
     "subtotal-mismatch"),
    ([["code", "name", "mandatory_eligible", "BB đã tham gia đến 30/6/2026", "BHTN tham gia đến 31/5/2026"],
      ["1", "Xã A", 4, 2, 1]], "conflicting-dates"),
])
def test_layout_problems_exit_1_in_every_command(tmp_path, rows, rule):
    path = written(tmp_path, rows, ".csv")
    with pytest.raises(InputError) as caught:
        read_communes(path, required=["mandatory_eligible"], optional=["mandatory_enrolled", "unemployment_enrolled"])
    expected = "".join(d.text() + "\n" for d in caught.value.diagnostics)
    assert f"({rule})" in expected
    imported = run("plan", "import", path, "--number", "1/KH", "--year", "2026", "--area", "X")
    gap = run("gap", "--plan", os.path.join(HERE, "..", "data", "plan_2020_communes_example.yaml"), "-a", path)
    assert imported.exit_code == 1 and imported.stderr == expected
    assert gap.exit_code == 1 and f"({rule})" in gap.stderr  # gap reads the enrolled columns only


# -- names only ----------------------------------------------------------------------------------------

def test_names_only_duplicate_names_stay_an_error(tmp_path, english):
    path = written(tmp_path, [["Xã, phường", "mandatory_eligible"], ["Xã A", 4], ["XÃ A", 5]], ".csv")
    assert problems(path, required=["mandatory_eligible"]) == [
        f"{path}:3:Xã, phường: name 'XÃ A' is already used on row 2; names must be unique (duplicate-name)"]


def test_plan_without_codes_checks_duplicate_names(tmp_path, english):
    plan = tmp_path / "plan.yaml"
    plan.write_text("version: 1\nplan: {number: 1/KH, area: X, year: 2026}\nschemes:\n  mandatory: "
                    "{eligible: 10, enrolled: 5}\ncommunes:\n  - name: Xã A\n    mandatory: {eligible: 4, enrolled: 2}"
                    "\n  - name: xã a\n    mandatory: {eligible: 6, enrolled: 3}\n", encoding="utf-8")
    result = run("check", str(plan))
    assert result.exit_code == 1
    assert result.stdout == (f"{plan}:8:11: communes[1].name: name 'xã a' is already used by communes[0]; names "
                             f"must be unique, as they are all that tells communes without codes apart "
                             f"(duplicate-name)\n")


# -- other workbooks -------------------------------------------------------------------------------------

@pytest.mark.parametrize("source, name, message", [
    (".xlsx", "table.csv", "is an Excel workbook (.xlsx) although its name ends in .csv; rename it to .xlsx"),
    (".xls", "table.txt", "is an Excel 97-2003 workbook (.xls) although its name ends in .txt; rename it to .xls"),
    (".xlsx", "table.ods", "is an OpenDocument spreadsheet (.ods); bhxh reads .xlsx, .xls and CSV: open it in "
                           "LibreOffice and save it as .xlsx (Excel 2007-365)"),
])
def test_misnamed_workbooks(tmp_path, source, name, message, english):
    path = tmp_path / name
    path.write_bytes(open(fixture("trieu_son_2020_communes", source), "rb").read())
    result = run("allocate", "-c", str(path))
    assert result.exit_code == 1
    rule = "unsupported-format" if name.endswith(".ods") else "misnamed-file"
    assert result.stderr == f"{path}: {message} ({rule})\n"


@pytest.mark.parametrize("command", [["rates"], ["check"], ["gap", "--plan"], ["allocate", "-c",
                                     os.path.join(HERE, "..", "data", "communes_2020_example.csv"), "--plan"]])
def test_a_workbook_given_as_plan(tmp_path, command, english):
    path = fixture("quang_ninh_2026", ".xlsx")
    result = run(*command, path)
    assert result.exit_code == 1
    expected = (f"{path}: is an Excel workbook (.xlsx), not a plan file; make a plan from it with "
                f"`bhxh plan import {path} -o plan.yaml` (workbook-not-plan)\n")
    assert (result.stdout if command == ["check"] else result.stderr).startswith(expected)


def test_a_workbook_named_yaml_given_as_plan(tmp_path, english):
    path = tmp_path / "plan.yaml"
    path.write_bytes(open(fixture("quang_ninh_2026", ".xls"), "rb").read())
    result = run("rates", str(path))
    assert result.exit_code == 1 and result.stderr == (
        f"{path}: is an Excel 97-2003 workbook (.xls), not a plan file; rename it to .xls and make a plan from "
        f"it with `bhxh plan import FILE.xls -o plan.yaml` (workbook-not-plan)\n")


# -- plan import ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("extension", FORMATS)
def test_plan_import_province(tmp_path, extension, english):
    out = tmp_path / "plan.yaml"
    result = run("plan", "import", fixture("quang_ninh_2026", extension), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"wrote {out}: 8 communes and wards; 3 schemes; plan 45/KH-UBND of 2026\n"
    text = out.read_text(encoding="utf-8")
    assert "  number: \"45/KH-UBND\"\n  issuer: \"UBND tỉnh Quảng Ninh\"\n  area: \"Tỉnh Quảng Ninh\"\n" \
           "  issued: 2026-01-20\n  year: 2026\n" in text
    assert "  mandatory: {eligible: 60396, enrolled: 59568, baseline: 58864, rate: 98.6}\n" in text
    assert f"quang_ninh_2026{extension} (total row 8, communes and wards on rows 10-19)" in text.splitlines()[0]
    assert run("check", str(out)).exit_code == 0
    again = run("plan", "import", fixture("quang_ninh_2026", extension), "-o", str(out))
    assert again.exit_code == 2 and "already exists; pass --force" in again.stderr


@pytest.mark.parametrize("extension", FORMATS)
def test_plan_import_seed_district_asks_for_the_number(tmp_path, extension, english):
    path = fixture("trieu_son_2020_district", extension)
    result = run("plan", "import", path)
    assert result.exit_code == 2
    assert result.stderr == (f"bhxh: {path}: the appendix's title does not give the plan's number; give it with "
                             f"--number 45/KH-UBND\n")
    result = run("plan", "import", path, "--number", "519/KH-UBND", "--date", "15/03/2020")
    assert result.exit_code == 0
    assert "schemes:\n  mandatory: {eligible: 15890, enrolled: 15530, rate: 97.7}\n" in result.stdout
    assert "  area: \"Huyện Triệu Sơn\"\n  issued: 2020-03-15\n  year: 2020\n" in result.stdout


def test_plan_import_asks_for_all_that_is_missing(tmp_path, english):
    path = written(tmp_path, [["code", "name", "mandatory_eligible", "mandatory_enrolled"], ["1", "Xã A", 9, 8]],
                   ".csv")
    result = run("plan", "import", path)
    assert result.exit_code == 2 and result.stderr == (
        f"bhxh: {path}: the appendix's title does not give the plan's number, the year of the targets, the area; "
        f"give them with --number 45/KH-UBND --year 2026 --area 'Tỉnh Lai Châu'\n")
    done = run("plan", "import", path, "--number", "1/KH", "--year", "2026", "--area", "Xã A")
    assert done.exit_code == 0 and "communes:" not in done.stdout  # the only data row is the totals


def test_plan_import_two_years_in_the_title_asks_for_the_year(tmp_path, english):
    rows = [["KẾ HOẠCH NĂM 2026"], ["(trên cơ sở kết quả năm 2025)"], ["Kèm theo Kế hoạch số 7/KH-UBND"],
            ["code", "name", "mandatory_eligible", "mandatory_enrolled"], ["", "TỔNG SỐ", 9, 8]]
    path = written(tmp_path, rows, ".csv")
    result = run("plan", "import", path, "--area", "X")
    assert result.exit_code == 2 and result.stderr == (
        f"bhxh: {path}: the appendix's title does not give the year of the targets; give it with --year 2026\n")
    assert run("plan", "import", path, "--area", "X", "--year", "2026").exit_code == 0


def test_plan_import_option_that_disagrees_with_the_title(english):
    path = fixture("quang_ninh_2026", ".csv")
    result = run("plan", "import", path, "--year", "2025")
    assert result.exit_code == 2 and result.stderr == (
        "bhxh: --year 2025: the appendix says 2026 ('PHỤ LỤC: GIAO CHỈ TIÊU PHÁT TRIỂN ĐỐI TƯỢNG THAM GIA BẢO "
        "HIỂM XÃ HỘI NĂM 2026'); drop --year, or correct the appendix\n")


def test_plan_import_printed_rate_that_disagrees(tmp_path, english):
    rows, merges = _province_rows()
    rows[9][6] = "97,9"  # Phường Hạ Long's mandatory rate, G10: 3918/4011 = 97.681%
    path = written(tmp_path, rows, ".xlsx", merges)
    result = run("plan", "import", path)
    assert result.exit_code == 1 and result.stderr == (
        f"{path}:Phụ lục!G10: Bảo hiểm xã hội bắt buộc / Tỷ lệ tham gia (%): the printed rate 97,9 does not agree with 3918/4011 = 97.681%; "
        f"correct the rate or the counts (rate-mismatch)\n")


def test_plan_import_never_over_its_input(tmp_path, english):
    path = tmp_path / "appendix.yaml"  # a CSV text, whatever its name
    path.write_bytes(open(fixture("quang_ninh_2026", ".csv"), "rb").read())
    result = run("plan", "import", str(path), "-o", str(path), "--force")
    assert result.exit_code == 2 and result.stderr == (
        f"bhxh: {path}: is an input of this command; write the output to another file\n")
    assert run("plan", "import", str(path), "-o", str(tmp_path / "x.csv")).stderr == (
        f"bhxh: {tmp_path / 'x.csv'}: a plan is written as YAML; name the output .yaml or .yml\n")


@pytest.mark.parametrize("extension", FORMATS)
def test_group_marks_in_the_code_column_or_the_name(tmp_path, extension):
    rows = [["Mã", "Tên xã, phường", "BB thuộc diện"], ["A", "Khối phường", 9], ["22015", "Phường X", 4],
            ["22018", "Phường Y", 5], ["", "B. Xã", ""], ["22024", "Xã Z", 1], ["", "Toàn tỉnh", 10]]
    table = read_communes(written(tmp_path, rows, extension), required=["mandatory_eligible"])
    assert [r.name for r in table.rows] == ["Phường X", "Phường Y", "Xã Z"] and table.total_row == 7


def test_xls_sheet_option(tmp_path, english):
    path = fixture("trieu_son_2020_communes", ".xls")
    assert read_communes(path, required=["mandatory_eligible"], sheet="Phụ lục").rows[0].code == "15664"
    result = run("allocate", "-c", path, "--sheet", "Data")
    assert result.exit_code == 2 and result.stderr == f"bhxh: --sheet Data: {path} has no such sheet; it has Phụ lục\n"


@pytest.mark.parametrize("extension", [".xls", ".csv"])
def test_plan_import_names_only_writes_communes_without_code(tmp_path, extension):
    rows = [["Kèm theo Kế hoạch số 7/KH-UBND ngày 02/02/2026 của UBND xã Tân Phong"], ["CHỈ TIÊU NĂM 2026"],
            ["STT", "Tên đơn vị hành chính", "Số người thuộc diện tham gia BHXH bắt buộc",
             "Số người tham gia BHXH bắt buộc"],
            ["", "Toàn xã", 30, 20], [1, "Thôn 1", 10, 8], [2, "Thôn 2", 20, 12]]
    out = tmp_path / "plan.yaml"
    result = run("plan", "import", written(tmp_path, rows, extension), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "  area: \"Xã Tân Phong\"\n  issued: 2026-02-02\n  year: 2026\n" in text
    assert "communes:\n  - name: \"Thôn 1\"\n    mandatory: {eligible: 10, enrolled: 8}\n" in text
    assert "code" not in text and run("check", str(out)).exit_code == 0


# -- the round trip ----------------------------------------------------------------------------------------

def test_appendix_to_plan_to_targets_workbook_to_gap_same_as_csv(tmp_path):
    """appendix.xlsx → plan import → check → allocate → workbook with June figures typed in → gap, against the
    CSV route: the same numbers."""
    results = {}
    june = read_communes(fixture("quang_ninh_2026-06", ".csv"), required=[f"{s}_enrolled" for s in make.SCHEMES])
    typed = {row.name.casefold(): row.counts for row in june.rows}
    for extension in (".xlsx", ".csv"):
        folder = tmp_path / extension[1:]
        folder.mkdir()
        appendix = fixture("quang_ninh_2026", extension)
        plan, split = folder / "plan.yaml", folder / "split.yaml"
        assert run("plan", "import", appendix, "-o", str(plan)).exit_code == 0
        assert run("check", str(plan)).exit_code == 0
        common = ["allocate", "-c", appendix, "-p", str(plan), "--force", "--floor", "enrolled"]
        assert run(*common, "-o", str(split)).exit_code == 0
        if extension == ".xlsx":
            book_path = folder / "chi_tieu.xlsx"
            assert run(*common, "-o", str(book_path)).exit_code == 0
            book = load_workbook(book_path)
            ws = book.active
            for row in range(8, 16):  # the communes type their June enrolment over "Đang tham gia"
                counts = typed[ws.cell(row, 3).value.casefold()]
                for column, scheme in ((5, "mandatory"), (9, "voluntary"), (13, "unemployment")):
                    ws.cell(row, column).value = counts[f"{scheme}_enrolled"]
            book.save(book_path)
            actual = str(book_path)
        else:
            actual = fixture("quang_ninh_2026-06", ".csv")
        result = run("gap", "-p", str(split), "-a", actual, "--as-of", "2026-06-30", "-f", "json")
        assert result.exit_code == 0, result.stderr
        results[extension] = json.loads(result.stdout)
    assert results[".xlsx"] == results[".csv"]
    assert len(results[".csv"]["rows"]) == 24


if __name__ == "__main__" and "--update" in sys.argv:
    sys.path.insert(0, os.path.join(HERE, "..", "src"))
    from bhxh_cli.tables.headers import understood_headers

    readme_path = os.path.join(HERE, "..", "README.md")
    with open(readme_path, encoding="utf-8") as handle:
        readme = handle.read()
    start, end = "<!-- headers:start -->\n", "<!-- headers:end -->"
    before, rest = readme.split(start)
    after = rest.split(end, 1)[1]
    with open(readme_path, "w", encoding="utf-8") as handle:
        handle.write(before + start + understood_headers() + end + after)
    print("README.md updated")
