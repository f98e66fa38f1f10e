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
         "rate_of_population": "95.00", "stated_rate": "", "rate_agrees": ""},
    ]


def test_a_rate_target_becomes_the_smallest_count_that_reaches_it():
    # 95% of 413,522 people is 392,845.9: 392,846 people reach it
    health = json.loads(run("rates", LAI_CHAU, "-f", "json").stdout)["schemes"][3]
    assert (health["target"], health["rate_of_population"]) == (392846, 95.0)


def test_rates_by_commune_show_the_tree_down_to_the_communes_with_every_level_total():
    result = run("rates", THANH_HOA, "--by", "commune", "-f", "json")
    assert result.exit_code == 0, result.stderr
    units = json.loads(result.stdout)["units"]
    mandatory = [u for u in units if u["scheme"] == "mandatory"]
    # the four districts (three given without communes), and Triệu Sơn's 34 communes under it
    districts = [u for u in mandatory if u["level"] == "district"]
    communes = [u for u in mandatory if u["level"] == "commune"]
    assert (len(districts), len(communes)) == (4, 34)
    assert sum(u["target"] for u in districts) == 111720  # the province's target
    assert sum(u["target"] for u in communes) == 15530 == districts[0]["target"]  # Triệu Sơn's
    assert {u["parent"] for u in communes} == {"Huyện Triệu Sơn"}
    assert (mandatory[0]["code"], mandatory[0]["name"], mandatory[0]["parent"]) == (None, "Huyện Triệu Sơn", None)


def test_rates_by_district_stop_at_the_districts():
    result = run("rates", THANH_HOA, "--by", "huyện", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["name"], r["level"], r["target"]) for r in rows if r["scheme"] == "mandatory"] == [
        ("Huyện Triệu Sơn", "district", "15530"), ("Huyện Thọ Xuân", "district", "16640"),
        ("Huyện Nông Cống", "district", "12010"), ("Thành phố Thanh Hóa", "district", "67540")]


def test_a_level_the_plan_does_not_have_is_named_with_those_it_has():
    result = run("rates", THANH_HOA, "--by", "thôn")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "bhxh: --by thôn: kế hoạch này không có cấp đó; các cấp có trong kế hoạch: huyện, xã\n"


def test_a_version_1_plan_has_communes_only():
    result = run("rates", "--by", "district")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "bhxh: --by district: kế hoạch định dạng 1 chỉ có các xã; hãy ghi --by xã\n"


def test_the_terminal_table_names_the_denominator_in_vietnamese():
    result = run("rates", LAI_CHAU)
    assert result.exit_code == 0
    health = next(line for line in result.stdout.splitlines() if line.strip().startswith("Bảo hiểm y tế"))
    assert health.split() == ["Bảo", "hiểm", "y", "tế", "—", "—", "413.522", "392.846", "—", "—", "95,00%", "dân",
                              "số", "—"]


def test_a_workbook_of_version_2_rates_has_a_sheet_per_scheme_with_its_denominators(tmp_path):
    import openpyxl

    result = run("rates", LAI_CHAU, "--by", "commune", "-o", str(tmp_path / "r.xlsx"))
    assert (result.exit_code, result.stderr) == (0, f"đã ghi {tmp_path / 'r.xlsx'}\n")
    book = openpyxl.load_workbook(tmp_path / "r.xlsx")
    assert book.sheetnames == ["BHXH bắt buộc", "BHXH tự nguyện", "Bảo hiểm thất nghiệp", "Bảo hiểm y tế"]
    rows = list(book["Bảo hiểm y tế"].iter_rows(values_only=True))
    header = next(r for r in rows if r and r[0] == "STT")
    assert "Dân số" in header and "Tỷ lệ / dân số" in header
    first = rows[rows.index(header) + 3]
    assert first[:3] == (1, "03388", "Phường Đoàn Kết")


