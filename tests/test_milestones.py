"""Yearly milestones to a multi-year target: the core (exact arithmetic) and `bhxh milestones`."""

from __future__ import annotations

import json
import os
from decimal import Decimal, localcontext
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from bhxh_cli.cli import app
from bhxh_cli.core.milestones import Milestone, growth_rate, integer_root, milestone_value, milestones

# -- the core ------------------------------------------------------------------------------------------


def test_linear_milestones_of_the_issue():
    assert milestones(2025, 21400, 2030, 29500) == [
        Milestone(2026, 23020), Milestone(2027, 24640), Milestone(2028, 26260), Milestone(2029, 27880),
        Milestone(2030, 29500)]


def test_linear_rounds_halves_up():
    # 0 + 5 x 1/2 = 2.5 -> 3 (round() would give 2); 3 x 1/2 = 1.5 -> 2
    assert milestones(2025, 0, 2027, 5) == [Milestone(2026, 3), Milestone(2027, 5)]
    assert milestones(2025, 0, 2027, 3) == [Milestone(2026, 2), Milestone(2027, 3)]
    # a fall: 10 - 5 x 1/2 = 7.5 -> 8
    assert milestones(2025, 10, 2027, 5) == [Milestone(2026, 8), Milestone(2027, 5)]


def test_growth_milestones_of_the_issue():
    # 21400 x (29500/21400)^(k/5) = 22818.94, 24331.96, 25945.30, 27665.62, 29500
    assert milestones(2025, 21400, 2030, 29500, "growth") == [
        Milestone(2026, 22819), Milestone(2027, 24332), Milestone(2028, 25945), Milestone(2029, 27666),
        Milestone(2030, 29500)]


def test_growth_with_an_exact_rate():
    # 10% a year exactly: 1000, 1100, 1210, 1331
    assert milestones(2025, 1000, 2028, 1331, "growth") == [
        Milestone(2026, 1100), Milestone(2027, 1210), Milestone(2028, 1331)]


def test_growth_rounds_to_the_nearest_person():
    # year k of n is the n-th root of baseline^(n-k) x target^k; over 2 years, year 1 is sqrt(baseline x target)
    assert milestone_value(1, 4, 2, 1, "growth") == 2  # sqrt(4) = 2 exactly
    assert milestone_value(1, 6, 2, 1, "growth") == 2  # 2.449...
    assert milestone_value(1, 7, 2, 1, "growth") == 3  # 2.645...
    # N^(1/n) of an integer N is an integer or irrational, so a growth milestone is never an exact half:
    # floor(2x) alone decides the rounding (checked against 80-digit decimals in a property below)
    assert milestone_value(8, 125, 3, 1, "growth") == 20 and milestone_value(8, 125, 3, 2, "growth") == 50


@pytest.mark.parametrize("baseline,target", [(0, 10), (10, 0)])
def test_growth_needs_counts_above_zero(baseline, target):
    with pytest.raises(ValueError, match="a constant growth rate needs a baseline and a target above 0"):
        milestones(2025, baseline, 2030, target, "growth")


def test_the_target_year_must_come_after_the_baseline_year():
    with pytest.raises(ValueError, match="at least one year after the baseline, not 0"):
        milestones(2025, 1, 2025, 2)


def test_negative_counts_are_refused():
    with pytest.raises(ValueError, match=r"counts cannot be negative \(baseline -1, target 2\)"):
        milestones(2025, -1, 2030, 2)


def test_growth_rate():
    assert growth_rate(21400, 29500, 5) == Decimal("6.6")  # 1.0663...
    assert growth_rate(1000, 1331, 3) == Decimal("10.0")
    assert growth_rate(29500, 21400, 5) == Decimal("-6.2")
    # exact halves round away from zero: +0.05% -> 0.1, -0.05% -> -0.1
    assert growth_rate(10000, 10005, 1) == Decimal("0.1")
    assert growth_rate(10000, 9995, 1) == Decimal("-0.1")
    assert growth_rate(10000, 9996, 1) == Decimal("0.0")  # -0.04 rounds to 0
    assert growth_rate(10000, 10000, 4) == Decimal("0.0")


@given(st.integers(0, 10**40), st.integers(1, 12))
def test_integer_root_is_the_floor_of_the_real_root(value, n):
    root = integer_root(value, n)
    assert root**n <= value < (root + 1) ** n


