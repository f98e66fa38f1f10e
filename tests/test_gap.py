"""`bhxh gap`: matching reports to the plan, the schedule, statuses, totals and every error."""

import datetime as dt
import json
import os
import unicodedata
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from bhxh_cli.core import progress as gap
from bhxh_cli.cli import app

HERE = os.path.dirname(__file__)
DATA = os.path.join(HERE, "..", "data")
runner = CliRunner()

PLAN = """version: 1
plan: {number: 7/KH-UBND, area: Huyện Mẫu, year: 2020}
schemes:
  mandatory: {eligible: 1000, enrolled: 900, baseline: 800}
communes:
  - {code: "01", name: Xã Thái Hòa, mandatory: {eligible: 500, enrolled: 450, baseline: 400}}
  - {code: "02", name: Xã Hoằng Hoá, mandatory: {eligible: 400, enrolled: 400, baseline: 350}}
  - {code: "03", name: Xã Không, mandatory: {eligible: 100, enrolled: 50, baseline: 50}}
"""


def run(*args):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture
def plan(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    return str(path)


def report(tmp_path, rows, name="report.csv", header="code,name,mandatory_enrolled"):
    path = tmp_path / name
    path.write_text(header + "\n" + "\n".join(",".join(map(str, r)) for r in rows) + "\n", encoding="utf-8")
    return str(path)


def gap_json(*args):
    result = run("gap", "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


# -- the pure core -----------------------------------------------------------------------------------

def test_year_elapsed():
    assert gap.year_elapsed(dt.date(2020, 1, 1), 2020) == 0
    assert gap.year_elapsed(dt.date(2020, 12, 31), 2020) == 1
    assert gap.year_elapsed(dt.date(2020, 6, 30), 2020) == Fraction(181, 365)
    assert gap.year_elapsed(dt.date(2021, 7, 2), 2021) == Fraction(182, 364)
    with pytest.raises(ValueError):
        gap.year_elapsed(dt.date(2021, 1, 1), 2020)


def test_status_met_on_track_behind_with_baseline():
    half = Fraction(1, 2)
    assert gap.progress(target=450, actual=460, eligible=500, baseline=400, elapsed=half).status == gap.MET
    assert gap.progress(target=450, actual=425, eligible=500, baseline=400, elapsed=half).status == gap.ON_TRACK
    assert gap.progress(target=450, actual=424, eligible=500, baseline=400, elapsed=half).status == gap.BEHIND


def test_without_baseline_the_share_of_target_is_compared_with_the_year():
    p = gap.progress(target=100, actual=49, eligible=200, baseline=None, elapsed=Fraction(1, 2))
    assert (p.expected, p.status) == (50, gap.BEHIND)
    assert gap.progress(target=3, actual=0, eligible=9, baseline=None, elapsed=Fraction(1, 2)).expected == 2


def test_zero_target_has_no_achieved_share():
    p = gap.progress(target=0, actual=0, eligible=0, baseline=None, elapsed=Fraction(1, 2))
    assert (p.achieved, p.rate_points, p.status, p.gap) == (None, None, gap.MET, 0)


@given(target=st.integers(0, 10**6), actual=st.integers(0, 10**6), eligible=st.integers(0, 10**6),
       days=st.integers(0, 365))
def test_progress_arithmetic(target, actual, eligible, days):
    p = gap.progress(target=target, actual=actual, eligible=eligible, baseline=None, elapsed=Fraction(days, 365))
    assert p.gap == target - actual and p.still_needed == max(0, target - actual)
    if target:
        exact = Fraction(actual * 100, target)
        assert abs(Fraction(p.achieved) - exact) <= Fraction(1, 20)
        assert p.achieved == Decimal(int(exact * 10 + Fraction(1, 2))) / 10  # half-up
    assert (p.status == gap.MET) == (actual >= target)
    if p.status == gap.BEHIND:
        assert p.shortfall > 0


# -- the command -------------------------------------------------------------------------------------

def test_matches_by_code_and_by_name_in_any_spelling(plan, tmp_path):
    nfd = unicodedata.normalize("NFD", "xã thái hoà")  # NFD, lower case, new tone placement
    path = report(tmp_path, [("99", nfd, 420), ("02", "whatever", 380), ("", "Xã Hoằng Hóa", 0)][:2]
                  + [("03", "Xã Không", 50)])
    document = gap_json("--plan", plan, "--actual", path, "--as-of", "2020-06-30", "--sort", "code")
    assert [(r["code"], r["actual"]) for r in document["rows"]] == [("01", 420), ("02", 380), ("03", 50)]


def test_communes_not_in_the_plan_are_all_listed_with_the_nearest_names(plan, tmp_path, english):
    # (communes of the plan that the report lacks are no longer errors: see test_results_true.py)
    path = report(tmp_path, [("01", "Xã Thái Hòa", 420), ("77", "Xã Lạ", 5), ("78", "Xã Khôn", 6)])
    result = run("gap", "--plan", plan, "--actual", path, "--as-of", "2020-12-31")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{path}:3:code: commune 77 (Xã Lạ) is not in the plan, by code or by name (the nearest names in the "
        f"plan: Xã Thái Hòa, Xã Hoằng Hoá, Xã Không); correct the code or name, or split the plan again "
        f"(unknown-commune)",
        f"{path}:4:code: commune 78 (Xã Khôn) is not in the plan, by code or by name (the nearest names in the "
        f"plan: Xã Không, Xã Hoằng Hoá, Xã Thái Hòa); correct the code or name, or split the plan again "
        f"(unknown-commune)",
    ]


def test_exceeded_target_and_total_row(plan, tmp_path):
    path = report(tmp_path, [("01", "Xã Thái Hòa", 500), ("02", "Xã Hoằng Hoá", 300), ("03", "Xã Không", 50)])
    document = gap_json("--plan", plan, "--actual", path, "--as-of", "2020-12-31", "--sort", "code")
    first = document["rows"][0]
    assert (first["gap"], first["still_needed"], first["achieved"], first["status"]) == (-50, 0, 111.1, "met")
    assert document["total"]["mandatory"] == {
        # still needed: the communes' own, 0 + 50 + 50 (A's 50 over its target makes up for no other commune)
        "scheme": "mandatory", "target": 900, "actual": 850, "gap": 50, "achieved": 94.4, "rate_points": -5.0,
        "still_needed": 100, "expected": 900, "status": "behind", "communes": 3,
        "communes_in_plan": 3}
    table = run("gap", "--plan", plan, "--actual", path, "--as-of", "31/12/2020", "--lang", "en")
    assert "exceeded by 50" in table.stdout
    vi = run("gap", "--plan", plan, "--actual", path, "--as-of", "31/12/2020")
    assert "vượt 50" in vi.stdout and "TỔNG SỐ" in vi.stdout


def test_zero_target_shows_a_dash(tmp_path):
    plan = tmp_path / "p.yaml"
    plan.write_text(PLAN.replace("enrolled: 50, baseline: 50", "enrolled: 0").replace(
        "eligible: 1000, enrolled: 900, baseline: 800", "eligible: 1000, enrolled: 850, baseline: 750"),
        encoding="utf-8")
    path = report(tmp_path, [("01", "Xã Thái Hòa", 400), ("02", "Xã Hoằng Hoá", 350), ("03", "Xã Không", 0)])
    document = gap_json("--plan", str(plan), "--actual", path, "--sort", "code")
    assert document["rows"][2]["achieved"] is None
    table = run("gap", "--plan", str(plan), "--actual", path, "--sort", "code")
    line = next(l for l in table.stdout.splitlines() if "Xã Không" in l)
    assert "—" in line and "inf" not in line


@pytest.mark.parametrize("as_of,expected,statuses", [
    ("2020-01-01", [400, 350, 50], ["on track", "on track", "met"]),
    ("2020-06-30", [425, 375, 50], ["on track", "behind", "met"]),
    ("2020-12-31", [450, 400, 50], ["behind", "behind", "met"]),
])
def test_schedule_at_start_middle_and_end_of_year(plan, tmp_path, as_of, expected, statuses):
    path = report(tmp_path, [("01", "Xã Thái Hòa", 425), ("02", "Xã Hoằng Hoá", 370), ("03", "Xã Không", 50)])
    rows = gap_json("--plan", plan, "--actual", path, "--as-of", as_of, "--sort", "code")["rows"]
    assert [r["expected"] for r in rows] == expected
    assert [r["status"] for r in rows] == statuses


def test_as_of_outside_the_plan_year_is_an_error(plan, tmp_path, english):
    path = report(tmp_path, [("01", "Xã Thái Hòa", 1), ("02", "Xã Hoằng Hoá", 1), ("03", "Xã Không", 1)])
    result = run("gap", "--plan", plan, "--actual", path, "--as-of", "2021-01-01")
    assert (result.exit_code, result.stderr) == (
        2, "bhxh: --as-of 2021-01-01: outside the plan year 2020; give a date in 2020\n")
    assert run("gap", "--plan", plan, "--actual", path, "--as-of", "31/02/2020").exit_code == 2
    assert run("gap", "--plan", plan, "--actual", path, "--as-of", "June").exit_code == 2


def test_without_baseline_status_uses_the_share_of_the_year(tmp_path):
    plan = tmp_path / "p.yaml"
    plan.write_text(PLAN.replace(", baseline: 800", "").replace(", baseline: 400", "").replace(
        ", baseline: 350", "").replace(", baseline: 50", ""), encoding="utf-8")
    path = report(tmp_path, [("01", "Xã Thái Hòa", 226), ("02", "Xã Hoằng Hoá", 100), ("03", "Xã Không", 50)])
    rows = gap_json("--plan", str(plan), "--actual", path, "--as-of", "2020-07-01", "--sort", "code")["rows"]
    assert [(r["expected"], r["status"]) for r in rows] == [(224, "on track"), (199, "behind"), (25, "met")]
    table = run("gap", "--plan", str(plan), "--actual", path, "--as-of", "2020-07-01", "--lang", "en")
    assert "No baseline in the plan" in table.stdout


def test_previous_report_gives_the_change(plan, tmp_path):
    now = report(tmp_path, [("01", "Xã Thái Hòa", 425), ("02", "Xã Hoằng Hoá", 370), ("03", "Xã Không", 50)])
    before = report(tmp_path, [("03", "Xã Không", 49), ("01", "Xã Thái Hòa", 410), ("02", "Xã Hoằng Hóa", 372)], "may.csv")
    document = gap_json("--plan", plan, "--actual", now, "--previous", before, "--sort", "code")
    assert [r["change_previous"] for r in document["rows"]] == [15, -2, 1]
    assert document["total"]["mandatory"]["change_previous"] == 14
    table = run("gap", "--plan", plan, "--actual", now, "--previous", before, "--lang", "en")
    assert "last month's report (30/11/2020)" in table.stdout and "+15" in table.stdout and "-2" in table.stdout


def test_fail_on_behind_and_only_behind(plan, tmp_path, english):
    path = report(tmp_path, [("01", "Xã Thái Hòa", 425), ("02", "Xã Hoằng Hoá", 370), ("03", "Xã Không", 50)])
    result = run("gap", "--plan", plan, "--actual", path, "--as-of", "2020-06-30", "--fail-on", "behind",
                 "--only", "behind", "--format", "csv")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1:] == ["02,Xã Hoằng Hoá,mandatory,400,370,30,92.5,-7.5,30,375,behind"]
    assert result.stderr == "1 commune is behind schedule in 1 scheme on 30/06/2020 (--fail-on behind)\n"
    ok = run("gap", "--plan", plan, "--actual", path, "--as-of", "2020-01-01", "--fail-on", "behind")
    assert ok.exit_code == 0


def test_laggards_first_by_default(plan, tmp_path):
    path = report(tmp_path, [("01", "Xã Thái Hòa", 401), ("02", "Xã Hoằng Hoá", 399), ("03", "Xã Không", 50)])
    rows = gap_json("--plan", plan, "--actual", path, "--as-of", "2020-06-30")["rows"]
    assert [r["code"] for r in rows] == ["01", "03", "02"]  # shortfalls 23.8, 0 (met), -24.2 (ahead)


def test_plan_without_communes_needs_allocate_first(tmp_path, english):
    path = report(tmp_path, [("15664", "Thị trấn Triệu Sơn", 1)])
    result = run("gap", "--actual", path)
    assert result.exit_code == 1
    assert result.stderr.endswith(
        ": the bundled plan 519/KH-UBND (Huyện Triệu Sơn, tỉnh Thanh Hóa, 2020), used because --plan was not "
        "given, has no communes to compare a report with; split it first: bhxh allocate --communes FILE --output "
        "plan.yaml, then give --plan plan.yaml (no-communes)\n")
    own = tmp_path / "own.yaml"
    own.write_text("version: 1\nplan: {number: 7/KH, area: Huyện Mẫu, year: 2020}\n"
                   "schemes: {mandatory: {eligible: 10, enrolled: 9}}\n", encoding="utf-8")
    result = run("gap", "--plan", str(own), "--actual", path)
    assert result.stderr == (
        f"{own}: communes: this plan has no communes to compare a report with; split it first: bhxh allocate "
        f"--communes FILE --plan {own} --output plan_communes.yaml, then give --plan plan_communes.yaml "
        f"(no-communes)\n")


def test_coverage_gap_without_a_report():
    document = gap_json()
    assert [(r["scheme"], r["not_covered"], r["rate"]) for r in document["rows"]] == [
        ("mandatory", 360, 97.7), ("voluntary", 69383, 2.7), ("unemployment", 720, 95.0)]
    per_commune = gap_json("--plan", os.path.join(DATA, "plan_2020_communes_example.yaml"), "-s", "voluntary")
    assert len(per_commune["rows"]) == 34
    assert sum(r["not_covered"] for r in per_commune["rows"]) == 69383


def test_bundled_example_report_in_one_command():
    result = run("gap", "--plan", os.path.join(DATA, "plan_2020_communes_example.yaml"), "--actual",
                 os.path.join(DATA, "report_2020-06_example.csv"), "--as-of", "2020-06-30", "--format", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert {r["status"] for r in document["rows"]} == {"met", "on track", "behind"}
    assert document["total"]["voluntary"]["target"] == 1930


def test_report_errors_name_row_and_column(plan, tmp_path, english):
    path = report(tmp_path, [("01", "Xã Thái Hòa", "4x"), ("02", "Xã Hoằng Hoá", ""), ("03", "Xã Không", 60)])
    result = run("gap", "--plan", plan, "--actual", path)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{path}:2:mandatory_enrolled: '4x' is not a whole number; write the count of people, e.g. 15890 or "
        f"15,890 (not-a-count)",
        f"{path}:3:mandatory_enrolled: is empty; write people enrolled in mandatory insurance now (0 if there "
        f"are none) (missing-value)",
    ]


def test_output_file(plan, tmp_path):
    path = report(tmp_path, [("01", "Xã Thái Hòa", 425), ("02", "Xã Hoằng Hoá", 370), ("03", "Xã Không", 50)])
    out = tmp_path / "gap.csv"
    assert run("gap", "--plan", plan, "--actual", path, "-o", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8-sig").splitlines()[0] == (
        "code,name,scheme,target,actual,gap,achieved,rate_points,still_needed,expected,status")
    again = run("gap", "--plan", plan, "--actual", path, "-o", str(out))
    assert again.exit_code == 2
    assert run("gap", "--plan", plan, "--actual", path, "-o", str(tmp_path / "g.yaml")).exit_code == 2


def test_long_tables_are_laid_out_plainly_and_completely(plan, tmp_path, monkeypatch):
    from bhxh_cli.output import render

    path = report(tmp_path, [("01", "Xã Thái Hòa", 425), ("02", "Xã Hoằng Hoá", 370), ("03", "Xã Không", 50)])
    rich_output = run("gap", "--plan", plan, "--actual", path, "--as-of", "2020-06-30", "--lang", "en").stdout
    monkeypatch.setattr(render, "LARGE_TABLE", 2)
    plain = run("gap", "--plan", plan, "--actual", path, "--as-of", "2020-06-30", "--lang", "en").stdout
    for text in (rich_output, plain):
        assert "Xã Hoằng Hoá" in text and "TOTAL" in text and "behind" in text and "92.5%" in text
    row = next(line for line in plain.splitlines() if line.startswith("02"))
    assert row.split()[:7] == ["02", "Xã", "Hoằng", "Hoá", "400", "370", "30"]


@pytest.mark.parametrize("sort,order", [("gap", ["01", "02", "03"]), ("achieved", ["01", "02", "03"]),
                                        ("code", ["01", "02", "03"]), ("name", ["02", "03", "01"])])
def test_sort_orders(plan, tmp_path, sort, order):
    path = report(tmp_path, [("01", "Xã Thái Hòa", 300), ("02", "Xã Hoằng Hoá", 390), ("03", "Xã Không", 50)])
    rows = gap_json("--plan", plan, "--actual", path, "--sort", sort)["rows"]
    assert [r["code"] for r in rows] == order


def test_the_same_commune_twice_in_a_report(plan, tmp_path, english):
    path = report(tmp_path, [("01", "Thái Hòa", 1), ("02", "Xã Hoằng Hoá", 2), ("03", "Xã Không", 3), ("09", "Xã Thái Hoà", 4)])
    result = run("gap", "--plan", plan, "--actual", path, "--as-of", "2020-12-31")
    assert result.exit_code == 1
    assert result.stderr == (f"{path}:5:code: commune 09 (Xã Thái Hoà) is the plan's 01 (Xã Thái Hòa) again, "
                             f"already on row 2 (duplicate-commune)\n")


def test_scheme_the_plan_does_not_have(plan, tmp_path, english):
    path = report(tmp_path, [("01", "Xã Thái Hòa", 1), ("02", "Xã Hoằng Hoá", 2), ("03", "Xã Không", 3)])
    result = run("gap", "--plan", plan, "--actual", path, "--scheme", "voluntary")
    assert (result.exit_code, result.stderr) == (
        2, "bhxh: --scheme voluntary: the plan has no such scheme; it has mandatory\n")