def test_rates_by_level_name_each_unit_by_its_kind_and_population_rates_have_two_decimals(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text("version: 2\nplan: {number: 10/KH-UBND, area: Tỉnh Hậu Giang, kind: tỉnh, year: 2026}\n"
                    "schemes:\n  health: {population: 200000, target: 190290, rate: 95.15}\nunits:\n"
                    "  - {code: '1', name: Phường A, kind: phường, schemes: {health: {population: 100001, target: 95150}}}\n"
                    "  - {code: '2', name: Thị trấn B, kind: thị trấn, schemes: {health: {population: 99999, target: 95140}}}\n",
                    encoding="utf-8")
    result = CliRunner().invoke(app, ["rates", str(plan), "--by", "xã", "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["name"], r["rate_of_population"]) for r in rows] == [("Phường A", "95.15"), ("Thị trấn B", "95.14")]
    table = CliRunner().invoke(app, ["rates", str(plan), "--by", "xã"], env={"COLUMNS": "150", "BHXH_LANG": "vi"})
    assert any("Phường A" in line and "95,15%" in line for line in table.stdout.splitlines())
    tree = CliRunner().invoke(app, ["rates", THANH_HOA, "--by", "xã"], env={"COLUMNS": "150", "BHXH_LANG": "vi"})
    lines = tree.stdout.splitlines()  # the level column: each unit's kind, not "xã" for every one
    assert any("Thị trấn Triệu Sơn" in line and " thị trấn " in line for line in lines)
    assert any("Xã Thọ Sơn" in line and " xã " in line for line in lines)
    stated = CliRunner().invoke(app, ["rates", str(plan)], env={"COLUMNS": "150", "BHXH_LANG": "vi"})
    assert "95,15% ✓" in stated.stdout and "95,2%" not in stated.stdout


TWO_DOCUMENTS = """version: 2
plan: {number: 99/KH-UBND, area: Thành phố Cần Thơ, kind: thành phố, year: 2026}
schemes:
  mandatory: {eligible: 152081, target: {rate: 95, minimum: true, document: 99/KH-UBND}, other_targets: [{rate: 96.5, document: 123/KH-BHXH}]}
  health: {population: 1152328, target: {rate: 95.15, minimum: true}, other_targets: [{rate: 96, minimum: true, document: 45/KH-BHXH}]}
"""


def test_a_minimum_target_and_other_documents_targets_are_said_beside_the_table(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(TWO_DOCUMENTS, encoding="utf-8")
    result = CliRunner().invoke(app, ["rates", str(plan)], env={"COLUMNS": "200", "BHXH_LANG": "vi"})
    assert result.exit_code == 0, result.stderr
    # 95% of 152,081 = 144,476.95 -> 144,477; 96.5% -> 146,758.165 -> 146,759; 96% of 1,152,328 -> 1,106,235
    assert result.stdout.splitlines()[-4:] == [
        "BHXH bắt buộc: chỉ tiêu 144.477 người (95% thuộc diện) là mức tối thiểu (đạt từ mức này trở lên), theo "
        "99/KH-UBND",
        "BHXH bắt buộc: 123/KH-BHXH giao 146.759 người (96,5% thuộc diện); tiến độ tính theo chỉ tiêu của kế hoạch này",
        "Bảo hiểm y tế: chỉ tiêu 1.096.441 người (95,15% dân số) là mức tối thiểu (đạt từ mức này trở lên)",
        "Bảo hiểm y tế: 45/KH-BHXH giao tối thiểu 1.106.235 người (96% dân số); tiến độ tính theo chỉ tiêu của kế "
        "hoạch này"]
    document = json.loads(CliRunner().invoke(app, ["rates", str(plan), "-f", "json"]).stdout)
    mandatory = document["schemes"][0]
    assert (mandatory["minimum"], mandatory["document"]) == (True, "99/KH-UBND")
    assert mandatory["other_targets"] == [{"document": "123/KH-BHXH", "target": 146759, "rate": "96.5",
                                           "of": "eligible", "minimum": False}]
    gap = CliRunner().invoke(app, ["gap", "-p", str(plan), "-s", "bhyt"], env={"COLUMNS": "200", "BHXH_LANG": "vi"})
    assert gap.stdout.splitlines()[-1].startswith("Bảo hiểm y tế: 45/KH-BHXH giao tối thiểu 1.106.235 người")
