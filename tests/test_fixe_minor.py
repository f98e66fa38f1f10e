"""The total row of a gap workbook is bold to its status cell, for plans of both versions; a table of changes
writes one minus sign, "-", in people as in points."""

import os

import openpyxl
from typer.testing import CliRunner

from bhxh_cli.cli import app
from bhxh_cli.i18n import format_signed_count
from test_fixe_points import PLAN as PLAN_V2, health_reports

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLAN_V1 = os.path.join(ROOT, "data", "plan_2026_lai_chau_communes.yaml")
JUNE = os.path.join(ROOT, "data", "bao_cao_lai_chau", "bao_cao_2026-06.csv")


def run(*args):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def total_row(path):
    sheet = openpyxl.load_workbook(path).worksheets[0]
    return next(row for row in sheet.iter_rows() if row[2].value == "TỔNG SỐ")


def test_the_total_rows_status_is_bold_in_both_versions(tmp_path):
    for number, plan in enumerate((PLAN_V1, PLAN_V2)):
        out = tmp_path / f"g{number}.xlsx"
        result = run("gap", "-p", plan, "-a", JUNE, "-s", "bb", "--as-of", "2026-06-30", "-o", str(out))
        assert result.exit_code == 0, result.stderr
        row = total_row(out)
        status = next(cell for cell in row if cell.value in ("đạt", "đúng tiến độ", "chậm tiến độ"))
        assert status.font.b and row[3].font.b
        # the status keeps its colour
        assert status.fill.fgColor.rgb.endswith(("C6EFCE", "DDEBF7", "FFC7CE"))


def test_one_minus_sign_in_a_table_of_changes(tmp_path):
    folder = health_reports(tmp_path / "bc")
    result = run("gap", "-p", PLAN_V2, "-a", str(folder / "bao_cao_2026-02.csv"), "--previous",
                 str(folder / "bao_cao_2026-01.csv"), "-s", "bhyt", "--as-of", "2026-02-28")
    assert result.exit_code == 0, result.stderr
    line = next(text for text in result.stdout.splitlines() if "Đoàn Kết" in text)
    assert line.split()[-4:] == ["-10", "-0,06", "điểm", "%"] and "−" not in result.stdout
    assert [format_signed_count(v, "vi") for v in (-1234, 0, 5)] == ["-1.234", "±0", "+5"]
