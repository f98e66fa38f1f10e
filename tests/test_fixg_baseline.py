"""The note on a schedule starting from 0 whenever ANY unit of a scheme has no start (not only when none has),
naming how many and a few; and the note on starts read from December counts units, not unit-and-scheme pairs.
Plans of both versions."""

import os
import re

import yaml
from typer.testing import CliRunner

from bhxh_cli.cli import app

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLAN_V1 = os.path.join(ROOT, "data", "plan_2026_lai_chau_communes.yaml")
PLAN_V2 = os.path.join(ROOT, "data", "plan_2026_lai_chau_v2.yaml")
FOLDER = os.path.join(ROOT, "data", "bao_cao_lai_chau")
JUNE = os.path.join(FOLDER, "bao_cao_2026-06.csv")


def run(*args):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def test_v1_one_commune_without_a_baseline_is_named(tmp_path):
    plan = tmp_path / "plan.yaml"
    text = open(PLAN_V1, encoding="utf-8").read()
    plan.write_text(text.replace("mandatory: {eligible: 3158, enrolled: 3032, baseline: 2890}",
                                 "mandatory: {eligible: 3158, enrolled: 3032}"), encoding="utf-8")
    result = run("gap", "-p", str(plan), "-a", JUNE, "-s", "bb", "-f", "csv")
    assert result.exit_code == 0
    assert result.stderr == (
        "ghi chú: BHXH bắt buộc: 1 đơn vị chưa có số đầu năm (baseline) nên tiến độ tính từ 0 (03388 (Phường Đoàn "
        "Kết)); tình trạng của đơn vị này có thể tốt hơn thực tế; hãy ghi baseline trong kế hoạch, hoặc đưa báo cáo "
        "ngày 31/12/2025 vào thư mục --reports (hoặc --year-start FILE)\n")
    # the other scheme, whose communes all have a baseline, says nothing
    assert run("gap", "-p", str(plan), "-a", JUNE, "-s", "tn", "-f", "csv").stderr == ""


def test_v2_units_without_a_start_are_counted_and_a_few_named(tmp_path, english):
    plan = tmp_path / "plan.yaml"
    text = open(PLAN_V2, encoding="utf-8").read()
    plan.write_text(text.replace("mandatory: {eligible: 3158, labour_force: 9570, target: 3032}",
                                 "mandatory: {eligible: 3158, labour_force: 9570, baseline: 2032, target: 3032}"),
                    encoding="utf-8")
    with open(PLAN_V2, encoding="utf-8") as handle:
        units = yaml.safe_load(handle)["units"]
    june = tmp_path / "bao_cao_2026-06.csv"
    june.write_text("\n".join(["code,name,mandatory_enrolled"] + [
        f"{u['code']},{u['name']},{u['schemes']['mandatory']['target'] - 9}" for u in units]) + "\n",
        encoding="utf-8")
    result = run("gap", "-p", str(plan), "-a", str(june), "-s", "bb", "-f", "csv")
    assert result.exit_code == 0
    assert result.stderr == (
        f"note: mandatory: {len(units) - 1} units have no baseline (their enrolment on 1 January), so their schedule "
        "starts from 0 (03390 (Xã Bình Lư), 03394 (Xã Sin Suối Hồ), 03405 (Xã Tả Lèng), …); their status may look "
        "better than it is; give their baselines in the plan, or the report of 31/12/2025 (in the --reports folder, "
        "or --year-start FILE)\n")


def test_v1_december_starts_count_communes_not_pairs(tmp_path):
    plan = tmp_path / "plan.yaml"
    text = open(PLAN_V1, encoding="utf-8").read()
    plan.write_text(re.sub(r", baseline: \d+", "", text), encoding="utf-8")
    result = run("gap", "-p", str(plan), "--reports", FOLDER, "-s", "bb", "-s", "tn", "-f", "csv")
    assert result.exit_code == 0
    december = os.path.join(FOLDER, "bao_cao_2025-12.csv")
    # six communes, each started from December for both schemes: 6, not 12
    assert (f"ghi chú: tiến độ của 6 đơn vị chưa có số đầu năm (baseline) trong kế hoạch tính từ số tham gia trong "
            f"báo cáo ngày 31/12/2025 ({december})\n") in result.stderr


def test_v2_december_starts_count_units_not_pairs(tmp_path):
    with open(PLAN_V2, encoding="utf-8") as handle:
        units = yaml.safe_load(handle)["units"]
    folder = tmp_path / "bc"
    folder.mkdir()
    for month, more in (("2025-12", 0), ("2026-06", 1)):
        lines = ["code,name,mandatory_enrolled,voluntary_enrolled"] + [
            f"{u['code']},{u['name']},{u['schemes']['mandatory']['target'] - 10 + more},"
            f"{u['schemes']['voluntary']['target'] - 10 + more}" for u in units]
        (folder / f"bao_cao_{month}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("gap", "-p", PLAN_V2, "--reports", str(folder), "-s", "bb", "-s", "tn", "-f", "csv")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[-1] == (
        f"ghi chú: tiến độ của {len(units)} đơn vị chưa có số đầu năm (baseline) trong kế hoạch tính từ số tham gia "
        f"trong báo cáo ngày 31/12/2025 ({folder / 'bao_cao_2025-12.csv'})")
