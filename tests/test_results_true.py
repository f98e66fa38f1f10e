"""Every printed result true (issue 8): statuses that agree with their numbers, reports judged on the right
date and the right plan, partial reports, names matched as offices write them, counts that count what they say."""

import datetime as dt
import json
import os
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from bhxh_cli.cli import app
from bhxh_cli.core import progress as core
from bhxh_cli.core.names import NameIndex, scheme_of

HERE = os.path.dirname(__file__)
DATA = os.path.join(HERE, "..", "data")
EXAMPLE = os.path.join(DATA, "communes_2020_example.csv")
runner = CliRunner()

PLAN = """version: 1
plan: {number: 7/KH-UBND, area: Huyện Mẫu, year: 2020}
schemes:
  mandatory: {eligible: 1000, enrolled: 900, baseline: 800}
  voluntary: {eligible: 300, enrolled: 30, baseline: 20}
communes:
  - {code: "01", name: Xã Thái Hòa, mandatory: {eligible: 500, enrolled: 450, baseline: 400},
     voluntary: {eligible: 100, enrolled: 10, baseline: 6}}
  - {code: "02", name: Thị trấn Hoằng Hoá, mandatory: {eligible: 400, enrolled: 400, baseline: 350},
     voluntary: {eligible: 100, enrolled: 10, baseline: 8}}
  - {code: "03", name: Xã Không, mandatory: {eligible: 100, enrolled: 50, baseline: 50},
     voluntary: {eligible: 100, enrolled: 10, baseline: 6}}
"""
HEADER = "code,name,mandatory_enrolled,voluntary_enrolled"


