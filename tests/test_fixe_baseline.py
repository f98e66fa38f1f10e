"""Where the schedule starts: a unit's baseline in the plan (participants on 1 January); else its count in the
report of 31 December of the year before, when one is compared (the --reports folder's December, --year-start
or --previous), said in a note; else (version 2) the plan's count of participants now; else 0, said once on
stderr with how to give a start. One rule for plans of both versions."""

import json
import os
import re

import yaml
from typer.testing import CliRunner

from bhxh_cli.cli import app

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLAN_V1 = os.path.join(ROOT, "data", "plan_2026_lai_chau_communes.yaml")
PLAN_V2 = os.path.join(ROOT, "data", "plan_2026_lai_chau_v2.yaml")
FOLDER = os.path.join(ROOT, "data", "bao_cao_lai_chau")


def run(*args):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def without_baselines(tmp_path):
    plan = tmp_path / "plan.yaml"
    text = open(PLAN_V1, encoding="utf-8").read()
    plan.write_text(re.sub(r", baseline: \d+", "", text), encoding="utf-8")
    return str(plan)


def progress(result):
    assert result.exit_code == 0, result.stderr
    return [(r["code"], r["expected"], r["status"]) for r in json.loads(result.stdout)["rows"]]


def test_v1_the_december_report_is_the_baseline_the_plan_lacks(tmp_path):
    plan = without_baselines(tmp_path)
    result = run("gap", "-p", plan, "--reports", FOLDER, "-s", "bb", "-f", "json")
    # the folder's December report holds the counts the plan's baselines were: the same schedule
    assert progress(result) == progress(run("gap", "-p", PLAN_V1, "--reports", FOLDER, "-s", "bb", "-f", "json"))
    december = os.path.join(FOLDER, "bao_cao_2025-12.csv")
    assert (f"ghi chú: tiến độ của 6 đơn vị chưa có số đầu năm (baseline) trong kế hoạch tính từ số tham gia trong "
            f"báo cáo ngày 31/12/2025 ({december})\n") in result.stderr
    table = run("gap", "-p", plan, "--reports", FOLDER, "-s", "bb").stdout
    assert "Tiến độ: đường thẳng từ số tham gia đầu năm (1/1) đến chỉ tiêu (31/12)" in table


def test_v1_given_as_year_start_too(tmp_path, english):
    plan = without_baselines(tmp_path)
    june, december = (os.path.join(FOLDER, f"bao_cao_{m}.csv") for m in ("2026-06", "2025-12"))
    result = run("gap", "-p", plan, "-a", june, "--year-start", december, "-s", "bb", "-f", "json")
    assert progress(result) == progress(run("gap", "-p", PLAN_V1, "-a", june, "-s", "bb", "-f", "json"))
    assert result.stderr == (f"note: the schedule of 6 units without a baseline in the plan starts from their "
                             f"enrolment in the report of 31/12/2025 ({december})\n")


def test_v1_without_any_start_it_is_said_once(tmp_path):
    plan = without_baselines(tmp_path)
    june = os.path.join(FOLDER, "bao_cao_2026-06.csv")
    result = run("gap", "-p", plan, "-a", june, "-f", "csv")
    assert result.exit_code == 0
    assert result.stderr == (
        "ghi chú: không đơn vị nào có số đầu năm (baseline: số tham gia ngày 1/1) cho BHXH bắt buộc, BHXH tự nguyện: "
        "tiến độ tính từ 0, nên tình trạng có thể tốt hơn thực tế; hãy ghi baseline của từng đơn vị trong kế hoạch, "
        "hoặc đưa báo cáo ngày 31/12/2025 vào thư mục --reports (hoặc --year-start FILE)\n")
    # and a plan with baselines says nothing of it
    assert run("gap", "-p", PLAN_V1, "-a", june, "-f", "csv").stderr == ""


def v2_reports(tmp_path):
    """Every unit of the version 2 plan 10 short of its mandatory target in December, one more in June."""
    with open(PLAN_V2, encoding="utf-8") as handle:
        units = yaml.safe_load(handle)["units"]
    folder = tmp_path / "bc"
    folder.mkdir()
    for month, more in (("2025-12", 0), ("2026-06", 1)):
        lines = ["code,name,mandatory_enrolled"] + [
            f"{u['code']},{u['name']},{u['schemes']['mandatory']['target'] - 10 + more}" for u in units]
        (folder / f"bao_cao_{month}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_v2_units_start_from_december_not_from_zero(tmp_path, english):
    folder = v2_reports(tmp_path)
    with_december = run("gap", "-p", PLAN_V2, "--reports", str(folder), "-s", "bb", "-f", "json")
    rows = progress(with_december)
    # Phường Đoàn Kết: target 3,032, 3,022 on 31 December, 3,023 on 30 June: 4.95 of its 10 due (half-up 5)
    assert rows[0] == ("03388", 3027, "behind") and all(status == "behind" for _, _, status in rows)
    assert with_december.stderr.splitlines()[-1] == (
        f"note: the schedule of 38 units without a baseline in the plan starts from their enrolment in the report "
        f"of 31/12/2025 ({folder / 'bao_cao_2025-12.csv'})")
    june = str(folder / "bao_cao_2026-06.csv")
    from_zero = run("gap", "-p", PLAN_V2, "-a", june, "-s", "bb", "-f", "json")
    assert all(status == "on track" for _, _, status in progress(from_zero))
    assert from_zero.stderr == (
        "note: no unit has a baseline (its enrolment on 1 January) for mandatory: the schedule starts from 0, so statuses may "
        "look better than they are; give each unit's baseline in the plan, or the report of 31/12/2025 (in the --reports folder, or --year-start FILE)\n")


def test_v2_a_plan_baseline_comes_first(tmp_path):
    folder = v2_reports(tmp_path)
    plan = tmp_path / "plan.yaml"
    text = open(PLAN_V2, encoding="utf-8").read()
    plan.write_text(text.replace("mandatory: {eligible: 3158, labour_force: 9570, target: 3032}",
                                 "mandatory: {eligible: 3158, labour_force: 9570, baseline: 2032, target: 3032}"),
                    encoding="utf-8")
    result = run("gap", "-p", str(plan), "--reports", str(folder), "-s", "bb", "-f", "json")
    # 30 June: 180 of the year's 364 days; 2,032 + 1,000 x 180/364 = 2,526.5, half-up 2,527 (not 3,027)
    assert next(expected for code, expected, _ in progress(result) if code == "03388") == 2527
    assert "37 đơn vị chưa có số đầu năm" in result.stderr
