"""`gap --only behind` and `--sort` on a plan of format version 2, as on a version 1 plan: in every format, the
units filtered and sorted within each parent; every level's total stays the total of all its units, and a
sentence (json: "shown_total") gives the total of the units shown."""

from __future__ import annotations

import csv
import io
import json
import os

import openpyxl
import pytest
from typer.testing import CliRunner

from bhxh_cli.cli import app

HERE = os.path.join(os.path.dirname(__file__), "fixtures", "fixb")
PLAN = os.path.join(HERE, "plan_2026_groups.yaml")  # Cụm Bắc: 01, 02, 03; Cụm Nam: 04, 05
REPORT = os.path.join(HERE, "bao_cao_2026-06.csv")
GAP = ["gap", "-p", PLAN, "-a", REPORT, "--as-of", "30/06/2026"]


def run(*args, env=None):
    return CliRunner().invoke(app, list(args), env=env, catch_exceptions=False)


def codes(*options: str) -> list[str]:
    result = run(*GAP, "-s", "bb", *options, "-f", "csv")
    assert result.exit_code == 0, result.stderr
    return [row["code"] or row["name"] for row in csv.DictReader(io.StringIO(result.stdout))]


TOTALS = ["Cụm Bắc", "Cụm Nam", "Tỉnh Mẫu (minh họa)"]


@pytest.mark.parametrize(("sort", "order"), [
    # Cụm Bắc: 02 is furthest behind schedule (15 people), 03 next (10), 01 ahead; 02 has the largest gap
    # (45, then 01's 40, 03's 25); 03 the lowest share (94.8%, 95.3%, 97.9%). Cụm Nam: 04 before 05 by all.
    ("shortfall", ["02", "03", "01", "04", "05"]),
    ("gap", ["02", "01", "03", "04", "05"]),
    ("achieved", ["03", "02", "01", "04", "05"]),
    ("code", ["01", "02", "03", "04", "05"]),
])
def test_sort_orders_the_units_within_each_parent(sort, order):
    assert codes("--sort", sort) == order + TOTALS


def test_sort_by_name_within_each_parent():
    # Vietnamese order: Đặc khu before Phường and Xã (đ comes right after d, not after z as in code points)
    assert codes("--sort", "name") == ["03", "01", "02", "05", "04"] + TOTALS


def test_laggards_first_by_default():
    assert codes() == codes("--sort", "shortfall")


def test_only_behind_keeps_the_units_behind_and_every_total_of_all_units_as_csv():
    result = run(*GAP, "-s", "bb", "--only", "behind", "-f", "csv")
    assert (result.exit_code, result.stdout) == (0, """\
code,name,level,parent,scheme,target,actual,gap,achieved,coverage,expected,still_needed,status
02,Xã Bản Bo,commune,Cụm Bắc,mandatory,960,915,45,95.3,91.50,930,45,behind
03,Đặc khu Cô Tô,commune,Cụm Bắc,mandatory,480,455,25,94.8,91.00,465,25,behind
04,Xã Nậm Tăm,commune,Cụm Nam,mandatory,1440,1380,60,95.8,92.00,1395,60,behind
05,Phường Tân Phong,commune,Cụm Nam,mandatory,960,925,35,96.4,92.50,930,35,behind
,Cụm Bắc,nhóm,,mandatory,3360,3250,110,96.7,92.86,3254,110,behind
,Cụm Nam,nhóm,,mandatory,2400,2305,95,96.0,92.20,2325,95,behind
,Tỉnh Mẫu (minh họa),area,,mandatory,5760,5555,205,96.4,92.58,5579,205,behind
""")


def test_only_behind_as_a_table_keeps_a_parent_none_of_whose_units_is_behind():
    result = run(*GAP, "-s", "bhyt", "--only", "behind", env={"COLUMNS": "150"})
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines()[7:13] == [
        "      Cụm Bắc         33.250    95,00%   33.040    99,37%    94,40%            32.896    210   đúng tiến độ ",
        "      Cụm Nam         23.750    95,00%   23.420    98,61%    93,68%            23.497    330   chậm tiến độ ",
        " 04     Xã Nậm Tăm    14.250    95,00%   14.000    98,25%    93,33%            14.098    250   chậm tiến độ ",
        "                                                                                                            ",
        "      TỔNG SỐ         57.000    95,00%   56.460    99,05%    94,10%            56.393    540   đúng tiến độ ",
        "                                                                                                            "]
    assert result.stdout.splitlines()[-1] == ("Cộng 1 xã chậm tiến độ đã liệt kê: chỉ tiêu 14.250, đã tham gia 14.000, "
                                              "còn thiếu 250, theo tiến độ 14.098.")


