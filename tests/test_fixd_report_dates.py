"""A report's date in its title, wherever the period stands in the line (tables/headers.title_date); a title's
date outside the plan year refused as a file name's is; and a date taken from neither --as-of, the file name
nor the title said on stderr (commands/reports.assumed_date_note)."""

import datetime as dt

import pytest
from typer.testing import CliRunner

from bhxh_cli.cli import app
from bhxh_cli.commands import gap
from bhxh_cli.tables.headers import title_date

TODAY = dt.date(2026, 11, 30)


@pytest.mark.parametrize("line, date", [
    ("BÁO CÁO TÌNH HÌNH THAM GIA THÁNG 6/2020", dt.date(2020, 6, 30)),
    ("BÁO CÁO SỐ NGƯỜI THAM GIA BHXH, BHYT THÁNG 6/2025", dt.date(2025, 6, 30)),
    ("Tình hình tham gia tháng 2 năm 2024", dt.date(2024, 2, 29)),
    ("KẾT QUẢ 6 THÁNG ĐẦU NĂM 2020", dt.date(2020, 6, 30)),
    ("Báo cáo 9 tháng năm 2020", dt.date(2020, 9, 30)),
    ("6 tháng cuối năm 2020", dt.date(2020, 12, 31)),
    ("Báo cáo quý II/2020", dt.date(2020, 6, 30)),
    ("BÁO CÁO QUÝ IV NĂM 2020", dt.date(2020, 12, 31)),
    ("Số liệu quý 3 - 2020", dt.date(2020, 9, 30)),
    ("BÁO CÁO KẾT QUẢ NĂM 2020", dt.date(2020, 12, 31)),
    ("Số liệu tính đến ngày 30/6/2020", dt.date(2020, 6, 30)),
    ("THỰC HIỆN ĐẾN 30/6/2020", dt.date(2020, 6, 30)),
    ("Tháng 6/2020 (kèm Kế hoạch 519/KH-UBND ngày 01/3/2020)", dt.date(2020, 6, 30)),
    ("Thanh Hóa, ngày 15 tháng 7 năm 2020", None),  # a signing date is not the figures'
    ("Kèm theo Kế hoạch số 77/KH-UBND ngày 01/3/2022", None),
    ("DANH SÁCH XÃ, THỊ TRẤN NĂM 2020", None),  # a list's year, not a report's
    ("KẾ HOẠCH PHÁT TRIỂN NGƯỜI THAM GIA NĂM 2026", None),
    ("Báo cáo kết quả năm 2026", dt.date(2026, 12, 31)),  # the year's end, refused by gap while to come
    ("Quyết định 15/2020/QĐ-UBND", None),
])
def test_a_period_anywhere_in_a_title_dates_the_figures(line, date):
    assert title_date(line) == date


def test_a_month_that_is_none_is_refused():
    with pytest.raises(ValueError, match="tháng 13 năm 2020 không phải là tháng"):
        title_date("BÁO CÁO TÌNH HÌNH THAM GIA THÁNG 13/2020")


def _plan(tmp_path, year):
    plan = tmp_path / "plan.yaml"
    plan.write_text(f"version: 1\nplan: {{number: 1/KH, area: Tỉnh X, year: {year}}}\nschemes:\n"
                    "  mandatory: {eligible: 400, enrolled: 300}\ncommunes:\n"
                    "  - {code: \"01\", name: Phường A, mandatory: {eligible: 400, enrolled: 300, baseline: 250}}\n", encoding="utf-8")
    return str(plan)


def _report(tmp_path, title, name="r.csv"):
    report = tmp_path / name
    report.write_text(f"{title}\nMã;Tên đơn vị;BB tham gia\n01;Phường A;350\n", encoding="utf-8")
    return str(report)


