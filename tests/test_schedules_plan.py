"""A plan's schedule (`schedule: [...]`, cumulative monthly shares of the year's increase): checked where it is
written, and used by gap for the expected count (whole people, half-up) and the status."""

import json

from typer.testing import CliRunner

from bhxh_cli.cli import app

SHARES = "[5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 100]"


def plan_text(schedule: str, commune_schedule: str = "") -> str:
    extra = f", schedule: {commune_schedule}" if commune_schedule else ""
    return ("version: 1\nplan: {number: 1/KH, area: Tỉnh X, year: 2026}\nschemes:\n"
            f"  mandatory: {{eligible: 1000, enrolled: 900, baseline: 800, schedule: {schedule}}}\ncommunes:\n"
            "  - {code: \"01\", name: Phường A, mandatory: {eligible: 600, enrolled: 540, baseline: 480}}\n"
            f"  - {{code: \"02\", name: Xã B, mandatory: {{eligible: 400, enrolled: 360, baseline: 320{extra}}}}}\n")


def run(*args):
    return CliRunner().invoke(app, list(args))


def test_gap_expects_the_schedules_share(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(plan_text(SHARES, "[10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 98, 100]"), encoding="utf-8")
    report = tmp_path / "bao_cao_2026-06.csv"
    report.write_text("code,name,mandatory_enrolled\n01,Phường A,510\n02,Xã B,343\n", encoding="utf-8")
    result = run("gap", "-p", str(plan), "-a", str(report), "-f", "json", "--sort", "code")
    assert result.exit_code == 0, result.stderr
    a, b = json.loads(result.stdout)["rows"]
    # 30/06: June's share, 50%: 480 + 60 x 50% = 510 (on track); Xã B's own 60%: 320 + 40 x 60% = 344 (behind)
    assert (a["expected"], a["status"]) == (510, "on track")
    assert (b["expected"], b["status"]) == (344, "behind")
    table = run("gap", "-p", str(plan), "-a", str(report), "--lang", "en").stdout
    assert "the plan's cumulative monthly shares (schedule)" in table


def test_a_schedule_that_goes_down_is_refused_where_it_is_written(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(plan_text("[5, 10, 8, 30, 40, 50, 60, 70, 80, 90, 95, 100]"), encoding="utf-8")
    result = run("check", str(plan))
    assert result.exit_code == 1
    assert (f"{plan}:4:" in result.stdout + result.stderr
            and "tháng 3: 8 nhỏ hơn 10 của tháng 2; tỷ lệ lũy kế không bao giờ giảm (schedule-decreasing)"
            in result.stdout + result.stderr)


def test_a_schedule_of_eleven_months(tmp_path, english):
    plan = tmp_path / "plan.yaml"
    plan.write_text(plan_text("[10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 100]"), encoding="utf-8")
    result = run("check", str(plan))
    assert result.exit_code == 1
    assert ("a schedule has 12 cumulative monthly shares, one for the end of each month; this one has 11 "
            "(schedule-length)" in result.stdout + result.stderr)