def run(*args):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture
def plan(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    return str(path)


def report(tmp_path, rows, name="report.csv", header=HEADER):
    path = tmp_path / name
    path.write_text(header + "\n" + "\n".join(",".join(map(str, r)) for r in rows) + "\n", encoding="utf-8")
    return str(path)


def gap_json(*args):
    result = run("gap", "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


FULL = [("01", "Xã Thái Hòa", 425, 8), ("02", "Thị trấn Hoằng Hoá", 370, 9), ("03", "Xã Không", 50, 10)]


# -- 1. enrolment above the commune's eligible people -------------------------------------------------

def test_gap_refuses_enrolment_above_the_plans_eligible(plan, tmp_path, english):
    path = report(tmp_path, [("01", "Xã Thái Hòa", 501, 8), ("02", "Thị trấn Hoằng Hoá", 370, 9), ("03", "Xã Không", 50, 101)])
    result = run("gap", "--plan", plan, "--actual", path, "--as-of", "2020-06-30")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{path}:2:mandatory_enrolled: 501 enrolled is more than the 500 eligible of commune 01 (Xã Thái Hòa) in "
        f"the plan; correct the report or the plan (enrolled-above-eligible)",
        f"{path}:4:voluntary_enrolled: 101 enrolled is more than the 100 eligible of commune 03 (Xã Không) in the "
        f"plan; correct the report or the plan (enrolled-above-eligible)",
    ]
    assert result.stdout == ""


def test_gap_refuses_it_in_the_previous_report_too(plan, tmp_path, english):
    now = report(tmp_path, FULL)
    before = report(tmp_path, [("01", "Xã Thái Hòa", 420, 8), ("02", "Thị trấn Hoằng Hoá", 401, 9), ("03", "Xã Không", 50, 10)], "may.csv")
    result = run("gap", "--plan", plan, "--actual", now, "--previous", before, "--as-of", "2020-12-31")
    assert (result.exit_code, result.stderr) == (1, (
        f"{before}:3:mandatory_enrolled: 401 enrolled is more than the 400 eligible of commune 02 (Thị trấn Hoằng "
        f"Hoá) in the plan; correct the report or the plan (enrolled-above-eligible)\n"))


# -- 2. a status agrees with the numbers printed beside it --------------------------------------------

def test_enrolment_equal_to_the_printed_expected_count_is_on_track(plan, tmp_path):
    # On 2 July 2020 the line from 400 to 450 stands at 425.07: printed 425, and 425 enrolled is on track.
    path = report(tmp_path, FULL)
    rows = gap_json("--plan", plan, "--actual", path, "--as-of", "2020-07-02", "-s", "mandatory",
                    "--sort", "code")["rows"]
    assert (rows[0]["actual"], rows[0]["expected"], rows[0]["status"]) == (425, 425, "on track")


@given(target=st.integers(0, 10**6), actual=st.integers(0, 10**6), baseline=st.none() | st.integers(0, 10**6),
       days=st.integers(0, 366), length=st.sampled_from([364, 365]))
def test_status_always_agrees_with_the_printed_numbers(target, actual, baseline, days, length):
    elapsed = Fraction(min(days, length), length)
    p = core.progress(target=target, actual=actual, eligible=10**6, baseline=baseline, elapsed=elapsed)
    start = baseline or 0
    exact = start + (target - start) * elapsed
    assert p.expected == int(exact + Fraction(1, 2)) // 1  # whole people, half-up
    if actual >= target:
        assert p.status == core.MET
    elif actual >= p.expected:
        assert p.status == core.ON_TRACK
    else:
        assert p.status == core.BEHIND


# -- 3. the bundled plan is Triệu Sơn's: other areas need --plan -------------------------------------

def test_allocate_refuses_another_areas_table_without_plan(tmp_path, english):
    communes = tmp_path / "lai_chau.csv"
    communes.write_text("code,name,mandatory_eligible\n03001,Phường Tân Phong,9000\n03004,Phường Đoàn Kết,6890\n"
                        "15667,Xã Thọ Sơn,0\n", encoding="utf-8")
    out = tmp_path / "chi_tieu.xlsx"
    result = run("allocate", "-c", str(communes), "-s", "bb", "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr == (
        f"{communes}: 2 of the 3 communes of this table are not communes of Huyện Triệu Sơn, tỉnh Thanh Hóa in "
        f"2020, the area of the bundled plan 519/KH-UBND used because --plan was not given (row 2: 03001 Phường "
        f"Tân Phong; row 3: 03004 Phường Đoàn Kết); give your own plan with --plan FILE (not-the-plans-area)\n")
    assert not out.exists()


def test_a_reused_code_with_another_name_is_not_the_bundled_area(tmp_path, english):
    communes = tmp_path / "c.csv"
    communes.write_text("code,name,mandatory_eligible\n15754,Xã Thọ Ngọc,15890\n", encoding="utf-8")
    result = run("allocate", "-c", str(communes), "-s", "mandatory")
    assert result.exit_code == 1 and "(row 2: 15754 Xã Thọ Ngọc)" in result.stderr


def test_gap_refuses_another_areas_report_without_plan(tmp_path, english):
    path = report(tmp_path, [("03001", "Phường Tân Phong", 10, 1)])
    result = run("gap", "--actual", path)
    assert (result.exit_code, result.stderr) == (1, (
        f"{path}: 1 of the 1 communes of this report is not a commune of Huyện Triệu Sơn, tỉnh Thanh Hóa in 2020, "
        f"the area of the bundled plan 519/KH-UBND used because --plan was not given (row 2: 03001 Phường Tân "
        f"Phong); give your own plan with --plan FILE (not-the-plans-area)\n"))


# -- 4. the floor: no commune below its enrolment now, by default ------------------------------------

def test_no_floor_lets_targets_fall_below_enrolment_and_says_so(english):
    result = run("allocate", "-c", EXAMPLE, "-s", "unemployment", "--no-floor", "-f", "csv")
    assert result.exit_code == 0
    assert result.stderr == ("note: unemployment: 11 of 34 communes get a target below their enrolment now; "
                             "without --no-floor each is kept at least there\n")
    floored = run("allocate", "-c", EXAMPLE, "-s", "unemployment", "-f", "json")
    assert floored.stderr == ""
    assert all(a["target"] >= a["enrolled"] for a in json.loads(floored.stdout)["allocations"])


def test_floor_and_no_floor_together_is_a_usage_error(english):
    result = run("allocate", "-c", EXAMPLE, "--floor", "enrolled", "--no-floor")
    assert (result.exit_code, result.stderr) == (
        2, "bhxh: --floor enrolled and --no-floor say opposite things; give one\n")


# -- 5. the date a report is judged on ---------------------------------------------------------------

@pytest.fixture
def report_dated(monkeypatch):
    """Make the reader give tables a date from their header (what tables/ reads from `Thực hiện đến ...`)."""
    from bhxh_cli.tables import communes

    real = communes.read_communes

    def dated(date):
        def read(path, **kwargs):
            table = real(path, **kwargs)
            table.report_date = date
            return table
        monkeypatch.setattr(communes, "read_communes", read)
    return dated


def title_date(result):
    return result.stdout.splitlines()[0].strip()


def test_without_as_of_the_reports_own_date_is_used(plan, tmp_path, report_dated):
    report_dated(dt.date(2020, 6, 30))
    result = run("gap", "--plan", plan, "--actual", report(tmp_path, FULL), "-s", "mandatory", "--lang", "en")
    assert result.exit_code == 0
    assert title_date(result) == "Mandatory social insurance: progress to 30/06/2020"
    same = run("gap", "--plan", plan, "--actual", report(tmp_path, FULL), "--as-of", "30-06-2020", "-f", "json")
    assert json.loads(same.stdout)["as_of"] == "2020-06-30"


def test_as_of_that_differs_from_the_reports_date_is_an_error(plan, tmp_path, report_dated, english):
    report_dated(dt.date(2020, 6, 30))
    path = report(tmp_path, FULL)
    result = run("gap", "--plan", plan, "--actual", path, "--as-of", "31/05/2020")
    assert (result.exit_code, result.stderr) == (
        2, f"bhxh: --as-of 31/05/2020 and the date in the header of {path}, 30/06/2020, differ; drop --as-of, or "
           f"give the report's date\n")


def test_a_report_dated_outside_the_plan_year_is_an_error(plan, tmp_path, report_dated, english):
    report_dated(dt.date(2021, 6, 30))
    path = report(tmp_path, FULL)
    result = run("gap", "--plan", plan, "--actual", path)
    assert (result.exit_code, result.stderr) == (
        1, f"{path}: the report is dated 30/06/2021 (in its header), outside the plan year 2020; give the plan of "
           f"2021 with --plan, or a report of 2020 (report-outside-plan-year)\n")


@pytest.mark.parametrize("today,shown", [(dt.date(2020, 3, 15), "15/03/2020"), (dt.date(2026, 11, 29), "31/12/2020")])
def test_without_any_date_today_in_the_plan_year_else_31_december(plan, tmp_path, monkeypatch, today, shown):
    from bhxh_cli.commands import gap

    monkeypatch.setattr(gap, "_today", lambda: today)
    result = run("gap", "--plan", plan, "--actual", report(tmp_path, FULL), "-s", "mandatory", "--lang", "en")
    assert title_date(result) == f"Mandatory social insurance: progress to {shown}"


@pytest.mark.parametrize("text", ["30/06/2020", "30-06-2020", "30.06.2020", "2020-06-30", "30/6/2020"])
def test_as_of_accepts_the_ways_dates_are_written(plan, tmp_path, text):
    assert gap_json("--plan", plan, "--actual", report(tmp_path, FULL), "--as-of", text)["as_of"] == "2020-06-30"


def test_as_of_in_another_shape_is_a_usage_error(plan, tmp_path, english):
    result = run("gap", "--plan", plan, "--actual", report(tmp_path, FULL), "--as-of", "30 June")
    assert (result.exit_code, result.stderr) == (
        2, "bhxh: --as-of 30 June: write the date as DD/MM/YYYY (or DD-MM-YYYY, DD.MM.YYYY, YYYY-MM-DD)\n")


# -- 6. check --policy with every other problem; hints that work -------------------------------------

def test_policy_findings_come_with_the_files_other_problems(fixtures, english):
    path = os.path.join(fixtures, "plans", "bad", "sum_mismatch.yaml")
    result = run("check", path, "--policy", "nq102")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}:4:25: schemes.mandatory.eligible: the communes' eligible add up to 9, 1 fewer than the district's "
        f"10; they must add up exactly (sum-mismatch)",
        f"{path}:4:39: schemes.mandatory.enrolled: the communes' enrolled add up to 4, 1 fewer than the district's "
        f"5; they must add up exactly (sum-mismatch)",
        f"{path}:4:39: schemes.mandatory: 5/10 = 50.000% is below the 95% floor that Resolution 102/NQ-CP sets for "
        f"2020; 5 more enrolled would meet it (nq102-floor)",
    ]


