"""`allocate -c TABLE -p V2PLAN` for schemes whose rates are not of eligible people: health insurance split by
the table's population, a labour-force scheme by its labour force and capped by its eligible people."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bhxh_cli.tables.headers import header_key
from tests.test_allocate_v2 import WARDS, plan, run

HEALTH_TABLE = ("Mã,Tên đơn vị,Dân số,Đã tham gia BHYT,mandatory_eligible,mandatory_enrolled\n"
                "01,Phường Một,1200,1000,400,100\n02,Xã Hai,800,790,600,300\n")

LABOUR = """version: 2
plan: {number: 2/KH-UBND, area: Tỉnh Mẫu, year: 2026}
schemes:
  mandatory: {labour_force: 10000, denominator: labour_force, target: {rate: 10.0}}
"""


def table(tmp_path, text: str, name: str = "communes.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_health_as_a_rate_of_the_population_splits_as_people_with_each_rate_shown(tmp_path):
    result = run("allocate", "-p", plan(tmp_path, WARDS), "-c", table(tmp_path, HEALTH_TABLE), "-s", "bhyt")
    assert (result.exit_code, result.stderr) == (0, "")
    lines = [" ".join(line.split()) for line in result.stdout.splitlines()]
    # 95% of 2,000 people is 1,900; each unit's resulting coverage rate to two decimals
    assert "01 Phường Một phường 1.200 1.000 1.110 92,50%" in lines
    assert "02 Xã Hai xã 800 790 790 98,75%" in lines
    assert "TỔNG SỐ 2.000 1.790 1.900 95,00%" in lines


def test_health_json_gives_people_and_the_denominator(tmp_path):
    result = run("allocate", "-p", plan(tmp_path, WARDS), "-c", table(tmp_path, HEALTH_TABLE), "-f", "json")
    units = [u for u in json.loads(result.stdout)["units"] if u["scheme"] == "health"]
    # no eligible count in the table: null, not the population under its name
    assert [(u["denominator"], u["eligible"], u["population"], u["enrolled"], u["target"], str(u["rate"]))
            for u in units] == [("population", None, 1200, 1000, 1110, "92.5"), ("population", None, 800, 790, 790, "98.75")]


def test_a_health_table_written_as_a_plan_passes_check(tmp_path):
    out = tmp_path / "out.yaml"
    result = run("allocate", "-p", plan(tmp_path, WARDS), "-c", table(tmp_path, HEALTH_TABLE), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert "health: {population: 1200, enrolled: 1000, target: 1110}" in out.read_text(encoding="utf-8")
    checked = run("check", str(out))
    assert (checked.exit_code, checked.stdout) == (0, "")


def test_a_missing_health_column_is_named_with_what_it_holds(tmp_path):
    path = table(tmp_path, "Mã,Tên đơn vị,Dân số\n01,Phường Một,1200\n02,Xã Hai,800\n")
    result = run("allocate", "-p", plan(tmp_path, WARDS), "-c", path, "-s", "health", "--floor", "enrolled")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"{path}:1: thiếu cột 'health_enrolled' (số người đang tham gia bảo hiểm y tế); "
                             f"dòng tiêu đề có: Mã, Tên đơn vị, Dân số (missing-column)\n")


def test_health_asked_for_by_name_needs_the_population(tmp_path):
    path = table(tmp_path, "code,name,mandatory_eligible\n01,Phường Một,400\n02,Xã Hai,600\n")
    result = run("allocate", "-p", plan(tmp_path, WARDS), "-c", path, "-s", "health")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"{path}:1: thiếu cột 'health_population' (dân số, mẫu số của tỷ lệ bảo hiểm y tế); "
                             f"dòng tiêu đề có: code, name, mandatory_eligible (missing-column)\n")


def test_health_without_the_population_is_left_out_with_a_note_when_not_asked_for(tmp_path):
    path = table(tmp_path, "code,name,mandatory_eligible\n01,Phường Một,400\n02,Xã Hai,600\n")
    result = run("allocate", "-p", plan(tmp_path, WARDS), "-c", path, "-f", "csv")
    assert result.exit_code == 0
    assert result.stderr.startswith("ghi chú: bảo hiểm y tế không chia theo bảng xã (bảng không có cột")
    assert "health" not in result.stdout


def test_a_labour_force_scheme_is_weighted_by_it_and_capped_by_the_eligible(tmp_path):
    # by the labour force Xã A would get 600 of the 1,000 (10% of 10,000); it has only 450 eligible
    path = table(tmp_path, "code,name,Lực lượng lao động,mandatory_eligible\n01,Xã A,6000,450\n02,Xã B,4000,2000\n")
    result = run("allocate", "-p", plan(tmp_path, LABOUR), "-c", path, "-f", "json", "--explain")
    assert (result.exit_code, result.stderr) == (0, "")
    units = json.loads(result.stdout)["units"]
    assert [(u["code"], u["denominator"], u["labour_force"], u["eligible"], u["population"], u["target"], u["bound"])
            for u in units] == [("01", "labour_force", 6000, 450, None, 450, "eligible"),
                                ("02", "labour_force", 4000, 2000, None, 550, None)]


def test_a_labour_force_split_written_as_a_plan_keeps_both_counts(tmp_path):
    path = table(tmp_path, "code,name,mandatory_labour_force,mandatory_eligible\n01,Xã A,6000,450\n02,Xã B,4000,2000\n")
    out = tmp_path / "out.yaml"
    result = run("allocate", "-p", plan(tmp_path, LABOUR), "-c", path, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "mandatory: {labour_force: 6000, eligible: 450, denominator: labour_force, target: 450}" in text
    assert run("check", str(out)).exit_code == 0


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3000), st.integers(0, 1500)), min_size=1, max_size=6), st.data())
def test_a_labour_force_split_is_exact_and_never_above_eligible(tmp_path_factory, communes, data):
    tmp_path = tmp_path_factory.mktemp("lf")
    room = sum(eligible for weight, eligible in communes if weight > 0)
    force = sum(weight for weight, _ in communes)
    rate = data.draw(st.integers(0, 100))
    target = -(-rate * force // 100)
    rows = "".join(f"{i},Xã {i},{w},{e}\n" for i, (w, e) in enumerate(communes))
    path = table(tmp_path, "code,name,labour_force,mandatory_eligible\n" + rows)
    text = LABOUR.replace("10000", str(force)).replace("10.0", f"{rate}.0")
    result = run("allocate", "-p", plan(tmp_path, text), "-c", path, "-f", "json")
    if target > room:
        assert result.exit_code == 1 and "(infeasible)" in result.stderr
        return
    assert result.exit_code == 0, result.stderr
    units = json.loads(result.stdout)["units"]
    assert sum(u["target"] for u in units) == target
    assert all(u["target"] <= e for u, (_, e) in zip(units, communes))


@pytest.mark.parametrize(("label", "group", "key"), [
    ("Dân số", "", "population"), ("Tổng dân số", "", "population"), ("population", "", "population"),
    ("Dân số", "Bảo hiểm y tế", "population"), ("health_population", "", "health_population"),
    ("BHYT dân số", "", "health_population"), ("Số người tham gia BHYT", "", "health_enrolled"),
    ("Đã tham gia BHYT", "", "health_enrolled"), ("Dân số tham gia BHYT", "", "health_enrolled"),
    ("Số người tham gia", "Bảo hiểm y tế", "health_enrolled"), ("Lực lượng lao động", "", "labour_force"),
    ("mandatory_labour_force", "", "mandatory_labour_force"), ("Tỷ lệ tham gia BHYT (%)", "", "health_rate"),
])
def test_health_and_labour_force_headers(label, group, key):
    assert header_key(label, group) == key


def test_one_population_column_serves_a_scheme_s_own_key(tmp_path):
    from bhxh_cli.tables.communes import read_communes

    path = table(tmp_path, "code,name,Dân số\n01,Xã A,1200\n")
    read = read_communes(path, required=["health_population"], optional=["voluntary_population"])
    assert [r.counts for r in read.rows] == [{"health_population": 1200, "voluntary_population": 1200}]


def test_the_plan_alone_splits_a_labour_force_scheme_within_each_unit_s_eligible(tmp_path):
    text = LABOUR + """units:
  - {code: "01", name: Xã A, kind: xã, schemes: {mandatory: {labour_force: 6000, eligible: 450}}}
  - {code: "02", name: Xã B, kind: xã, schemes: {mandatory: {labour_force: 4000, eligible: 2000}}}
