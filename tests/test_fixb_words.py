"""Words a tester found wrong: months named in the language of the columns, a singular for one unit, units
named by their kinds (xã, phường, đặc khu) and their era, what allocate split each scheme by, health insurance's
coverage to two decimals in `trend`, and the charts a version 2 progress workbook now has (the drafted report
says they are there)."""

from __future__ import annotations

import os

import openpyxl
import pytest
from docx import Document
from typer.testing import CliRunner

from bhxh_cli import i18n
from bhxh_cli.cli import app

HERE = os.path.dirname(__file__)
FIXB = os.path.join(HERE, "fixtures", "fixb")
PLAN = os.path.join(FIXB, "plan_2026_groups.yaml")  # 01 phường, 02 xã, 03 đặc khu; 04 xã, 05 phường
REPORT = os.path.join(FIXB, "bao_cao_2026-06.csv")
SERIES = os.path.join(FIXB, "series")  # April to June 2026: 03's mandatory and 04's health went down in May
GAP = ["gap", "-p", PLAN, "-a", REPORT, "--as-of", "30/06/2026"]
V1_2026 = ["gap", "-p", os.path.join(HERE, "fixtures", "reports", "plan_2026_partial.yaml"),
           "-a", os.path.join(HERE, "fixtures", "reports", "report_2026-06_partial.csv"), "--as-of", "30/06/2026"]
ENGLISH = {"BHXH_LANG": "en"}


def run(*args, env=None):
    return CliRunner().invoke(app, list(args), env=env, catch_exceptions=False)


# -- trend ---------------------------------------------------------------------------------------------

def test_the_months_down_are_named_as_the_month_columns_in_english(tmp_path):
    result = run("trend", "-p", PLAN, "--reports", SERIES, "-s", "bb", env=ENGLISH)
    assert result.exit_code == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if "Cô Tô" in line)
    assert line == " 03     Đặc khu Cô Tô      91.6%   ▼ 90.2%   91.0%   +0.8 pp   May         "
    out = tmp_path / "trend.xlsx"
    assert run("trend", "-p", PLAN, "--reports", SERIES, "-s", "bb", "-o", str(out), env=ENGLISH).exit_code == 0
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert next(r for r in rows if r[1] is None and r[3] is not None)[3:6] == ("Apr", "May", "Jun")
    assert next(r for r in rows if r[1] == "03")[-1] == "May"


def test_the_months_down_stay_t5_in_vietnamese():
    result = run("trend", "-p", PLAN, "--reports", SERIES, "-s", "bb")
    assert next(line for line in result.stdout.splitlines() if "Cô Tô" in line).rstrip().endswith("T5")