def _decimal_growth(baseline: int, target: int, years: int, k: int) -> Decimal:
    with localcontext() as context:
        context.prec = 80
        return Decimal(baseline) * (Decimal(target) / Decimal(baseline)) ** (Decimal(k) / Decimal(years))


counts = st.integers(1, 30_000_000)


@settings(max_examples=200)
@given(counts, counts, st.integers(1, 30))
def test_growth_milestones_agree_with_80_digit_decimals(baseline, target, years):
    result = milestones(2025, baseline, 2025 + years, target, "growth")
    for k, milestone in enumerate(result, 1):
        x = _decimal_growth(baseline, target, years, k)
        # the rounded value is within half a person of the 80-digit value (ties are measure-zero here)
        assert abs(Decimal(milestone.target) - x) <= Decimal("0.5") + Decimal("1e-60")


@settings(max_examples=300)
@given(st.integers(0, 30_000_000), st.integers(0, 30_000_000), st.integers(1, 40),
       st.sampled_from(["linear", "growth"]))
def test_milestones_end_exactly_on_the_target_and_move_one_way(baseline, target, years, method):
    if method == "growth" and (baseline == 0 or target == 0):
        return
    result = milestones(2025, baseline, 2025 + years, target, method)
    assert [m.year for m in result] == list(range(2026, 2026 + years))
    assert result[-1].target == target
    values = [baseline] + [m.target for m in result]
    assert values == sorted(values) or values == sorted(values, reverse=True)


@given(st.integers(0, 10**7), st.integers(0, 10**7), st.integers(1, 40), st.data())
def test_linear_is_the_exact_line_rounded_half_up(baseline, target, years, data):
    k = data.draw(st.integers(0, years))
    exact = baseline + Fraction((target - baseline) * k, years)
    value = milestone_value(baseline, target, years, k)
    assert value - Fraction(1, 2) <= exact < value + Fraction(1, 2)


# -- bhxh milestones -----------------------------------------------------------------------------------

runner = CliRunner()
PLANS = os.path.join(os.path.dirname(__file__), "fixtures", "plans", "good")
PLAN_2020 = os.path.join(PLANS, "plan_2020.yaml")
ISSUE = ["--baseline", "2025=21400", "--target", "2030=29500"]


def run(*args):
    return runner.invoke(app, ["milestones", *args], catch_exceptions=False)


def test_json_lists_the_years_after_the_baseline():
    result = run(*ISSUE, "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"milestones": [
        {"year": 2026, "target": 23020}, {"year": 2027, "target": 24640}, {"year": 2028, "target": 26260},
        {"year": 2029, "target": 27880}, {"year": 2030, "target": 29500}]}


