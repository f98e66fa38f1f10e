"""`gap` on plan format version 2 without a report (the plan's coverage gap at every level), and its
workbooks: one appendix sheet per scheme."""

from __future__ import annotations

import csv
import io
import os

from typer.testing import CliRunner

from bhxh_cli.cli import app

HERE = os.path.dirname(__file__)
LAI_CHAU = os.path.join(HERE, "..", "data", "plan_2026_lai_chau_v2.yaml")
THANH_HOA = os.path.join(HERE, "..", "data", "plan_2020_thanh_hoa_v2.yaml")

# a ward whose health target is a rate: 8,825 of 10,000 people covered (88,25%) against 95%
WARD = """version: 2
plan: {number: 1/KH-UBND, area: Tỉnh Mẫu, year: 2026}
schemes:
  health: {population: 10000, enrolled: 8825, target: {rate: 95.0}}
units:
  - code: "01"
    name: Phường Một
    kind: phường
    schemes:
      health: {population: 10000, enrolled: 8825, target: {rate: 95.0}}
"""


def run(*args):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def rows(stdout: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(stdout)))


def test_health_coverage_of_the_plan_as_a_ratio_of_rates(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text(WARD, encoding="utf-8")
    result = run("gap", "-p", str(path), "-f", "csv")
    assert (result.exit_code, result.stderr) == (0, "")
    ward, area = rows(result.stdout)
    # 88,25% against 95% stands at 92,89% of target; 9,500 people are the target, 675 still needed
    assert ward == {"code": "01", "name": "Phường Một", "level": "commune", "parent": "", "scheme": "health",
                    "denominator": "population", "eligible": "10000", "enrolled": "8825", "coverage": "88.25",
                    "target": "9500", "target_rate": "95.00", "achieved": "92.89", "not_covered": "500",
                    "still_needed": "675"}
    assert (area["level"], area["name"], area["achieved"]) == ("area", "Tỉnh Mẫu", "92.89")


def test_the_2026_province_s_health_gap_at_the_area():
    result = run("gap", "-p", LAI_CHAU, "-s", "bhyt", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    area = rows(result.stdout)[-1]
    # 387,336 of 413,522 people: 93,67% covered against 95% (392,846 people), 98,60% of the target
    assert [area[k] for k in ("level", "eligible", "enrolled", "coverage", "target", "achieved", "not_covered",
                              "still_needed")] == ["area", "413522", "387336", "93.67", "392846", "98.60", "20676",
                                                   "5510"]


def test_every_level_of_a_2020_province_parents_first():
    result = run("gap", "-p", THANH_HOA, "-s", "bb", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    found = rows(result.stdout)
    assert [(r["name"], r["level"], r["parent"]) for r in found[:2]] == [
        ("Huyện Triệu Sơn", "district", ""), ("Thị trấn Triệu Sơn", "commune", "Huyện Triệu Sơn")]
    districts = [r for r in found if r["level"] == "district"]
    area = found[-1]
    assert sum(int(r["target"]) for r in districts) == int(area["target"]) == 111720
    assert area["not_covered"] == str(114530 - 111720)


def test_the_terminal_table_shows_the_coverage_now_in_vietnamese():
    result = run("gap", "-p", LAI_CHAU, "-s", "bhyt")
    assert result.exit_code == 0
    total = next(line for line in result.stdout.splitlines() if "TỔNG SỐ" in line)
    assert total.split()[-8:] == ["413.522", "392.846", "95,00%", "20.676", "387.336", "93,67%", "98,60%", "5.510"]


def test_a_workbook_of_the_coverage_gap_has_a_sheet_per_scheme(tmp_path):
    import openpyxl

    out = tmp_path / "gap.xlsx"
    result = run("gap", "-p", LAI_CHAU, "-o", str(out))
    assert (result.exit_code, result.stderr) == (0, f"đã ghi {out}\n")
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["BHXH bắt buộc", "BHXH tự nguyện", "Bảo hiểm thất nghiệp", "Bảo hiểm y tế"]
    values = list(book["Bảo hiểm y tế"].iter_rows(values_only=True))
    header = next(r for r in values if r and r[0] == "STT")
    assert "Dân số" in header and "Tỷ lệ bao phủ" in header


def test_a_workbook_of_progress_against_a_report(tmp_path):
    import openpyxl

    report = tmp_path / "report.csv"
    report.write_text('Mã ĐVHC,"Xã, phường",BHYT tham gia\n03388,Phường Đoàn Kết,14077\n', encoding="utf-8")
    out = tmp_path / "progress.xlsx"
    result = run("gap", "-p", LAI_CHAU, "-a", str(report), "--as-of", "30/06/2026", "-s", "bhyt", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    values = list(openpyxl.load_workbook(out)["Bảo hiểm y tế"].iter_rows(values_only=True))
    ward = next(r for r in values if r and r[2] == "Phường Đoàn Kết")
    assert ward[1] == "03388" and 14077 in ward


def test_a_word_report_of_version_2_progress(tmp_path):
    import re
    import zipfile

    report = tmp_path / "report.csv"
    report.write_text('Mã ĐVHC,"Xã, phường",BHYT tham gia\n03388,Phường Đoàn Kết,14077\n', encoding="utf-8")
    out = tmp_path / "report.docx"
    result = run("gap", "-p", LAI_CHAU, "-a", str(report), "--as-of", "30/06/2026", "-s", "bhyt", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    text = re.sub(r"<[^>]+>", "", zipfile.ZipFile(out).read("word/document.xml").decode("utf-8"))
    # the ward's 14,077 people against its 15,153: the report says so for the one unit that reported
    assert "1/38 xã, phường đã báo cáo có 14.077 người tham gia bảo hiểm y tế" in text


def test_a_word_report_needs_a_report_to_compare_with(tmp_path):
    out = tmp_path / "plan.docx"
    result = run("gap", "-p", LAI_CHAU, "-o", str(out))
    assert (result.exit_code, result.stdout) == (2, "")
    assert not out.exists()
