"""Under a gap table of both plan versions: the schedule line and the line naming the reports compared; the
previous report is "tháng trước" only when it is of the month before the report judged, else "kỳ trước"."""

import os

from typer.testing import CliRunner

from bhxh_cli.cli import app

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLAN_V1 = os.path.join(ROOT, "data", "plan_2026_lai_chau_communes.yaml")
PLAN_V2 = os.path.join(ROOT, "data", "plan_2026_lai_chau_v2.yaml")
FOLDER = os.path.join(ROOT, "data", "bao_cao_lai_chau")
COMPARED = "; tỷ lệ tính trên số thuộc diện của kế hoạch năm nay, chênh lệch tính bằng điểm %._"


def report(month):
    return os.path.join(FOLDER, f"bao_cao_{month}.csv")


def markdown(plan, month, previous, scheme="tn"):
    result = CliRunner().invoke(app, ["gap", "-p", plan, "-a", report(month), "--previous", report(previous), "-s",
                                      scheme, "-f", "markdown"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_v2_prints_the_schedule_and_the_comparison_under_its_table():
    lines = markdown(PLAN_V2, "2026-04", "2026-03").splitlines()
    assert lines[-3:] == [
        "",
        "_Không có số đầu năm (baseline): so tỷ lệ đạt chỉ tiêu với 32,7% thời gian đã qua._",
        "_So sánh với báo cáo tháng trước (31/03/2026)" + COMPARED]


def test_v2_terminal_too(english):
    result = CliRunner().invoke(app, ["gap", "-p", PLAN_V2, "-a", report("2026-04"), "--previous", report("2026-03"),
                                      "-s", "tn"], catch_exceptions=False)
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "No baseline in the plan: the share of the target reached is compared with the 32.7% of the year elapsed." in text
    assert "Compared with last month's report (31/03/2026); rates are of this plan's eligible people" in text


def test_v1_previous_two_months_back_is_the_previous_report_not_last_month():
    text = markdown(PLAN_V1, "2026-06", "2026-04", "bb")
    assert "| Tăng/giảm so với kỳ trước | Tỷ lệ so với kỳ trước |" in text.splitlines()[3]
    assert text.splitlines()[-1] == "_So sánh với báo cáo kỳ trước (30/04/2026)" + COMPARED
    assert "tháng trước" not in text


def test_v1_december_of_the_year_before_is_last_month_only_for_january():
    assert markdown(PLAN_V1, "2026-06", "2025-12", "bb").splitlines()[-1] == (
        "_So sánh với báo cáo kỳ trước (31/12/2025)" + COMPARED)
    january = markdown(PLAN_V1, "2026-01", "2025-12", "bb")
    assert "| Tăng/giảm so với tháng trước | Tỷ lệ so với tháng trước |" in january.splitlines()[3]
    assert january.splitlines()[-1] == "_So sánh với báo cáo tháng trước (31/12/2025)" + COMPARED


def test_v2_previous_two_months_back_is_the_previous_report(english):
    text = markdown(PLAN_V2, "2026-06", "2026-04")
    assert "| Change since the previous report | Rate vs the previous report |" in text
    assert text.splitlines()[-1] == ("_Compared with the previous report (30/04/2026); rates are of this plan's "
                                     "eligible people, their change in percentage points._")
    assert "last month" not in text


def test_trend_a_month_missing_from_the_folder_is_the_previous_report(tmp_path):
    import shutil

    for month in ("2026-01", "2026-02", "2026-03", "2026-04", "2026-06"):
        shutil.copy(report(month), tmp_path)
    result = CliRunner().invoke(app, ["trend", "-p", PLAN_V1, "--reports", str(tmp_path), "-s", "bb", "-f",
                                      "markdown"], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[3] == "| Mã | Xã, phường | T1 | T2 | T3 | T4 | T6 | So với kỳ trước | Tháng giảm |"
    whole = CliRunner().invoke(app, ["trend", "-p", PLAN_V1, "--reports", FOLDER, "-s", "bb", "-f", "markdown"],
                               catch_exceptions=False)
    assert whole.stdout.splitlines()[3] == (
        "| Mã | Xã, phường | T1 | T2 | T3 | T4 | T5 | T6 | So với tháng trước | Tháng giảm |")
