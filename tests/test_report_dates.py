"""The date a report's header carries, in the ways offices write it; a date that cannot be is said, never
replaced by today's."""

from __future__ import annotations

import datetime as dt

import pytest
from typer.testing import CliRunner

from bhxh_cli.cli import app
from bhxh_cli.tables.headers import header_date, title_date


@pytest.mark.parametrize("header, date", [
    ("Thực hiện đến 30/6/2026", dt.date(2026, 6, 30)),
    ("Thực hiện đến 30/06/26", dt.date(2026, 6, 30)),
    ("Số người tham gia đến 30.06.2026", dt.date(2026, 6, 30)),
    ("Thực hiện đến 2026-06-30", dt.date(2026, 6, 30)),
    ("Thực hiện đến ngày 30 tháng 6 năm 2026", dt.date(2026, 6, 30)),
    ("Lũy kế đến tháng 6/2026", dt.date(2026, 6, 30)),
    ("Lũy kế đến tháng 2 năm 2028", dt.date(2028, 2, 29)),
    ("Thực hiện 6 tháng đầu năm 2026", dt.date(2026, 6, 30)),
    ("Thực hiện", None), ("Đã tham gia", None), ("Thực hiện năm 2025", None),
])
def test_header_dates(header, date):
    assert header_date(header) == date


def test_a_date_that_cannot_be_is_refused_at_its_header(tmp_path, english):
    plan = tmp_path / "plan.yaml"
    plan.write_text("version: 1\nplan: {number: 1/KH, area: Tỉnh X, year: 2026}\nschemes:\n"
                    "  mandatory: {eligible: 400, enrolled: 300}\ncommunes:\n"
                    "  - {code: \"01\", name: Phường A, mandatory: {eligible: 400, enrolled: 300}}\n", encoding="utf-8")
    report = tmp_path / "report.csv"
    report.write_text("Mã,Tên đơn vị,BB thực hiện đến 31/6/2026\n01,Phường A,50\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["gap", "-p", str(plan), "-a", str(report)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"{report}:1:BB thực hiện đến 31/6/2026: the header 'BB thực hiện đến 31/6/2026' carries "
                             f"a date that is not one (31/6/2026 is not a date); correct the header (bad-date)\n")


def test_a_previous_report_dated_after_the_report_is_refused(tmp_path, english):
    plan = tmp_path / "plan.yaml"
    plan.write_text("version: 1\nplan: {number: 1/KH, area: Tỉnh X, year: 2026}\nschemes:\n"
                    "  mandatory: {eligible: 400, enrolled: 300}\ncommunes:\n"
                    "  - {code: \"01\", name: Phường A, mandatory: {eligible: 400, enrolled: 300}}\n", encoding="utf-8")
    may, june = tmp_path / "may.csv", tmp_path / "june.csv"
    may.write_text("Mã,Tên đơn vị,BB thực hiện đến 31/5/2026\n01,Phường A,150\n", encoding="utf-8")
    june.write_text("Mã,Tên đơn vị,BB thực hiện đến 30/6/2026\n01,Phường A,100\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["gap", "-p", str(plan), "-a", str(may), "--previous", str(june)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"{june}: the previous report is dated 30/06/2026 (in its header), not before "
                             f"31/05/2026, the date of {may}; swap --actual and --previous, or give an earlier report "
                             f"(previous-not-earlier)\n")
    assert CliRunner().invoke(app, ["gap", "-p", str(plan), "-a", str(june), "--previous", str(may)]).exit_code == 0


@pytest.mark.parametrize("line, date", [
    ("Thực hiện đến 30/9/2022", dt.date(2022, 9, 30)),
    ("Kèm theo Kế hoạch số 77/KH-UBND ngày 01/3/2022; số liệu tính đến ngày 30/6/2026", dt.date(2026, 6, 30)),
    ("Báo cáo tháng 6/2026", dt.date(2026, 6, 30)),
    ("LŨY KẾ ĐẾN HẾT THÁNG 9 NĂM 2022", dt.date(2022, 9, 30)),
    ("Kèm theo Kế hoạch số 77/KH-UBND ngày 01/3/2022", None),  # the plan's date is not the figures'
    ("BẢNG TỔNG HỢP SỐ NGƯỜI THAM GIA", None),
])
def test_title_lines_that_date_the_figures(line, date):
    assert title_date(line) == date


def _plan(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text("version: 1\nplan: {number: 1/KH, area: Tỉnh X, year: 2026}\nschemes:\n"
                    "  mandatory: {eligible: 400, enrolled: 300}\ncommunes:\n"
                    "  - {code: \"01\", name: Phường A, mandatory: {eligible: 400, enrolled: 300}}\n", encoding="utf-8")
    return plan


def test_a_report_is_dated_by_a_title_line_above_its_table(tmp_path):
    report = tmp_path / "report.csv"
    report.write_text("Kèm theo Kế hoạch 1/KH ngày 01/3/2026\nThực hiện đến 30/9/2026\nMã,Tên đơn vị,BB tham gia\n"
                      "01,Phường A,250\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["gap", "-p", str(_plan(tmp_path)), "-a", str(report), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert '"as_of": "2026-09-30"' in result.stdout


def test_a_title_line_with_a_date_that_cannot_be_is_refused_at_its_row(tmp_path):
    report = tmp_path / "report.csv"
    report.write_text("Thực hiện đến 31/9/2026\nMã,Tên đơn vị,BB tham gia\n01,Phường A,250\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["gap", "-p", str(_plan(tmp_path)), "-a", str(report)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"{report}:1: tiêu đề 'Thực hiện đến 31/9/2026' ghi một ngày không có thật (31/9/2026 "
                             f"không phải là ngày); hãy sửa tiêu đề (bad-date)\n")
