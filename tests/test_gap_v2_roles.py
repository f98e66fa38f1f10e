"""--laggards and --schedule-from on version 2 plans: the units at the bottom of the tree ranked, and held to
last year's monthly series, with the same figures as the same plan in format version 1."""

import json

from typer.testing import CliRunner

from bhxh_cli.cli import app
from test_schedules_plan import SHARES, last_year, plan_text

F = "tests/fixtures/crosswalk"
PLAN = f"{F}/plan_2026_trieu_son_moi.yaml"
SERIES = f"{F}/series"


def run(*args):
    return CliRunner().invoke(app, list(args))


def upgraded(tmp_path, plan=PLAN):
    v2 = tmp_path / "plan_v2.yaml"
    assert run("plan", "upgrade", str(plan), "-o", str(v2)).exit_code == 0
    return str(v2)


def test_laggards_of_a_version_2_plan_are_its_units_ranked_as_in_version_1(tmp_path):
    v2 = upgraded(tmp_path)
    args = ["-a", f"{SERIES}/bao_cao_2026-06.csv", "--laggards", "3", "-f", "json"]
    one = json.loads(run("gap", "-p", PLAN, *args).stdout)["laggards"]
    result = run("gap", "-p", v2, *args)
    assert result.exit_code == 0, result.stderr
    two = json.loads(result.stdout)["laggards"]
    assert two == one
    assert [r["code"] for r in two["voluntary"]["by_still_needed"]] == ["15664", "15754", "15682"]  # 680, 641, 538 still needed


def test_laggards_of_a_version_2_plan_as_csv_list_units_only(tmp_path):
    v2 = upgraded(tmp_path)
    result = run("gap", "-p", v2, "-a", f"{SERIES}/bao_cao_2026-06.csv", "--laggards", "20", "-s", "bb", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "ranking,rank,code,name,scheme,target,actual,achieved,still_needed,status"
    assert len(lines) == 1 + 2 * 8  # the eight units, two rankings; the area's total is no laggard


def test_laggards_need_a_report_on_a_version_2_plan_too(tmp_path):
    result = run("gap", "-p", upgraded(tmp_path), "--laggards", "3")
    assert result.exit_code == 2
    assert "--laggards" in result.stderr


def test_a_schedule_from_last_years_series_on_a_version_2_plan(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(plan_text(SHARES).replace(f", schedule: {SHARES}", ""), encoding="utf-8")
    last_year(tmp_path / "2025", [805, 810, 815, 820, 830, 840, 850, 860, 870, 880, 890, 900])
    report = tmp_path / "bao_cao_2026-06.csv"
    report.write_text("code,name,mandatory_enrolled\n01,Phường A,504\n02,Xã B,335\n", encoding="utf-8")
    v2 = upgraded(tmp_path, plan)
    result = run("gap", "-p", v2, "-a", str(report), "--schedule-from", str(tmp_path / "2025"), "-f", "json")
    assert result.exit_code == 0, result.stderr
    rows = {r["name"]: r for r in json.loads(result.stdout)["rows"]}
    # last year rose 40% of its increase by June: 480 + 60 x 40% = 504; 320 + 40 x 40% = 336
    assert (rows["Phường A"]["expected"], rows["Phường A"]["status"]) == (504, "on track")
    assert (rows["Xã B"]["expected"], rows["Xã B"]["status"]) == (336, "behind")
    area = [r for r in rows.values() if r["level"] == "area"][0]
    assert (area["expected"], area["actual"], area["target"]) == (504 + 336, 504 + 335, 900)
    table = run("gap", "-p", v2, "-a", str(report), "--schedule-from", str(tmp_path / "2025"), "--lang", "en").stdout
    assert "last year's monthly series" in table
