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


def test_a_version_2_plans_schedule_is_checked_and_used(tmp_path):
    import os

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    with open(os.path.join(root, "data", "plan_2026_lai_chau_v2.yaml"), encoding="utf-8") as handle:
        text = handle.read()
    line = "  mandatory: {eligible: 28172, labour_force: 241793, target: 27045, rate: 96.0}"
    assert line in text
    plan = tmp_path / "plan.yaml"
    plan.write_text(text.replace(line, line[:-1] + f", schedule: {SHARES}}}"), encoding="utf-8")
    report = os.path.join(root, "data", "bao_cao_lai_chau", "bao_cao_2026-06.csv")
    result = run("gap", "-p", str(plan), "-a", report, "-s", "bb", "-f", "json")
    assert result.exit_code == 0, result.stderr
    row = next(r for r in json.loads(result.stdout)["rows"] if r["code"] == "03388")
    assert row["expected"] == 1516  # no count at the start: 0 + 3,032 x 50% (June's share), not the line's 1,499
    plan.write_text(text.replace(line, line[:-1] + ", schedule: [5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 99]}"),
                    encoding="utf-8")
    result = run("check", str(plan))
    assert result.exit_code == 1
    assert ("tháng 12: 99 không phải 100; tỷ lệ lũy kế của tháng 12 là toàn bộ mức tăng, 100 (schedule-end)"
            in result.stdout + result.stderr)


def last_year(folder, counts, december=800):
    """Reports of December 2024 and of every month of 2025: Phường A alone, Xã B a steady 300."""
    folder.mkdir()
    (folder / "bao_cao_2024-12.csv").write_text(f"code,name,mandatory_enrolled\n01,Phường A,{december - 300}\n"
                                                "02,Xã B,300\n", encoding="utf-8")
    for month, count in enumerate(counts, 1):
        (folder / f"bao_cao_2025-{month:02d}.csv").write_text(
            f"code,name,mandatory_enrolled\n01,Phường A,{count - 300}\n02,Xã B,300\n", encoding="utf-8")


def test_a_schedule_from_last_years_series(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(plan_text(SHARES).replace(f", schedule: {SHARES}", ""), encoding="utf-8")
    # last year rose by 100: 40 of it by June, so 40% of this year's increase is due on 30/06
    last_year(tmp_path / "2025", [805, 810, 815, 820, 830, 840, 850, 860, 870, 880, 890, 900])
    report = tmp_path / "bao_cao_2026-06.csv"
    report.write_text("code,name,mandatory_enrolled\n01,Phường A,504\n02,Xã B,335\n", encoding="utf-8")
    result = run("gap", "-p", str(plan), "-a", str(report), "--schedule-from", str(tmp_path / "2025"), "-f", "json",
                 "--sort", "code")
    assert result.exit_code == 0, result.stderr
    a, b = json.loads(result.stdout)["rows"]
    assert (a["expected"], a["status"]) == (504, "on track")  # 480 + 60 x 40%
    assert (b["expected"], b["status"]) == (336, "behind")  # 320 + 40 x 40%


def test_a_series_with_a_month_missing_or_a_fall(tmp_path, english):
    plan = tmp_path / "plan.yaml"
    plan.write_text(plan_text(SHARES), encoding="utf-8")
    report = tmp_path / "bao_cao_2026-06.csv"
    report.write_text("code,name,mandatory_enrolled\n01,Phường A,504\n02,Xã B,335\n", encoding="utf-8")
    folder = tmp_path / "2025"
    last_year(folder, [805, 810, 815, 820, 830, 825, 850, 860, 870, 880, 890, 900])
    result = run("gap", "-p", str(plan), "-a", str(report), "--schedule-from", str(folder))
    assert (result.exit_code, result.stderr) == (1, (
        f"{folder}: mandatory: in month 6 of 2025 the count 825 is below the month before's 830; a schedule's "
        f"shares never go down: give the plan's monthly shares instead (series-falls)\n"))
    (folder / "bao_cao_2025-03.csv").unlink()
    result = run("gap", "-p", str(plan), "-a", str(report), "--schedule-from", str(folder))
    assert (result.exit_code, result.stderr) == (1, (
        f"{folder}: no report of 03/2025 in this folder; a schedule from last year's series needs the reports of "
        f"December 2024 and of every month of 2025 (series-missing-month)\n"))