def test_rates_by_commune_hint_splits_the_plan_given(tmp_path, english):
    own = tmp_path / "own.yaml"
    own.write_text("version: 1\nplan: {number: 7/KH, area: Huyện Mẫu, year: 2020}\n"
                   "schemes: {mandatory: {eligible: 10, enrolled: 9}}\n", encoding="utf-8")
    result = run("rates", str(own), "--by", "commune")
    assert (result.exit_code, result.stderr) == (1, (
        f"{own}: communes: this plan has no communes; split it first with `bhxh allocate --communes FILE --plan "
        f"{own} --output plan_communes.yaml` (no-communes)\n"))


# -- 7. counts that count what they say --------------------------------------------------------------

def test_fail_on_behind_counts_communes_and_schemes(plan, tmp_path, english):
    path = report(tmp_path, [("01", "Xã Thái Hòa", 401, 6), ("02", "Thị trấn Hoằng Hoá", 360, 8), ("03", "Xã Không", 50, 10)])
    result = run("gap", "--plan", plan, "--actual", path, "--as-of", "2020-12-31", "--fail-on", "behind", "-f", "csv")
    assert result.exit_code == 1
    # 01 behind in both schemes, 02 in both: 2 communes (4 rows) in 2 schemes
    assert result.stderr == "2 communes are behind schedule in 2 schemes on 31/12/2020 (--fail-on behind)\n"