def test_only_behind_and_sort_as_markdown_in_english():
    result = run(*GAP, "-s", "bb", "--only", "behind", "--sort", "achieved", "-f", "markdown",
                 env={"BHXH_LANG": "en"})
    assert result.exit_code == 0, result.stderr
    assert [line.split(" | ")[1] for line in result.stdout.splitlines() if line.startswith("| ")][1:] == [
        "Cụm Bắc", "  Đặc khu Cô Tô", "  Xã Bản Bo", "Cụm Nam", "  Xã Nậm Tăm", "  Phường Tân Phong", "**TOTAL**"]
    assert result.stdout.splitlines()[-1] == (
        "_Total of the 4 communes, wards and special zones shown (behind schedule): target 3,840, enrolled 3,675, "
        "gap 165, expected 3,720._")


def test_only_behind_as_json_has_the_total_of_the_units_shown():
    result = run(*GAP, "--only", "behind", "-f", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["shown_total"] == {
        "mandatory": {"scheme": "mandatory", "units": 4, "target": 3840, "actual": 3675, "gap": 165,
                      "still_needed": 165, "expected": 3720},
        "health": {"scheme": "health", "units": 1, "target": 14250, "actual": 14000, "gap": 250,
                   "still_needed": 250, "expected": 14098}}
    units = [(r["scheme"], r["code"]) for r in document["rows"] if r["level"] == "commune"]
    assert units == [("mandatory", "02"), ("mandatory", "03"), ("mandatory", "04"), ("mandatory", "05"),
                     ("health", "04")]
    area = [r for r in document["rows"] if r["level"] == "area"]
    assert [(r["target"], r["actual"]) for r in area] == [(5760, 5555), (57000, 56460)]  # all units'
    # without --only there is no shown_total
    assert "shown_total" not in json.loads(run(*GAP, "-f", "json").stdout)


def test_only_behind_and_sort_in_the_workbook(tmp_path):
    out = tmp_path / "tien_do.xlsx"
    result = run(*GAP, "--only", "behind", "--sort", "gap", "-o", str(out))
    assert (result.exit_code, result.stderr) == (0, f"đã ghi {out}\n")
    book = openpyxl.load_workbook(out)
    rows = [r for r in book["BHXH bắt buộc"].iter_rows(values_only=True) if isinstance(r[0], int)]
    assert [(r[1], r[2].strip()) for r in rows] == [
        (None, "Cụm Bắc"), ("02", "Xã Bản Bo"), ("03", "Đặc khu Cô Tô"),
        (None, "Cụm Nam"), ("04", "Xã Nậm Tăm"), ("05", "Phường Tân Phong")]
    notes = [r[0] for r in book["BHXH bắt buộc"].iter_rows(values_only=True) if r[0] and str(r[0]).startswith("Cộng")]
    assert notes == ["Cộng 4 xã, phường, đặc khu chậm tiến độ đã liệt kê: chỉ tiêu 3.840, đã tham gia 3.675, "
                     "còn thiếu 165, theo tiến độ 3.720."]
    # the chart draws the units shown, furthest behind schedule first: 02 (15 people), 04 (15), 03 (10), 05 (5)
    chart = [r[0].strip() for r in book["Bieu do BHXH BB"].iter_rows(min_row=2, values_only=True)]
    assert chart == ["Xã Bản Bo", "Xã Nậm Tăm", "Đặc khu Cô Tô", "Phường Tân Phong"]


def test_fail_on_behind_still_judges_every_unit():
    result = run(*GAP, "-s", "bhyt", "--only", "behind", "--fail-on", "behind", "-f", "csv")
    assert result.exit_code == 1


FLAT = """\
version: 2
plan: {number: "8/KH-UBND", area: "Tỉnh Mẫu (minh họa)", kind: tỉnh, year: 2026}
schemes:
  health: {population: 30000, enrolled: 27900, target: {rate: 95.0}}
units:
  - {code: "01", name: Phường An Bình, kind: phường, schemes: {health: {population: 20000, enrolled: 18600, target: 19000}}}
  - {code: "02", name: Xã Bản Bo, kind: xã, schemes: {health: {population: 10000, enrolled: 9300, target: 9500}}}
"""


def test_only_behind_with_no_unit_behind_keeps_the_columns_of_the_total(tmp_path):
    plan, report = tmp_path / "plan.yaml", tmp_path / "report.csv"
    plan.write_text(FLAT, encoding="utf-8")
    report.write_text("code,name,health_enrolled\n01,Phường An Bình,18950\n02,Xã Bản Bo,9480\n", encoding="utf-8")
    result = run("gap", "-p", str(plan), "-a", str(report), "--as-of", "30/06/2026", "--only", "behind",
                 "-f", "markdown")
    assert (result.exit_code, result.stdout.splitlines()[3:7]) == (0, [
        "| Mã | Đơn vị | Chỉ tiêu giao | Tỷ lệ chỉ tiêu | Đã tham gia | Đạt % chỉ tiêu | Tỷ lệ bao phủ | "
        "Số người cần đạt theo tiến độ | Cần thêm | Tình trạng |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        "|  | **TỔNG SỐ** | **28.500** | **95,00%** | **28.430** | **99,75%** | **94,77%** | **28.197** | **70** | "
        "**đúng tiến độ** |",
        ""])
