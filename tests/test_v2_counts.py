"""Version 2 plans: every count a scheme gives (eligible, labour force, population) caps the people taking part
and every target; a declared denominator needs its count. In Vietnamese, through `check` and `allocate`."""

from __future__ import annotations

import os

import pytest
from typer.testing import CliRunner

from bhxh_cli.cli import app

BAD = os.path.join(os.path.dirname(__file__), "fixtures", "plans_v2", "bad")


def run(*args):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


@pytest.mark.parametrize("name, line", [
    ("enrolled_above_population", "6:94: units[0].schemes.health.enrolled: 9.000 lớn hơn dân số (8.000); số người "
                                  "tham gia không thể vượt dân số (enrolled-above-population)"),
    ("enrolled_above_labour_force", "4:45: schemes.mandatory.enrolled: 1.200 lớn hơn lực lượng lao động (1.000); "
                                    "số người tham gia không thể vượt lực lượng lao động (enrolled-above-labour-force)"),
    ("baseline_above_population", "4:40: schemes.health.baseline: 1.001 lớn hơn dân số (1.000); số người tham gia "
                                  "không thể vượt dân số (baseline-above-population)"),
    ("target_above_eligible", "4:78: schemes.mandatory.target: chỉ tiêu tính ra 27.000 người, nhiều hơn số người "
                              "thuộc diện tham gia (20.000); chỉ tiêu không thể vượt số người thuộc diện tham gia "
                              "(target-above-eligible)"),
    ("target_above_labour_force", "4:58: schemes.mandatory.target: chỉ tiêu tính ra 600 người, nhiều hơn lực lượng "
                                  "lao động (500); chỉ tiêu không thể vượt lực lượng lao động (target-above-labour-force)"),
    ("target_above_population", "4:60: schemes.voluntary.target: chỉ tiêu tính ra 900 người, nhiều hơn dân số (800); "
                                "chỉ tiêu không thể vượt dân số (target-above-population)"),
    ("denominator_without_count", "6:18: schemes.mandatory.denominator: tỷ lệ của loại hình này tính trên population, "
                                  "nhưng chưa có population; hãy thêm population: <số người> bên cạnh, hoặc bỏ "
                                  "denominator (missing-denominator)"),
])
def test_check_refuses_a_count_above_another(name, line):
    path = os.path.join(BAD, name + ".yaml")
    result = run("check", path)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == f"{path}:{line}"


def test_enrolled_above_the_population_at_the_area(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text("version: 2\nplan: {number: 12/KH-UBND, area: Tỉnh Hậu Giang, year: 2026}\nschemes:\n"
                    "  health: {population: 20000, enrolled: 21000, target: 19000}\n", encoding="utf-8")
    result = run("rates", str(plan))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"{plan}:4:41: schemes.health.enrolled: 21.000 lớn hơn dân số (20.000); số người tham "
                             f"gia không thể vượt dân số (enrolled-above-population)\n")


def test_a_declared_denominator_without_its_count_is_said_once(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text("version: 2\nplan: {number: 6/KH-UBND, area: Tỉnh Hậu Giang, year: 2026}\nschemes:\n"
                    "  voluntary: {eligible: 9000, denominator: labour_force, target: {rate: 10}}\n", encoding="utf-8")
    result = run("check", str(plan))
    assert result.exit_code == 1
    assert [line.split(": ")[1] for line in result.stdout.splitlines()] == ["schemes.voluntary.denominator"]


def test_a_rate_of_the_labour_force_within_every_count_passes(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text("version: 2\nplan: {number: 77/KH-UBND, area: Tỉnh Nghệ An, year: 2022}\nschemes:\n"
                    "  mandatory: {eligible: 30000, labour_force: 90000, enrolled: 17500, "
                    "target: {rate: 30, of: labour_force}}\n", encoding="utf-8")
    assert run("check", str(plan)).exit_code == 0


def test_allocate_names_a_table_row_enrolled_above_its_population(tmp_path):
    plan, table = tmp_path / "plan.yaml", tmp_path / "communes.csv"
    plan.write_text("version: 2\nplan: {number: 5/KH-UBND, area: Tỉnh Hậu Giang, year: 2026}\nschemes:\n"
                    "  health: {population: 100000, enrolled: 81000, target: {rate: 95.15}}\n", encoding="utf-8")
    table.write_text("code,name,health_population,health_enrolled\n31300,Phường Vị Thanh,60000,61000\n"
                     "31301,Xã Hỏa Lựu,40000,20000\n", encoding="utf-8")
    result = run("allocate", "-p", str(plan), "-c", str(table))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"{table}:2:health_enrolled: 61.000 lớn hơn dân số (60.000); số người tham gia không "
                             f"thể vượt dân số (enrolled-above-population)\n")


def test_a_count_target_above_eligible_when_eligible_is_the_only_count():
    from bhxh_cli.plan import v2

    health = v2.SchemeFigures.model_validate({"eligible": 100, "target": 101})
    mandatory = v2.SchemeFigures.model_validate({"eligible": 100, "enrolled": 101, "target": 100})
    assert [rule for _, _, rule in v2._figure_problems(("schemes",), "health", health)] == ["target-above-eligible"]
    assert [rule for _, _, rule in v2._figure_problems(("schemes",), "mandatory", mandatory)] == [
        "enrolled-above-eligible"]