def test_only_behind_adds_the_total_of_the_rows_shown(plan, tmp_path):
    path = report(tmp_path, [("01", "Xã Thái Hòa", 401, 8), ("02", "Thị trấn Hoằng Hoá", 360, 9), ("03", "Xã Không", 50, 10)])
    args = ["--plan", plan, "--actual", path, "--as-of", "2020-06-30", "-s", "mandatory", "--only", "behind"]
    table = run("gap", *args, "--lang", "en")
    lines = [line.strip() for line in table.stdout.splitlines()]
    total = next(i for i, line in enumerate(lines) if line.startswith("TOTAL"))
    assert lines[total].split()[:3] == ["TOTAL", "900", "811"]
    assert " ".join(lines[total + 1:]).endswith(
        "Total of the 2 communes shown (behind schedule): target 850, enrolled 761, gap 89, expected 800.")
    document = gap_json(*args)
    assert document["shown_total"]["mandatory"] == {"scheme": "mandatory", "communes": 2, "target": 850,
                                                    "actual": 761, "gap": 89, "still_needed": 89, "expected": 800}


def test_written_file_counts_communes_and_schemes(plan, tmp_path, english):
    out = tmp_path / "tien_do.xlsx"
    result = run("gap", "--plan", plan, "--actual", report(tmp_path, FULL), "-o", str(out), "--as-of", "2020-12-31")
    assert result.stderr == f"wrote {out}: 3 communes, 2 schemes\n"


# -- 8. --scheme as people write it ------------------------------------------------------------------

@pytest.mark.parametrize("text,scheme", [
    ("mandatory", "mandatory"), ("bb", "mandatory"), ("BB", "mandatory"), ("bắt buộc", "mandatory"),
    ("Bat buoc", "mandatory"), ("BHXH bắt buộc", "mandatory"), ("tn", "voluntary"), ("tự nguyện", "voluntary"),
    ("TU NGUYEN", "voluntary"), ("bhtn", "unemployment"), ("thất nghiệp", "unemployment"),
    ("Bảo hiểm thất nghiệp", "unemployment"), ("tha\u0302\u0301t nghie\u0323\u0302p", "unemployment"),
])
def test_scheme_names_and_short_forms(text, scheme):
    assert scheme_of(text) == scheme