def test_health_coverage_by_month_has_two_decimals_as_rates_and_gap_print_it(tmp_path):
    result = run("trend", "-p", PLAN, "--reports", SERIES, "-s", "bhyt", env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    # 13,200 of a population of 15,000 in May: 88.00%; 14,000 in June: 93.33%, a change of +5,33 points
    assert next(line for line in lines if "Nậm Tăm" in line) == (
        " 04   Xã Nậm Tăm         93,00%   ▼ 88,00%   93,33%   +5,33 điểm %   T5         ")
    assert lines[-2:] == ["Tỷ lệ = số tham gia / dân số của kế hoạch × 100, làm tròn 2 chữ số thập phân; ▼ ",
                          "đánh dấu tháng số tham gia giảm so với tháng trước."]
    csv = run("trend", "-p", PLAN, "--reports", SERIES, "-s", "bhyt", "-f", "csv").stdout.splitlines()
    assert [line.split(",")[5] for line in csv[1:4]] == ["93.50", "94.07", "94.50"]
    out = tmp_path / "trend.xlsx"
    assert run("trend", "-p", PLAN, "--reports", SERIES, "-s", "bhyt", "-o", str(out)).exit_code == 0
    sheet = openpyxl.load_workbook(out).active
    cells = next(row for row in sheet.iter_rows() if row[1].value == "04")[3:6]
    assert [(c.value, c.number_format) for c in cells] == [(93, "0.00"), (88, "0.00"), (93.33, "0.00")]
    # a scheme of eligible people keeps one decimal
    csv = run("trend", "-p", PLAN, "--reports", SERIES, "-s", "bb", "-f", "csv").stdout.splitlines()
    assert [line.split(",")[5] for line in csv[1:4]] == ["92.5", "93.3", "94.0"]


# -- units named by their kinds --------------------------------------------------------------------------

def test_laggards_are_named_by_their_kinds():
    result = run(*GAP, "-s", "bb", "--laggards", "2", "-f", "markdown")
    assert result.exit_code == 0, result.stderr
    titles = [line[4:] for line in result.stdout.splitlines() if line.startswith("### ")]
    # by share: 03 (đặc khu, 94.8%), 02 (xã, 95.3%); by people still needed: 04 (xã, 60), 02 (xã, 45)
    assert titles == ["BHXH bắt buộc: 2 xã, đặc khu đạt tỷ lệ thấp nhất so với chỉ tiêu, đến 30/06/2026",
                      "BHXH bắt buộc: 2 xã còn thiếu nhiều người nhất, đến 30/06/2026"]


def test_laggards_are_named_by_their_kinds_in_english_one_or_more():
    result = run(*GAP, "-s", "bb", "--laggards", "1", "-f", "markdown", env=ENGLISH)
    titles = [line for line in result.stdout.splitlines() if line.startswith("### ")]
    assert titles == ["### Mandatory social insurance: the 1 special zone furthest behind in % of target, on 30/06/2026",
                      "### Mandatory social insurance: the 1 commune with the most people still needed, on "
                      "30/06/2026"]
    result = run(*GAP, "-s", "bb", "--laggards", "2", "-f", "markdown", env=ENGLISH)
    assert [line for line in result.stdout.splitlines() if line.startswith("### ")][0] == (
        "### Mandatory social insurance: the 2 communes and special zones furthest behind in % of target, on "
        "30/06/2026")


def test_laggards_of_a_version_1_plan_are_named_as_its_era_names_them():
    result = run(*V1_2026, "--laggards", "2", "-f", "markdown")
    assert [line for line in result.stdout.splitlines() if line.startswith("### ")][0] == (
        "### BHXH bắt buộc: 2 xã, phường đạt tỷ lệ thấp nhất so với chỉ tiêu, đến 30/06/2026")


@pytest.mark.parametrize(("kinds", "year", "lang", "count", "words"), [
    (["xã", "đặc khu", "xã"], 2026, "vi", 3, "xã, đặc khu"),
    (["đặc khu", "phường", "xã"], 2026, "vi", 3, "xã, phường, đặc khu"),  # in the kinds' own order
    (["đặc khu", "phường", "xã"], 2026, "en", 3, "communes, wards and special zones"),
    (["thị trấn"], 2020, "en", 1, "township"),
    (["nhóm", "cụm"], 2026, "en", 2, "groups and cụms"),  # an author's own word as written
    ([None], 2026, "vi", 2, "xã, phường"),
    ([None], 2026, "en", 1, "commune or ward"),
    ([None], 2020, "vi", 2, "xã"),
    ([], 2020, "en", 0, "communes"),
])
def test_units_word(kinds, year, lang, count, words):
    assert i18n.units_word(kinds, year, lang, count) == words


# -- the drafted report and the workbook --------------------------------------------------------------

def test_one_unit_behind_is_one_in_the_english_report(tmp_path):
    out = tmp_path / "report.docx"
    result = run(*GAP, "-o", str(out), env=ENGLISH)
    assert (result.exit_code, result.stderr) == (0, f"wrote {out}\n")
    behind = [p.text for p in Document(str(out)).paragraphs if "behind schedule" in p.text]
    assert behind == ["4 communes and wards are behind schedule, by people still needed: Xã Nậm Tăm (60), Xã Bản Bo "
                      "(45), Phường Tân Phong (35), Đặc khu Cô Tô (25).",
                      "1 commune or ward is behind schedule, by people still needed: Xã Nậm Tăm (250)."]


def test_a_version_2_progress_workbook_has_the_charts_its_report_names(tmp_path):
    out = tmp_path / "tien_do.xlsx"
    assert run(*GAP, "-o", str(out)).exit_code == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["BHXH bắt buộc", "Bieu do BHXH BB", "Bảo hiểm y tế", "Bieu do BHYT"]
    chart = list(book["Bieu do BHYT"].iter_rows(values_only=True))
    # headed as the scheme's sheet heads its units; the units reported, furthest behind schedule first
    assert chart[0] == ("Đơn vị", "Chỉ tiêu giao", "Đã tham gia", "Số người cần đạt theo tiến độ", "Đạt % chỉ tiêu",
                        "% theo tiến độ")
    assert [row[0].strip() for row in chart[1:]] == [
        "Xã Nậm Tăm", "Đặc khu Cô Tô", "Xã Bản Bo", "Phường Tân Phong", "Phường An Bình"]
    # each figure refers to its unit's row of the scheme's sheet (health: target D, enrolled F, expected I)
    main = book["Bảo hiểm y tế"]
    row = int(chart[1][1].rsplit("D", 1)[1])
    assert (main[f"B{row}"].value, chart[1][1:4]) == (
        "04", (f"='Bảo hiểm y tế'!D{row}", f"='Bảo hiểm y tế'!F{row}", f"='Bảo hiểm y tế'!I{row}"))
    docx = tmp_path / "bao_cao.docx"
    assert run(*GAP, "-o", str(docx)).exit_code == 0
    assert any("các trang \"Bieu do ...\"" in p.text for p in Document(str(docx)).paragraphs)


def test_the_chart_of_a_2026_plan_names_its_units_as_its_main_sheet_does(tmp_path):
    out = tmp_path / "tien_do.xlsx"
    assert run(*V1_2026, "-o", str(out)).exit_code == 0
    book = openpyxl.load_workbook(out)
    assert book["Tien do"]["C5"].value == book["Bieu do BHXH BB"]["A1"].value == "Xã, phường"


# -- allocate ------------------------------------------------------------------------------------------

def test_allocate_says_what_each_scheme_was_split_by(tmp_path):
    out = tmp_path / "giao.csv"
    result = run("allocate", "-p", PLAN, "-o", str(out))
    assert (result.exit_code, result.stderr) == (0, (
        f"đã ghi {out}: 7 đơn vị, 2 loại hình (phương pháp Sainte-Laguë, căn cứ số người thuộc diện cho BHXH bắt "
        "buộc; dân số cho Bảo hiểm y tế)\n"))
    result = run("allocate", "-p", PLAN, "-s", "bhyt", "-o", str(out), "--force", env=ENGLISH)
    assert (result.exit_code, result.stderr) == (0, (
        f"wrote {out}: 7 units, 1 scheme (Sainte-Laguë method, in proportion to population)\n"))
