"""`trend --sheet NAME` reads that sheet of every workbook in the folder, as `gap --reports --sheet` does; without
it, a folder of workbooks whose table is on a later sheet is told to use --sheet (not to move the sheet)."""

import json
import os

from openpyxl import Workbook
from typer.testing import CliRunner

from bhxh_cli.cli import app

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLAN = os.path.join(ROOT, "data", "plan_2026_lai_chau_communes.yaml")
PLAN_V2 = os.path.join(ROOT, "data", "plan_2026_lai_chau_v2.yaml")
FOLDER = os.path.join(ROOT, "data", "bao_cao_lai_chau")


def run(*args):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def workbooks(folder):
    """The example folder's reports of 2025-12 to 2026-03 as workbooks, a sheet of instructions first."""
    folder.mkdir()
    for month in ("2025-12", "2026-01", "2026-02", "2026-03"):
        book = Workbook()
        book.active.title = "Huong dan"
        book.active.append(["Điền số liệu ở trang sau"])
        table = book.create_sheet("Báo cáo")
        with open(os.path.join(FOLDER, f"bao_cao_{month}.csv"), encoding="utf-8") as handle:
            for line in handle.read().splitlines():
                table.append([int(cell) if cell.isdigit() else cell for cell in line.split(",")])
        book.save(folder / f"bao_cao_{month}.xlsx")
    return str(folder)


def test_trend_reads_the_sheet_given(tmp_path):
    folder = workbooks(tmp_path / "bc")
    for plan in (PLAN, PLAN_V2):
        result = run("trend", "-p", plan, "--reports", folder, "-s", "tn", "--sheet", "Báo cáo", "-f", "json")
        assert result.exit_code == 0, result.stderr
        document = json.loads(result.stdout)
        assert document["months"] == ["2026-01", "2026-02", "2026-03"]
        ta_leng = next(r for r in document["rows"] if r["code"] == "03405")
        # January's change starts from the December workbook's sheet too
        assert ta_leng["months"][0]["change"] == ta_leng["months"][0]["enrolled"] - 141


def test_without_sheet_the_folder_is_told_to_use_it(tmp_path):
    folder = workbooks(tmp_path / "bc")
    result = run("trend", "-p", PLAN, "--reports", folder, "-s", "tn")
    assert (result.exit_code, result.stdout) == (1, "")
    first = os.path.join(folder, "bao_cao_2025-12.xlsx")
    assert result.stderr == (
        f"{first}:Huong dan!1: trang 'Huong dan' không có dòng tiêu đề có cột 'code' (mã) và 'name' (tên) trong 30 "
        f"dòng đầu; bảng có lẽ ở trang 'Báo cáo', trang này có dòng tiêu đề như vậy: hãy đọc trang đó bằng --sheet "
        f"\"Báo cáo\" (missing-column)\n")


def test_a_sheet_a_workbook_lacks_is_a_usage_error(tmp_path, english):
    folder = workbooks(tmp_path / "bc")
    result = run("trend", "-p", PLAN, "--reports", folder, "-s", "tn", "--sheet", "Data")
    first = os.path.join(folder, "bao_cao_2025-12.xlsx")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"bhxh: --sheet Data: {first} has no such sheet; it has Huong dan, Báo cáo\n"