def test_scheme_option_in_vietnamese(plan, tmp_path):
    document = gap_json("--plan", plan, "--actual", report(tmp_path, FULL), "--scheme", "tự nguyện")
    assert {r["scheme"] for r in document["rows"]} == {"voluntary"}
    result = run("allocate", "-c", EXAMPLE, "-s", "BHTN", "-f", "json")
    assert {a["scheme"] for a in json.loads(result.stdout)["allocations"]} == {"unemployment"}


def test_unknown_scheme_name_is_a_usage_error(plan, tmp_path, english):
    result = run("gap", "--plan", plan, "--actual", report(tmp_path, FULL), "--scheme", "bhxh")
    assert (result.exit_code, result.stderr) == (
        2, "bhxh: --scheme bhxh: not a scheme; write mandatory (bb, bắt buộc), voluntary (tn, tự nguyện), "
           "unemployment (bhtn, thất nghiệp) or health (bhyt, y tế)\n")
    missing = run("gap", "--plan", plan, "--actual", report(tmp_path, FULL), "--scheme", "thất nghiệp")
    assert (missing.exit_code, missing.stderr) == (
        2, "bhxh: --scheme thất nghiệp: the plan has no such scheme; it has mandatory, voluntary\n")


# -- 9. partial reports ------------------------------------------------------------------------------

def test_a_partial_report_is_shown_with_no_report_rows_and_partial_totals(plan, tmp_path):
    path = report(tmp_path, FULL[:1] + FULL[2:])
    result = run("gap", "--plan", plan, "--actual", path, "--as-of", "2020-06-30", "-s", "bb", "--sort", "code")
    assert result.exit_code == 0
    assert result.stderr == (f"cảnh báo: {path}: 1/3 xã của kế hoạch không có trong báo cáo này (02 (Thị trấn "
                             f"Hoằng Hoá)); xã này được ghi là chưa báo cáo và không tính vào tổng số\n")
    lines = result.stdout.splitlines()
    missing = next(line for line in lines if "Hoằng" in line)
    assert missing.split()[-2:] == ["báo", "cáo"] and "chưa báo cáo" in missing
    total = next(line for line in lines if "TỔNG SỐ" in line)
    assert total.split()[:8] == ["TỔNG", "SỐ", "(2/3", "xã,", "thị", "trấn)", "500", "475"]
    document = gap_json("--plan", plan, "--actual", path, "--as-of", "2020-06-30", "--sort", "code")
    row = document["rows"][1]
    assert (row["code"], row["target"], row["actual"], row["gap"], row["status"]) == ("02", 400, None, None,
                                                                                     "no report")
    total = document["total"]["mandatory"]
    assert (total["target"], total["actual"], total["communes"], total["communes_in_plan"]) == (500, 475, 2, 3)


def test_fail_on_missing_exits_1(plan, tmp_path, english):
    path = report(tmp_path, FULL[:2])
    result = run("gap", "--plan", plan, "--actual", path, "--fail-on", "missing", "-f", "csv", "--as-of", "2020-12-31")
    assert result.exit_code == 1
    assert result.stderr == (f"error: {path}: 1 of the plan's 3 communes is not in this report (03 (Xã Không)); "
                             f"it is shown as no report and left out of the totals (--fail-on missing)\n")
    assert run("gap", "--plan", plan, "--actual", report(tmp_path, FULL), "--fail-on", "missing").exit_code == 0


def test_a_partial_report_in_a_workbook_and_in_english(plan, tmp_path):
    from openpyxl import load_workbook

    path = report(tmp_path, FULL[:2])
    out = tmp_path / "t.xlsx"
    assert run("gap", "--plan", plan, "--actual", path, "-o", str(out), "--lang", "en").exit_code == 0
    sheet = load_workbook(out).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert any("no report" in row for row in values)
    assert any("TOTAL (2 of 3 communes)" in row for row in values)