"""
    result = run("allocate", "-p", plan(tmp_path, text), "-f", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    assert [(u["code"], u["labour_force"], u["eligible"], u["target"], str(u["rate"]))
            for u in json.loads(result.stdout)["units"]] == [("01", 6000, 450, 450, "7.5"), ("02", 4000, 2000, 550, "13.8")]


def test_json_of_a_labour_force_tree_gives_each_parent_its_eligible_and_its_labour_force(tmp_path):
    # a group of two communes: its eligible is the sum of theirs (it gives none); the area's rate is of the
    # labour force, so every unit's rate is too
    text = LABOUR + """units:
  - code: "01"
    name: Nhóm 1
    kind: nhóm
    schemes: {mandatory: {labour_force: 6000}}
    units:
      - {code: "011", name: Xã A, kind: xã, schemes: {mandatory: {labour_force: 2000, eligible: 300}}}
      - {code: "012", name: Xã B, kind: xã, schemes: {mandatory: {labour_force: 4000, eligible: 700}}}
  - {code: "02", name: Xã C, kind: xã, schemes: {mandatory: {labour_force: 4000}}}
"""
    result = run("allocate", "-p", plan(tmp_path, text), "-f", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    assert [(u["code"], u["denominator"], u["eligible"], u["labour_force"], u["population"], u["target"],
             str(u["rate"])) for u in json.loads(result.stdout)["units"]] == [
        ("01", "labour_force", 1000, 6000, None, 600, "10.0"), ("02", "labour_force", None, 4000, None, 400, "10.0"),
        ("011", "labour_force", 300, 2000, None, 200, "10.0"), ("012", "labour_force", 700, 4000, None, 400, "10.0")]


def test_csv_of_a_health_split_has_a_column_per_count(tmp_path):
    result = run("allocate", "-p", plan(tmp_path, WARDS), "-c", table(tmp_path, HEALTH_TABLE), "-s", "bhyt", "-f", "csv")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "code,name,level,parent,scheme,denominator,eligible,labour_force,population,enrolled,target,rate",
        "01,Phường Một,commune,,health,population,,,1200,1000,1110,92.50",
        "02,Xã Hai,commune,,health,population,,,800,790,790,98.75"]
