"""A change of a rate shown with two decimals (health insurance's coverage, of the population) has two decimals
too: 94,75% → 94,78% is +0,03 điểm %, not +0,0 — in trend and in gap's change columns, in every format."""

import os

import openpyxl
import yaml
from typer.testing import CliRunner

from bhxh_cli.cli import app

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLAN = os.path.join(ROOT, "data", "plan_2026_lai_chau_v2.yaml")


def run(*args):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def health_reports(folder, months=("2025-12", "2026-01", "2026-02"), changes=(0, 5, -10)):
    """Reports of every unit's health insurance: the plan's enrolment, Phường Đoàn Kết's changed by `changes`."""
    with open(PLAN, encoding="utf-8") as handle:
        units = yaml.safe_load(handle)["units"]
    folder.mkdir(exist_ok=True)
    count = 0
    for month, change in zip(months, changes):
        count += change
        lines = ["code,name,health_enrolled"] + [
            f"{u['code']},{u['name']},{u['schemes']['health']['enrolled'] + (count if u['code'] == '03388' else 0)}"
            for u in units]
        (folder / f"bao_cao_{month}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_trend_of_health_insurance_changes_with_two_decimals(tmp_path):
    folder = str(health_reports(tmp_path / "bc"))
    result = run("trend", "-p", PLAN, "--reports", folder, "-s", "bhyt", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    # 15.951 people: +5 is +0,03 points, -10 is -0,06
    assert lines[1:3] == ["03388,Phường Đoàn Kết,health,2026-01,15341,96.18,5,0.03,false",
                          "03388,Phường Đoàn Kết,health,2026-02,15331,96.11,-10,-0.06,true"]
    table = run("trend", "-p", PLAN, "--reports", folder, "-s", "bhyt").stdout
    line = next(text for text in table.splitlines() if "Đoàn Kết" in text)
    assert line.split()[-4:] == ["-0,06", "điểm", "%", "T2"]
    out = tmp_path / "xu_huong.xlsx"
    assert run("trend", "-p", PLAN, "--reports", folder, "-s", "bhyt", "-o", str(out)).exit_code == 0
    sheet = openpyxl.load_workbook(out).active
    cell = next(row[-2] for row in sheet.iter_rows() if row[1].value == "03388")
    assert (cell.value, cell.number_format) == (-0.06, "+0.00;-0.00;0.00")


def test_a_scheme_of_one_decimal_keeps_one(tmp_path):
    result = run("trend", "-p", os.path.join(ROOT, "data", "plan_2026_lai_chau_communes.yaml"), "--reports",
                 os.path.join(ROOT, "data", "bao_cao_lai_chau"), "-s", "tn", "-o", str(tmp_path / "t.xlsx"))
    assert result.exit_code == 0, result.stderr
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    cell = next(row[-2] for row in sheet.iter_rows() if row[1].value == "03405")
    assert cell.number_format == "+0.0;-0.0;0.0"


def test_gap_changes_of_health_insurance_have_two_decimals(tmp_path):
    folder = health_reports(tmp_path / "bc")
    actual, previous = str(folder / "bao_cao_2026-02.csv"), str(folder / "bao_cao_2026-01.csv")
    args = ["gap", "-p", PLAN, "-a", actual, "--previous", previous, "-s", "bhyt", "--as-of", "2026-02-28"]
    result = run(*args, "-f", "csv")
    assert result.exit_code == 0, result.stderr
    header, *rows = result.stdout.splitlines()
    keys = header.split(",")
    row = dict(zip(keys, next(r for r in rows if r.startswith("03388,")).split(",")))
    assert (row["change_previous"], row["change_previous_points"]) == ("-10", "-0.06")
    out = tmp_path / "g.xlsx"
    assert run(*args, "-o", str(out)).exit_code == 0
    sheet = openpyxl.load_workbook(out).worksheets[0]
    cell = next(row[-1] for row in sheet.iter_rows() if row[1].value == "03388")
    assert (cell.value, cell.number_format) == (-0.06, "+0.00;-0.00;0.00")
