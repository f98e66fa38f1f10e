"""bhxh trend: a commune's participation month by month from a folder of dated reports, the change since the
month before, and the months it went down."""

import json
import os

from typer.testing import CliRunner

from bhxh_cli.cli import app

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLAN = os.path.join(ROOT, "data", "plan_2026_lai_chau_communes.yaml")
FOLDER = os.path.join(ROOT, "data", "bao_cao_lai_chau")


def run(*args):
    return CliRunner().invoke(app, list(args))


def test_a_commune_that_went_down_is_marked_and_listed():
    result = run("trend", "-p", PLAN, "--reports", FOLDER, "-s", "tn", "-f", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["months"] == [f"2026-{m:02d}" for m in range(1, 7)]
    ta_leng = next(r for r in document["rows"] if r["code"] == "03405")
    assert ta_leng["down_months"] == ["2026-04"]
    april = ta_leng["months"][3]
    assert (april["enrolled"], april["change"], april["down"]) == (132, -17, True)
    # January's change starts from December of last year, in the folder; rate of the plan's eligible (2,895)
    january = ta_leng["months"][0]
    assert (january["change"], january["rate"]) == (january["enrolled"] - 141, round(january["enrolled"] * 100 / 2895, 1))
    assert all(r["down_months"] == [] for r in document["rows"] if r["code"] != "03405")
    table = run("trend", "-p", PLAN, "--reports", FOLDER, "-s", "tn").stdout
    line = next(l for l in table.splitlines() if "Tả Lèng" in l)
    assert "▼ 4,6%" in line and line.rstrip().endswith("T4")


def test_csv_is_one_row_a_commune_and_month():
    lines = run("trend", "-p", PLAN, "--reports", FOLDER, "-s", "bb", "-f", "csv").stdout.splitlines()
    assert lines[0] == "code,name,scheme,month,enrolled,rate,change,change_points,down"
    assert len(lines) == 1 + 6 * 6
    assert lines[1].startswith("03388,Phường Đoàn Kết,mandatory,2026-01,")


def test_a_report_without_the_scheme_is_named(tmp_path):
    folder = tmp_path / "bc"
    folder.mkdir()
    (folder / "2026-01.csv").write_text("code,name,mandatory_enrolled\n03388,Phường Đoàn Kết,2900\n", encoding="utf-8")
    result = run("trend", "-p", PLAN, "--reports", str(folder), "-s", "tn")
    assert result.exit_code == 1
    assert result.stderr == (f"{folder / '2026-01.csv'}: {folder / '2026-01.csv'} không có cột voluntary_enrolled; mỗi "
                             f"báo cáo trong thư mục cần có loại hình được theo dõi (missing-column)\n")


def test_no_report_of_the_plan_year(tmp_path, english):
    folder = tmp_path / "bc"
    folder.mkdir()
    (folder / "2025-12.csv").write_text("code,name,mandatory_enrolled\n03388,Phường Đoàn Kết,2900\n", encoding="utf-8")
    result = run("trend", "-p", PLAN, "--reports", str(folder), "-s", "bb")
    assert result.exit_code == 1
    assert result.stderr == (f"{folder}: the folder holds no report of the plan year 2026; give the folder of that "
                             f"year's reports, or the plan of their year (no-report-of-the-year)\n")


def test_a_version_2_plan_is_followed_too():
    plan = os.path.join(ROOT, "data", "plan_2026_lai_chau_v2.yaml")
    result = run("trend", "-p", plan, "--reports", FOLDER, "-s", "bb", "-f", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    reported = [r for r in document["rows"] if r["months"][0]["enrolled"] is not None]
    assert len(reported) == 6 and document["total"]["units"] == 6


def test_a_workbook_of_the_trend(tmp_path):
    import openpyxl

    for plan in (PLAN, os.path.join(ROOT, "data", "plan_2026_lai_chau_v2.yaml")):
        out = tmp_path / "xu_huong.xlsx"
        result = run("trend", "-p", plan, "--reports", FOLDER, "-s", "tn", "-o", str(out), "--force")
        assert result.exit_code == 0, result.stderr
        rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
        ta_leng = next(r for r in rows if r[1] == "03405")
        assert ta_leng[3:9] == (4.9, 5.0, 5.1, 4.6, 4.7, 4.8) and ta_leng[-1] == "T4"