def run(*args):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def test_a_report_is_judged_at_its_titles_month(tmp_path):
    report = _report(tmp_path, "BÁO CÁO TÌNH HÌNH THAM GIA THÁNG 6/2020")
    result = run("gap", "-p", _plan(tmp_path, 2020), "-a", report, "-f", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    assert '"as_of": "2020-06-30"' in result.stdout


def test_a_titles_month_outside_the_plan_year_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(gap, "_today", lambda: TODAY)
    report = _report(tmp_path, "BÁO CÁO SỐ NGƯỜI THAM GIA THÁNG 6/2025")
    result = run("gap", "-p", _plan(tmp_path, 2026), "-a", report)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"{report}: báo cáo ghi ngày 30/06/2025 (ở phần đầu), không thuộc năm kế hoạch 2026; hãy "
                             f"dùng kế hoạch năm 2025 với --plan, hoặc báo cáo của năm 2026 (report-outside-plan-year)\n")


def test_a_date_from_nowhere_is_said_the_plan_years_end(tmp_path, monkeypatch):
    monkeypatch.setattr(gap, "_today", lambda: TODAY)
    report = _report(tmp_path, "BẢNG TỔNG HỢP SỐ NGƯỜI THAM GIA")
    result = run("gap", "-p", _plan(tmp_path, 2020), "-a", report, "-f", "json")
    assert result.exit_code == 0
    assert '"as_of": "2020-12-31"' in result.stdout
    assert result.stderr == (
        f"{report}: ghi chú: báo cáo không ghi ngày của số liệu (ở tiêu đề, tên tệp hay --as-of) nên được tính đến "
        f"cuối năm kế hoạch, 31/12/2020; nếu số liệu là của ngày khác, hãy ghi ngày đó bằng --as-of "
        f"NĂM-THÁNG-NGÀY (assumed-date)\n")


def test_a_date_from_nowhere_is_said_today_in_english(tmp_path, monkeypatch, english):
    monkeypatch.setattr(gap, "_today", lambda: TODAY)
    report = _report(tmp_path, "BẢNG TỔNG HỢP SỐ NGƯỜI THAM GIA")
    result = run("gap", "-p", _plan(tmp_path, 2026), "-a", report, "-f", "json")
    assert result.exit_code == 0
    assert '"as_of": "2026-11-30"' in result.stdout
    assert result.stderr == (
        f"{report}: note: the report gives no date for its figures (in its title, its file name or --as-of), so it "
        f"is judged as of today, 30/11/2026; if its figures are of another day, give that day with --as-of "
        f"YYYY-MM-DD (assumed-date)\n")


def test_no_note_when_the_date_is_given_or_named(tmp_path):
    plan = _plan(tmp_path, 2020)
    report = _report(tmp_path, "BẢNG TỔNG HỢP")
    assert run("gap", "-p", plan, "-a", report, "--as-of", "2020-06-30").stderr == ""
    named = _report(tmp_path, "BẢNG TỔNG HỢP", "bao_cao_2020-06.csv")
    assert run("gap", "-p", plan, "-a", named).stderr == ""


def test_a_title_naming_only_the_running_year_asks_for_the_day(tmp_path, monkeypatch):
    monkeypatch.setattr(gap, "_today", lambda: TODAY)
    report = _report(tmp_path, "BÁO CÁO NĂM 2026")
    result = run("gap", "-p", _plan(tmp_path, 2026), "-a", report, "-f", "csv")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"{report}: tiêu đề chỉ ghi năm 2026, chưa hết năm (hôm nay 30/11/2026): hãy cho ngày "
                             f"của số liệu bằng --as-of, ví dụ --as-of 30/11/2026 (report-in-future)\n")
    # the day within that year, given with --as-of, does not contradict a title that names only the year
    result = run("gap", "-p", _plan(tmp_path, 2026), "-a", report, "-f", "json", "--as-of", "30/11/2026")
    assert result.exit_code == 0, result.stderr
    assert '"as_of": "2026-11-30"' in result.stdout
    # a title's month still must agree with --as-of
    month = _report(tmp_path, "BÁO CÁO THÁNG 10/2026", name="m.csv")
    result = run("gap", "-p", _plan(tmp_path, 2026), "-a", month, "-f", "json", "--as-of", "30/11/2026")
    assert result.exit_code == 2
