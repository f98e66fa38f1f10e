"""`rates` on plan format version 2: every scheme (health included), a rate over every count the plan gives."""

from __future__ import annotations

import csv
import io
import json
import os

from typer.testing import CliRunner

from bhxh_cli.cli import app

HERE = os.path.dirname(__file__)
LAI_CHAU = os.path.join(HERE, "..", "data", "plan_2026_lai_chau_v2.yaml")
THANH_HOA = os.path.join(HERE, "..", "data", "plan_2020_thanh_hoa_v2.yaml")


def run(*args):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def test_rates_of_a_2026_province_over_each_denominator():
    result = run("rates", LAI_CHAU, "-f", "csv")
    assert result.exit_code == 0, result.stderr
    assert list(csv.DictReader(io.StringIO(result.stdout))) == [
        {"scheme": "mandatory", "eligible": "28172", "labour_force": "241793", "population": "",
         "denominator": "eligible", "target": "27045", "rate_of_eligible": "96.0", "rate_of_labour_force": "11.2",
         "rate_of_population": "", "stated_rate": "96.0", "rate_agrees": "true"},
        {"scheme": "voluntary", "eligible": "213621", "labour_force": "241793", "population": "",
         "denominator": "eligible", "target": "12816", "rate_of_eligible": "6.0", "rate_of_labour_force": "5.3",
         "rate_of_population": "", "stated_rate": "", "rate_agrees": ""},
        {"scheme": "unemployment", "eligible": "24001", "labour_force": "241793", "population": "",
         "denominator": "eligible", "target": "22800", "rate_of_eligible": "95.0", "rate_of_labour_force": "9.4",
         "rate_of_population": "", "stated_rate": "95.0", "rate_agrees": "true"},
        {"scheme": "health", "eligible": "", "labour_force": "", "population": "413522",
         "denominator": "population", "target": "392846", "rate_of_eligible": "", "rate_of_labour_force": "",
         "rate_of_population": "95.0", "stated_rate": "", "rate_agrees": ""},
    ]


def test_a_rate_target_becomes_the_smallest_count_that_reaches_it():
    # 95% of 413,522 people is 392,845.9: 392,846 people reach it
    health = json.loads(run("rates", LAI_CHAU, "-f", "json").stdout)["schemes"][3]
    assert (health["target"], health["rate_of_population"]) == (392846, 95.0)


def test_rates_by_unit_through_the_levels_add_up_to_the_area():
    result = run("rates", THANH_HOA, "--by", "commune", "-f", "json")
    assert result.exit_code == 0, result.stderr
    units = json.loads(result.stdout)["units"]
    mandatory = [u for u in units if u["scheme"] == "mandatory"]
    assert len(mandatory) == 34 + 3  # Triệu Sơn's communes, and the three districts given without communes
    assert sum(u["target"] for u in mandatory) == 15530 + 16640 + 12010 + 67540
    assert {u["parent"] for u in mandatory} == {"Huyện Triệu Sơn", None}


def test_the_terminal_table_names_the_denominator_in_vietnamese():
    result = run("rates", LAI_CHAU)
    assert result.exit_code == 0
    health = next(line for line in result.stdout.splitlines() if line.strip().startswith("Bảo hiểm y tế"))
    assert health.split() == ["Bảo", "hiểm", "y", "tế", "—", "—", "413.522", "392.846", "—", "—", "95,0%", "dân",
                              "số", "—"]


def test_a_workbook_of_version_2_rates_is_refused_until_it_is_written(tmp_path):
    result = run("rates", LAI_CHAU, "-o", str(tmp_path / "r.xlsx"))
    assert result.exit_code == 2
    assert not (tmp_path / "r.xlsx").exists()


def test_commands_that_read_version_1_only_say_so_for_a_version_2_plan(tmp_path, english):
    for args in (["gap", "-p", LAI_CHAU], ["allocate", "-p", LAI_CHAU, "-c", os.path.join(HERE, "..", "data",
                                                                                           "communes_2020_example.csv")]):
        result = run(*args)
        assert (result.exit_code, result.stdout) == (1, "")
        assert result.stderr == (f"{LAI_CHAU}:5:10: version: is a plan of format version 2, which `check`, `rates` "
                                 f"and `gap --actual` read; this command reads version 1 plans for now (version)\n")
