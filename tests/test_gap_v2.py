"""`gap` on plan format version 2: units of a tree, every level's totals, health insurance's coverage."""

from __future__ import annotations

import csv
import io
import json
import os

import pytest
from typer.testing import CliRunner

from bhxh_cli.cli import app

HERE = os.path.dirname(__file__)
LAI_CHAU = os.path.join(HERE, "..", "data", "plan_2026_lai_chau_v2.yaml")
THANH_HOA = os.path.join(HERE, "..", "data", "plan_2020_thanh_hoa_v2.yaml")

pytestmark = pytest.mark.usefixtures("english_module")  # these assert the English wording


def run(*args):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def report(tmp_path, text):
    path = tmp_path / "report.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_health_progress_of_a_ward_as_offices_report_it(tmp_path):
    path = report(tmp_path, 'Mã ĐVHC,"Xã, phường",BHYT tham gia\n03388,Phường Đoàn Kết,14077\n03390,Xã Bình Lư,7000\n')
    result = run("gap", "-p", LAI_CHAU, "-a", path, "--as-of", "30/06/2026", "-s", "bhyt", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    ward = next(row for row in rows if row["name"] == "Phường Đoàn Kết")  # laggards first: Xã Bình Lư
    # 14,077 of a population of 15,951: 88.25% covered; 92.90% of its target of 15,153 people (a share of the
    # population: two decimals in every row, the total's too)
    assert (ward["name"], ward["coverage"], ward["achieved"], ward["target"]) == ("Phường Đoàn Kết", "88.25",
                                                                                   "92.90", "15153")
    assert result.stderr == (f"warning: {path}: 36 of the plan's 38 units are not in this report; they are shown "
                             f"as no report and left out of the totals\n")
    total = rows[-1]
    assert (total["level"], total["target"], total["actual"]) == ("area", str(15153 + 11296), str(14077 + 7000))
    assert total["achieved"] == "79.69"  # 21,077 / 26,449 = 79.6888…
    table = CliRunner().invoke(app, ["gap", "-p", LAI_CHAU, "-a", path, "--as-of", "30/06/2026", "-s", "bhyt"],
                               env={"COLUMNS": "150", "BHXH_LANG": "vi"})
    ward_line = next(line for line in table.stdout.splitlines() if "Phường Đoàn Kết" in line)
    assert ward_line.split()[4:8] == ["15.153", "95,00%", "14.077", "92,90%"]  # the target rate beside the target


def test_every_level_has_its_total(tmp_path):
    path = report(tmp_path, "code,name,mandatory_enrolled\n15664,Thị trấn Triệu Sơn,900\n15667,Xã Thọ Sơn,500\n")
    result = run("gap", "-p", THANH_HOA, "-a", path, "--as-of", "30/06/2020", "-s", "bb", "-f", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)["rows"]
    district = next(r for r in rows if r["name"] == "Huyện Triệu Sơn")
    area = next(r for r in rows if r["level"] == "area")
    assert (district["actual"], district["units"]) == (1400, 2)
    assert (area["actual"], area["units"]) == (1400, 2)
    commune = next(r for r in rows if r["name"] == "Xã Thọ Sơn")
    assert (commune["level"], commune["parent"], commune["actual"]) == ("commune", "Huyện Triệu Sơn", 500)


def test_a_unit_the_plan_does_not_have_is_named(tmp_path):
    path = report(tmp_path, "code,name,mandatory_enrolled\n99999,Xã Không Có,10\n")
    result = run("gap", "-p", LAI_CHAU, "-a", path, "--as-of", "30/06/2026", "-s", "bb")
    assert result.exit_code == 1
    assert result.stderr == (f"{path}:2:code: commune 99999 (Xã Không Có) is not in the plan, by code or by name "
                             f"(the nearest names in the plan: Xã Khổng Lào, Xã Khoen On, Xã Phong Thổ); correct "
                             f"the code or name, or split the plan again (unknown-commune)\n")


def test_a_version_2_report_is_matched_as_a_version_1_report_is(tmp_path):
    # one matcher for both versions: a code naming another unit than the row's name is refused; a row matched by
    # its name whose code the plan does not have is counted, with a warning
    mixed = report(tmp_path, "code,name,mandatory_enrolled\n03394,Xã Tả Lèng,12\n")
    result = run("gap", "-p", LAI_CHAU, "-a", mixed, "--as-of", "30/06/2026", "-s", "bb")
    assert result.exit_code == 1
    assert result.stderr.endswith("'Xã Tả Lèng'; correct the code or the name (code-name-mismatch)\n")
    renamed = report(tmp_path, "code,name,mandatory_enrolled\n99999,Xã Tả Lèng,12\n")
    result = run("gap", "-p", LAI_CHAU, "-a", renamed, "--as-of", "30/06/2026", "-s", "bb", "-f", "json")
    assert result.exit_code == 0
    assert result.stderr.startswith(f"{renamed}:2:code: warning: ") and "(code-not-in-plan)" in result.stderr
    assert next(r for r in json.loads(result.stdout)["rows"] if r["code"] == "03405")["actual"] == 12


def test_a_report_of_another_area_is_one_line_not_one_a_row(tmp_path):
    other = report(tmp_path, "code,name,mandatory_enrolled\n" + "".join(
        f"3100{i},Phường Ninh Kiều {i},10\n" for i in range(6)))
    result = run("gap", "-p", LAI_CHAU, "-a", other, "--as-of", "30/06/2026", "-s", "bb")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and result.stderr.endswith("(no-matching-commune)\n")


UNSPLIT = """version: 2
plan: {number: 77/KH-UBND, area: Tỉnh Nghệ An, kind: tỉnh, year: 2022}
schemes:
  mandatory: {eligible: 10000, target: 9000}
  voluntary: {eligible: 20000, target: 1000}
units:
  - {code: "412", name: Huyện Diễn Châu, kind: huyện, schemes: {mandatory: {eligible: 6000, target: 5400}, voluntary: {eligible: 12000}}, units: [
      {code: "17125", name: Thị trấn Diễn Châu, kind: thị trấn, schemes: {mandatory: {eligible: 3000, target: 2700}, voluntary: {eligible: 6000}}},
      {code: "17128", name: Xã Diễn Lâm, kind: xã, schemes: {mandatory: {eligible: 3000, target: 2700}, voluntary: {eligible: 6000}}}]}
  - {code: "413", name: Huyện Yên Thành, kind: huyện, schemes: {mandatory: {eligible: 4000, target: 3600}, voluntary: {eligible: 8000}}, units: [
      {code: "17200", name: Thị trấn Yên Thành, kind: thị trấn, schemes: {mandatory: {eligible: 4000}, voluntary: {eligible: 8000}}}]}
"""


def test_units_without_targets_are_never_dropped_from_progress_unseen(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(UNSPLIT, encoding="utf-8")
    path = report(tmp_path, "code,name,mandatory_enrolled,voluntary_enrolled\n17125,Thị trấn Diễn Châu,2000,100\n"
                            "17128,Xã Diễn Lâm,2100,200\n17200,Thị trấn Yên Thành,3000,300\n")
    # some units have a target and one has none: refused, naming it
    result = run("gap", "-p", str(plan), "-a", path, "--as-of", "30/06/2022", "-s", "bb")
    assert result.exit_code == 1
    # it points at the first unit without it: the line and column of its mandatory figures
    assert result.stderr == (f"{plan}:11:86: units[1].units[0].schemes.mandatory: 1 of the 3 units has no mandatory "
                             f"target: 17200 (Thị trấn Yên Thành); progress "
                             f"needs every unit's target: split the plan with `bhxh allocate -p {plan} -o "
                             f"split_plan.yaml` and run gap on that file (unit-without-target)\n")
    # no unit has a voluntary target: asked for by name, refused; else left out with a note
    result = run("gap", "-p", str(plan), "-a", path, "--as-of", "30/06/2022", "-s", "tn")
    assert result.exit_code == 1 and "3/3 units have no voluntary target" in result.stderr
    plan.write_text(UNSPLIT.replace("mandatory: {eligible: 4000}, ", "mandatory: {eligible: 4000, target: 3600}, "),
                    encoding="utf-8")
    result = run("gap", "-p", str(plan), "-a", path, "--as-of", "30/06/2022", "-f", "json")
    assert result.exit_code == 0
    assert result.stderr.startswith("note: voluntary left out: the units of the plan have no target for it yet")
    rows = json.loads(result.stdout)["rows"]
    assert {r["scheme"] for r in rows} == {"mandatory"}
    assert next(r for r in rows if r["level"] == "area")["actual"] == 7100


def test_the_level_column_names_each_unit_by_its_kind_and_the_total_by_none():
    result = CliRunner().invoke(app, ["gap", "-p", THANH_HOA, "-s", "bb"], env={"BHXH_LANG": "vi", "COLUMNS": "150"})
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any(" Thị trấn Triệu Sơn " in line and " thị trấn " in line for line in lines)
    assert any(" Thành phố Thanh Hóa " in line and " thành phố " in line for line in lines)
    total = next(line for line in lines if "TỔNG SỐ" in line)
    assert "area" not in total and "xã" not in total
    english = run("gap", "-p", THANH_HOA, "-s", "bb")
    assert any(" Thị trấn Triệu Sơn " in line and " township " in line for line in english.stdout.splitlines())


def test_a_plan_whose_units_have_no_target_at_all_points_at_its_units(tmp_path):
    plan = tmp_path / "plan.yaml"
    unsplit = UNSPLIT.replace("target: 5400", "eligible: 6000").replace("target: 2700", "eligible: 3000")
    unsplit = unsplit.replace("eligible: 6000, eligible: 6000", "eligible: 6000").replace(
        "eligible: 3000, eligible: 3000", "eligible: 3000").replace("eligible: 4000, target: 3600", "eligible: 4000")
    plan.write_text(unsplit, encoding="utf-8")
    path = report(tmp_path, "code,name,mandatory_enrolled,voluntary_enrolled\n17125,Thị trấn Diễn Châu,2000,100\n"
                            "17128,Xã Diễn Lâm,2100,200\n17200,Thị trấn Yên Thành,3000,300\n")
    result = CliRunner().invoke(app, ["gap", "-p", str(plan), "-a", path, "--as-of", "30/06/2022"])
    assert (result.exit_code, result.stderr) == (
        1, f"{plan}:7:3: units: the units of the plan have no targets yet; split the plan with "
           f"`bhxh allocate -p {plan} -o split_plan.yaml` and run gap on that file (unit-without-target)\n")