# -- 10. names as offices write them -----------------------------------------------------------------

def test_report_rows_match_by_name_with_or_without_the_unit_prefix(plan, tmp_path):
    path = report(tmp_path, [("x1", "thái hoà", 425, 8), ("x2", "Hoằng Hóa", 370, 9), ("x3", "Không", 50, 10)])
    document = gap_json("--plan", plan, "--actual", path, "--sort", "code", "-s", "mandatory")
    assert [(r["code"], r["actual"]) for r in document["rows"]] == [("01", 425), ("02", 370), ("03", 50)]


def test_a_name_that_matches_several_communes_lists_them(tmp_path, english):
    plan = tmp_path / "p.yaml"
    plan.write_text("""version: 1
plan: {number: 1/KH, area: Tỉnh Mẫu, year: 2026}
schemes: {mandatory: {eligible: 20, enrolled: 10}}
communes:
  - {code: "1", name: Xã Ba Đình, mandatory: {eligible: 10, enrolled: 5}}
  - {code: "2", name: Phường Ba Đình, mandatory: {eligible: 10, enrolled: 5}}
""", encoding="utf-8")
    # codes that are not the plan's: the rows are matched by name
    path = report(tmp_path, [("x1", "Ba Đình", 3), ("x2", "Phường Ba Đình", 4)], header="code,name,mandatory_enrolled")
    result = run("gap", "--plan", str(plan), "--actual", path, "--as-of", "2026-06-30")
    assert result.exit_code == 1
    assert result.stderr == (f"{path}:2:name: commune x1 (Ba Đình) matches 2 communes of the plan by name: 1 (Xã "
                             f"Ba Đình), 2 (Phường Ba Đình); write its code, or its name as the plan writes it "
                             f"(ambiguous-commune)\n")


def test_name_index():
    index = NameIndex({"1": "Xã Ba Đình", "2": "Phường Ba Đình", "3": "Thị trấn Nưa", "4": "Đặc khu Cồn Cỏ"})
    assert index.matches("ba đình") == ["1", "2"]  # ambiguous
    assert index.matches("PHƯỜNG BA ĐÌNH") == ["2"]
    assert index.matches("Xã Nưa") == []  # two different prefixes are two different units
    assert index.matches("nưa") == ["3"]
    assert index.matches("Cồn Cỏ") == ["4"]
    assert index.matches("Thị trấn") == []  # a prefix alone is no name
    assert index.nearest("Ba Dinh", 2) == ["Xã Ba Đình", "Phường Ba Đình"]
    assert index.nearest("Con Co", 1) == ["Đặc khu Cồn Cỏ"]


def test_plan_commune_named_without_prefix_matches_a_report_with_one(tmp_path):
    plan = tmp_path / "p.yaml"
    plan.write_text(PLAN.replace("name: Xã Thái Hòa", "name: Thái Hòa"), encoding="utf-8")
    path = report(tmp_path, [("x", "Xã Thái Hoà", 425, 8)] + FULL[1:])
    rows = gap_json("--plan", str(plan), "--actual", path, "--sort", "code")["rows"]
    assert rows[0]["actual"] == 425


# -- 11. labels name the units as the plan's year does ------------------------------------------------

def test_labels_say_xa_phuong_after_2025(tmp_path):
    plan = tmp_path / "p.yaml"
    plan.write_text(PLAN.replace("year: 2020", "year: 2026"), encoding="utf-8")
    path = report(tmp_path, FULL[:2])
    table = run("gap", "--plan", str(plan), "--actual", path, "--as-of", "30/06/2026", "-s", "bb")
    assert "Xã, phường" in table.stdout and "thị trấn" not in table.stdout.split("━")[0]
    assert "TỔNG SỐ (2/3 xã, phường)" in table.stdout
    rates = run("rates", str(plan), "--by", "commune")
    assert "BHXH bắt buộc: chỉ tiêu theo xã, phường" in rates.stdout
    english = run("rates", str(plan), "--by", "commune", "--lang", "en")
    assert "targets by commune and ward" in english.stdout