def test_csv_growth():
    result = run(*ISSUE, "--method", "growth", "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout == "year,target\n2026,22819\n2027,24332\n2028,25945\n2029,27666\n2030,29500\n"


def test_table_in_vietnamese():
    result = run(*ISSUE)
    assert result.exit_code == 0
    rows = [line.split() for line in result.stdout.splitlines() if line.strip()[:2] == "20" and "%" in line]
    assert rows == [["2026", "23.020", "+1.620", "+7,6%"], ["2027", "24.640", "+1.620", "+7,0%"],
                    ["2028", "26.260", "+1.620", "+6,6%"], ["2029", "27.880", "+1.620", "+6,2%"],
                    ["2030", "29.500", "+1.620", "+5,8%"]]
    assert "Lộ trình chỉ tiêu hằng năm đến năm 2030: 29.500 người" in " ".join(result.stdout.split())
    assert "Năm gốc 2025: 21.400 người." in result.stdout


def test_table_in_english_with_growth():
    result = run(*ISSUE, "--method", "growth", "--lang", "en")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert next(line for line in lines if line.strip().startswith("2029")).split() == [
        "2029", "27,666", "+1,721", "+6.6%"]
    assert "Baseline 2025: 21,400 people." in result.stdout
    assert "A constant growth of +6.6% a year" in " ".join(result.stdout.split())


def test_counts_with_thousands_separators():
    result = run("--baseline", "2025=21.400", "--target", "2030=29,500", "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1] == "2026,23020"


@pytest.mark.parametrize("args,message", [
    (["--baseline", "2025", "--target", "2030=29500"],
     "bhxh: --baseline '2025' is not YEAR=COUNT; type, for example, --baseline 2025=21400\n"),
    (["--baseline", "x=1", "--target", "2030=29500"],
     "bhxh: --baseline 'x=1': 'x' is not a year from 1990 to 2100; type, for example, --baseline 2025=21400\n"),
    (["--baseline", "2025=21400", "--target", "20300=29500"],
     "bhxh: --target '20300=29500': '20300' is not a year from 1990 to 2100; type, for example, "
     "--target 2030=29500\n"),
    (["--baseline", "2025=-5", "--target", "2030=29500"],
     "bhxh: --baseline '2025=-5': '-5' is not a number of people (a whole number, 0 or more); type, for "
     "example, --baseline 2025=21400\n"),
    (["--baseline", "2025=21400", "--target", "2030=29.5"],
     "bhxh: --target '2030=29.5': '29.5' is not a number of people (a whole number, 0 or more); type, for "
     "example, --target 2030=29500\n"),
    (["--baseline", "2025=21400", "--target", "2030=29500000000"],
     "bhxh: --target '2030=29500000000': 29500000000 is more than a billion people; check the number\n"),
    (["--baseline", "2025=21400", "--target", "2025=29500"],
     "bhxh: --target '2025=29500': the target year 2025 is not after the baseline year 2025; type a later "
     "year, for example --target 2030=29500\n"),
    (["--baseline", "2025=21400", "--target", "2020=29500"],
     "bhxh: --target '2020=29500': the target year 2020 is not after the baseline year 2025; type a later "
     "year, for example --target 2030=29500\n"),
    (["--baseline", "2025=0", "--target", "2030=29500", "--method", "growth"],
     "bhxh: --baseline '2025=0': a constant growth rate cannot start from 0 people; use --method linear, or a "
     "baseline above 0\n"),
    (["--baseline", "2025=10", "--target", "2030=0", "--method", "growth"],
     "bhxh: --target '2030=0': a constant growth rate cannot reach 0 people; use --method linear\n"),
    ([*ISSUE, "--output-dir", "."],
     "bhxh: --output-dir needs --plan PLAN: the plan to write a copy of for each year\n"),
    ([*ISSUE, "--plan", PLAN_2020],
     "bhxh: --plan needs --output-dir DIR: the folder to write plan_YEAR.yaml files in\n"),
    ([*ISSUE, "--scheme", "voluntary"],
     "bhxh: --scheme needs --plan PLAN and --output-dir DIR: it chooses the plan's scheme whose target the "
     "milestones replace\n"),
])
def test_usage_errors(args, message, english):
    result = run(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)


def test_linear_from_zero_is_allowed():
    result = run("--baseline", "2025=0", "--target", "2027=5", "--format", "csv")
    assert (result.exit_code, result.stdout) == (0, "year,target\n2026,3\n2027,5\n")


# -- a plan file per year ------------------------------------------------------------------------------

def test_a_plan_per_year(tmp_path, english):
    result = run("--baseline", "2025=15000", "--target", "2027=15800", "--plan", PLAN_2020, "--output-dir",
                 str(tmp_path), "--scheme", "mandatory", "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout == "year,target\n2026,15400\n2027,15800\n"
    assert result.stderr == f"wrote {tmp_path / 'plan_2026.yaml'}\nwrote {tmp_path / 'plan_2027.yaml'}\n"
    assert sorted(os.listdir(tmp_path)) == ["plan_2026.yaml", "plan_2027.yaml"]
    text = (tmp_path / "plan_2027.yaml").read_text(encoding="utf-8")
    assert text.startswith("# bhxh milestones: mandatory, 2025 = 15000 -> 2027 = 15800 (linear). This is the 2027 "
                           "milestone, with the year before's as its baseline.\n# Made from plan_2020.yaml: "
                           "plan.number and eligible are that plan's (replace the number with this year's plan's).\n")
    assert text.endswith('version: 1\nplan:\n  number: "519/KH-UBND"\n  issuer: "UBND huyện Triệu Sơn"\n'
                         '  area: "Huyện Triệu Sơn, tỉnh Thanh Hóa"\n  year: 2027\n'
                         '  implements: ["58/KH-UBND", "102/NQ-CP"]\nschemes:\n'
                         '  mandatory: {eligible: 15890, enrolled: 15800, baseline: 15400}\n')
    assert "baseline: 15000}" in (tmp_path / "plan_2026.yaml").read_text(encoding="utf-8")
    checked = runner.invoke(app, ["check", str(tmp_path)])
    assert (checked.exit_code, checked.stderr) == (0, "checked 2 files: no problems\n")


def test_the_plans_one_scheme_needs_no_scheme_option(tmp_path):
    minimal = os.path.join(PLANS, "minimal.yaml")  # voluntary: eligible 100
    result = run("--baseline", "2025=10", "--target", "2026=20", "--plan", minimal, "--output-dir", str(tmp_path))
    assert result.exit_code == 0
    assert "voluntary: {eligible: 100, enrolled: 20, baseline: 10}" in (tmp_path / "plan_2026.yaml").read_text(
        encoding="utf-8")


def test_several_schemes_need_the_scheme_option(tmp_path, english):
    result = run(*ISSUE, "--plan", PLAN_2020, "--output-dir", str(tmp_path))
    assert (result.exit_code, result.stderr) == (2, f"bhxh: {PLAN_2020} has 3 schemes (mandatory, voluntary, "
                                                    f"unemployment); choose the one the milestones are for with "
                                                    f"--scheme\n")
    assert os.listdir(tmp_path) == []


def test_a_scheme_the_plan_does_not_have(tmp_path, english):
    minimal = os.path.join(PLANS, "minimal.yaml")
    result = run("--baseline", "2025=10", "--target", "2026=20", "--plan", minimal, "--output-dir", str(tmp_path),
                 "--scheme", "mandatory")
    assert (result.exit_code, result.stderr) == (2, f"bhxh: {minimal} has no mandatory scheme; choose one of "
                                                    f"voluntary with --scheme\n")


def test_a_milestone_above_eligible_writes_nothing(tmp_path, english):
    result = run("--baseline", "2025=15000", "--target", "2027=16000", "--plan", PLAN_2020, "--output-dir",
                 str(tmp_path), "--scheme", "mandatory")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"{PLAN_2020}:19:15: schemes.mandatory.eligible: the 2027 milestone (16000) is more than eligible "
        f"(15890); a plan's counts cannot exceed the people eligible: raise eligible in the plan, or choose a "
        f"lower --target (milestone-above-eligible)\n")
    assert os.listdir(tmp_path) == []


def test_a_baseline_above_eligible(tmp_path, english):
    result = run("--baseline", "2025=16000", "--target", "2027=15000", "--plan", PLAN_2020, "--output-dir",
                 str(tmp_path), "--scheme", "mandatory")
    assert result.exit_code == 1
    assert result.stderr == (
        f"{PLAN_2020}:19:15: schemes.mandatory.eligible: the baseline (16000) is more than eligible (15890); a "
        f"plan's counts cannot exceed the people eligible: raise eligible in the plan, or check --baseline "
        f"(milestone-above-eligible)\n")


def test_existing_files_are_kept_without_force(tmp_path, english):
    (tmp_path / "plan_2027.yaml").write_text("mine\n", encoding="utf-8")
    args = ["--baseline", "2025=15000", "--target", "2027=15800", "--plan", PLAN_2020, "--output-dir",
            str(tmp_path), "--scheme", "mandatory"]
    result = run(*args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"bhxh: {tmp_path / 'plan_2027.yaml'}: already exists; pass --force to replace it\n"
    assert os.listdir(tmp_path) == ["plan_2027.yaml"]  # nothing half-written: 2026 was not written either
    assert (tmp_path / "plan_2027.yaml").read_text(encoding="utf-8") == "mine\n"
    assert run(*args, "--force").exit_code == 0
    assert "enrolled: 15800" in (tmp_path / "plan_2027.yaml").read_text(encoding="utf-8")


def test_the_output_folder_must_exist(tmp_path, english):
    missing = tmp_path / "nowhere"
    result = run(*ISSUE, "--plan", PLAN_2020, "--output-dir", str(missing), "--scheme", "mandatory")
    assert (result.exit_code, result.stderr) == (2, f"bhxh: --output-dir {missing}: the folder does not exist; "
                                                    f"create it first, or give another folder\n")


def test_a_plan_that_is_not_there(tmp_path, english):
    result = run(*ISSUE, "--plan", str(tmp_path / "none.yaml"), "--output-dir", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr == f"bhxh: {tmp_path / 'none.yaml'}: no such file\n"