def test_labels_say_xa_thi_tran_up_to_2025():
    result = run("allocate", "-c", EXAMPLE, "-s", "bb")
    assert "BHXH bắt buộc: chỉ tiêu giao cho xã, thị trấn" in result.stdout and "Xã, thị trấn" in result.stdout


# -- tables of names only (the reader of issue 8's other half gives rows with an empty code) ----------

@pytest.fixture
def names_only(monkeypatch):
    """Make the reader give every row an empty code, as it does for a table with a name column only."""
    from bhxh_cli.tables import communes

    real = communes.read_communes

    def read(path, **kwargs):
        table = real(path, **kwargs)
        for row in table.rows:
            row.code = ""
        return table
    monkeypatch.setattr(communes, "read_communes", read)


def test_a_report_of_names_only_is_matched_by_name(plan, tmp_path, names_only, english):
    path = report(tmp_path, [("a", "Thái Hoà", 425, 8), ("b", "Hoằng Hóa", 370, 9)])
    result = run("gap", "--plan", plan, "--actual", path, "--as-of", "2020-06-30", "-s", "bb", "-f", "json",
                 "--sort", "code")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)["rows"]
    assert [(r["code"], r["actual"], r["status"]) for r in rows] == [
        ("01", 425, "on track"), ("02", 370, "behind"), ("03", None, "no report")]
    unknown = run("gap", "--plan", plan, "--actual", report(tmp_path, [("-", "Xã Thai Hoa", 1, 1)], "u.csv"),
                  "--as-of", "2020-12-31")
    assert unknown.stderr == (
        f"{tmp_path / 'u.csv'}:2:name: commune 'Xã Thai Hoa' is not in the plan, by code or by name (the nearest "
        f"names in the plan: Xã Thái Hòa, Thị trấn Hoằng Hoá, Xã Không); correct the code or name, or split the "
        f"plan again (unknown-commune)\n")


def test_allocate_a_table_of_names_only_keeps_every_row(tmp_path, names_only):
    out = tmp_path / "t.xlsx"
    result = run("allocate", "-c", EXAMPLE, "-s", "bb", "-f", "csv")  # the bundled area, known by name
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 35
    assert run("allocate", "-c", EXAMPLE, "-o", str(out)).exit_code == 0
    from openpyxl import load_workbook

    names = [row[2] for row in load_workbook(out).active.iter_rows(min_row=6, max_row=39, values_only=True)]
    assert len(set(names)) == 34


def test_a_previous_report_that_lacks_a_commune_gives_no_change_for_it(plan, tmp_path):
    now = report(tmp_path, FULL)
    before = report(tmp_path, [("01", "Xã Thái Hòa", 410, 7), ("03", "Xã Không", 49, 9)], "may.csv")
    document = gap_json("--plan", plan, "--actual", now, "--previous", before, "--sort", "code", "-s", "bb")
    assert [r["change_previous"] for r in document["rows"]] == [15, None, 1]
    assert document["total"]["mandatory"]["change_previous"] is None  # a total of changes it does not know is not printed


def test_the_total_expected_count_is_the_sum_of_the_communes(tmp_path):
    # each commune's expected count is rounded to whole people; the total is their sum, never a second rounding
    split = tmp_path / "split.yaml"
    example = os.path.join(os.path.dirname(__file__), "..", "data")
    assert run("allocate", "-c", os.path.join(example, "communes_2020_example.csv"), "-o", str(split)).exit_code == 0
    document = gap_json("--plan", str(split), "--actual", os.path.join(example, "report_2020-06_example.csv"),
                        "--as-of", "2020-06-30")
    for scheme, total in document["total"].items():
        rows = [r for r in document["rows"] if r["scheme"] == scheme and r["actual"] is not None]
        assert total["expected"] == sum(r["expected"] for r in rows)
        assert total["status"] == ("met" if total["actual"] >= total["target"] else
                                   "on track" if total["actual"] >= total["expected"] else "behind")
